#!/usr/bin/env node
// The consumer test: what a force's developer gets from the published packages. Packs every package,
// installs the tarballs into fresh projects outside the workspace (a Node project checked with TypeScript
// strict under `node16` and `bundler` resolution and run as ESM and CommonJS; the standard Vite React
// TypeScript template, type-checked and built), and compiles and runs every code block of every package
// README. A README example that stops working fails this test, naming the README and the line.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNodeProject, createViteProject } from "./lib/projects.mjs";
import { extractBlocks } from "./lib/readme-blocks.mjs";
import { fromRoot, packAll, publishablePackages } from "./lib/workspace.mjs";

const started = performance.now();
const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "stalking-consumer-"));
const failures = [];
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/**
 * One README block placed in a project: where it came from, and the file it became.
 * @typedef {{ readme: string, line: number, lang: string, code: string, file?: string, kind?: string }} Placed
 */

try {
  const tarballs = packAll(join(work, "tarballs"));
  console.log(`packed ${tarballs.length} packages (${elapsed()})`);

  /** @type {Placed[]} */
  const blocks = publishablePackages().flatMap(({ dir }) => {
    const readme = join(dir, "README.md");
    return extractBlocks(readFileSync(readme, "utf8")).map((block) => ({ ...block, readme: fromRoot(readme) }));
  });

  const nodeDir = join(work, "node");
  const viteDir = join(work, "vite-react-ts");
  mkdirSync(nodeDir);
  mkdirSync(viteDir);
  createNodeProject(nodeDir, tarballs);
  console.log(`node project installed (${elapsed()})`);
  createViteProject(viteDir, tarballs);
  console.log(`vite react-ts project installed (${elapsed()})`);

  const placed = blocks.map((block) => place(block, nodeDir, viteDir));
  writeFixtures(nodeDir);

  checkNodeBlocks(
    nodeDir,
    placed.filter((block) => block.kind?.startsWith("node")),
  );
  console.log(`node blocks checked (${elapsed()})`);
  checkViteBlocks(
    viteDir,
    placed.filter((block) => block.kind === "vite"),
  );
  console.log(`vite blocks checked (${elapsed()})`);
  checkPlantedFailure(nodeDir);

  for (const block of placed) {
    const status = block.kind ? (block.failed ? "FAIL" : "ok") : "not code";
    console.log(
      `  ${status.padEnd(8)} ${block.readme}:${block.line - 1} (${block.lang || "text"}) ${block.kind ?? ""}`,
    );
  }
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

if (failures.length > 0) {
  console.error(`\nconsumer test FAILED (${failures.length}):\n\n${failures.join("\n\n")}`);
  process.exitCode = 1;
}
console.log(`consumer test ${failures.length ? "failed" : "passed"} in ${elapsed()}`);

/**
 * Decides where a block runs and writes it there. TSX, and anything using the ui package or a stylesheet,
 * goes into the Vite app; other TypeScript into the Node project (ESM); JavaScript runs in Node as ESM, or
 * as CommonJS when it uses `require`; shell blocks are checked line by line (see checkShell).
 * @param {Placed} block
 * @param {string} nodeDir
 * @param {string} viteDir
 * @returns {Placed}
 */
function place(block, nodeDir, viteDir) {
  const id = `${block.readme
    .replace(/^packages\//, "")
    .replace(/\/README\.md$/, "")
    .replace(/\W+/g, "-")}-L${block.line - 1}`;
  const browserish =
    block.lang === "tsx" || block.lang === "jsx" || /@stalking-response\/ui|\.css["']/.test(block.code);
  // Each block is its own module, as it would be in the reader's file.
  const asModule = `${block.code}\nexport {};\n`;
  if (["ts", "typescript", "tsx"].includes(block.lang) && browserish) {
    const file = join(viteDir, "src", "readme", `${id}.${block.lang === "tsx" ? "tsx" : "ts"}`);
    write(file, asModule);
    return { ...block, file, kind: "vite" };
  }
  if (["ts", "typescript"].includes(block.lang)) {
    const file = join(nodeDir, "blocks", `${id}.ts`);
    write(file, asModule);
    return { ...block, file, kind: "node-ts" };
  }
  if (["js", "javascript", "mjs", "cjs"].includes(block.lang)) {
    const commonJs = block.lang === "cjs" || /\brequire\(/.test(block.code);
    const file = join(nodeDir, "js", `${id}.${commonJs ? "cjs" : "mjs"}`);
    write(file, block.code);
    return { ...block, file, kind: commonJs ? "node-cjs" : "node-esm" };
  }
  if (["sh", "bash", "shell", "console"].includes(block.lang)) return { ...block, kind: "node-shell" };
  return block;
}

function write(file, text) {
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
}

/** Files the README examples read, as a force developer would have them: the packages' own example data. */
function writeFixtures(nodeDir) {
  const script = `
    import { writeFileSync } from "node:fs";
    import { essexActionPlan } from "@stalking-response/recommendations";
    import { exampleStalkingInstrument } from "@stalking-response/risk-screening/practice";
    writeFileSync("plan.json", JSON.stringify(essexActionPlan, null, 2));
    writeFileSync("instrument.json", JSON.stringify(exampleStalkingInstrument, null, 2));
  `;
  execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: nodeDir, stdio: "inherit" });
}

/** Points compiler and runtime messages about a block's file at the README line instead. */
function located(output, blocks) {
  let text = output;
  for (const block of blocks) {
    if (!block.file) continue;
    const name = block.file.split("/").pop();
    const pattern = new RegExp(`[^\\s(]*${name.replace(/\./g, "\\.")}[(:](\\d+)[,:](\\d+)\\)?`, "g");
    text = text.replace(pattern, (_, line, column) => {
      block.failed = true;
      return `${block.readme}:${block.line + Number(line) - 1}:${column}`;
    });
  }
  return text;
}

function tsc(cwd, args) {
  return spawnSync(join(cwd, "node_modules", ".bin", "tsc"), args, { cwd, encoding: "utf8" });
}

/** @param {string} nodeDir @param {Placed[]} blocks */
function checkNodeBlocks(nodeDir, blocks) {
  const tsBlocks = blocks.filter((block) => block.kind === "node-ts");
  if (tsBlocks.length > 0) {
    for (const config of ["tsconfig.node16.json", "tsconfig.bundler.json"]) {
      const result = tsc(nodeDir, ["-p", config]);
      if (result.status !== 0) {
        for (const block of tsBlocks) block.failed = block.failed ?? false;
        failures.push(
          `TypeScript (${config}, strict) rejects README examples:\n${located(result.stdout + result.stderr, tsBlocks)}`,
        );
      }
    }
  }
  for (const block of tsBlocks) {
    if (block.failed) continue;
    const compiled = join(nodeDir, "out", "node16", block.file.split("/").pop().replace(/\.ts$/, ".js"));
    runNode(nodeDir, compiled, block, blocks);
  }
  for (const block of blocks.filter((b) => b.kind === "node-esm" || b.kind === "node-cjs")) {
    runNode(nodeDir, block.file, block, blocks);
  }
  for (const block of blocks.filter((b) => b.kind === "node-shell")) checkShell(nodeDir, block);
}

function runNode(cwd, file, block, blocks) {
  const result = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) {
    block.failed = true;
    const compiledName = file.split("/").pop();
    const output = located(
      (result.stderr || result.stdout).replaceAll(compiledName, block.file.split("/").pop()),
      blocks,
    );
    failures.push(
      `${block.readme}:${block.line - 1}: the example exits with ${result.status ?? result.signal}:\n${output}`,
    );
  }
}

/**
 * Shell blocks: install lines must name packages that exist (ours or peers a consumer can install); `npx`
 * lines run the package's bin in the Node project, where plan.json is the Essex example plan.
 */
function checkShell(nodeDir, block) {
  const known = new Set(
    publishablePackages().flatMap(({ name, manifest }) => [name, ...Object.keys(manifest.peerDependencies ?? {})]),
  );
  block.code.split("\n").forEach((raw, offset) => {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line) return;
    const where = `${block.readme}:${block.line + offset}`;
    const install = /^(?:pnpm add|npm install|npm i|yarn add)\s+(.*)$/.exec(line);
    if (install) {
      for (const spec of install[1].split(/\s+/).filter((word) => !word.startsWith("-"))) {
        const name = spec.replace(/(?<=.)@[^/]*$/, "");
        if (!known.has(name) && !/^(?:\.|\/|https?:|git\+|github:)/.test(spec)) {
          block.failed = true;
          failures.push(`${where}: installs "${name}", which is neither one of our packages nor a peer of one`);
        }
      }
      return;
    }
    const npx = /^npx\s+(.*)$/.exec(line);
    if (npx) {
      const [bin, ...args] = npx[1].split(/\s+/);
      const result = spawnSync(join(nodeDir, "node_modules", ".bin", bin), args, { cwd: nodeDir, encoding: "utf8" });
      const expected = /exit (\d)/.exec(raw)?.[1];
      const ok = expected === undefined ? result.status === 0 : true;
      if (!ok || result.status === null) {
        block.failed = true;
        failures.push(`${where}: \`${line}\` exits with ${result.status}:\n${result.stderr || result.stdout}`);
      }
    }
  });
}

/** @param {string} viteDir @param {Placed[]} blocks */
function checkViteBlocks(viteDir, blocks) {
  const imports = blocks.map((block) => `import "./readme/${block.file.split("/").pop()}";`).join("\n");
  write(join(viteDir, "src", "readme-blocks.ts"), `${imports}\nexport {};\n`);
  appendFileSync(join(viteDir, "src", "main.tsx"), `\nimport "./readme-blocks.ts";\n`);
  // The template's own build script: `tsc -b && vite build`.
  const result = spawnSync("pnpm", ["run", "build"], { cwd: viteDir, encoding: "utf8" });
  if (result.status !== 0) {
    failures.push(
      `The Vite React TypeScript template does not build with the README examples:\n${located(result.stdout + result.stderr, blocks)}`,
    );
  }
}

/**
 * Proves in every run that a broken example fails: a planted README block that misuses the API must be
 * rejected by the compiler, with the planted README's name and line in the message.
 */
function checkPlantedFailure(nodeDir) {
  const planted = { readme: "PLANTED-README.md", line: 3, lang: "ts" };
  const file = join(nodeDir, "planted", "planted.ts");
  write(
    file,
    `import { recommendations } from "@stalking-response/recommendations";\nrecommendations.notAnExport();\nexport {};\n`,
  );
  const result = tsc(nodeDir, [
    "--strict",
    "--module",
    "node16",
    "--moduleResolution",
    "node16",
    "--noEmit",
    "--types",
    "node",
    file,
  ]);
  const message = located(result.stdout + result.stderr, [{ ...planted, file }]);
  if (result.status === 0 || !message.includes("PLANTED-README.md:4")) {
    failures.push(`A planted broken README example was not caught with its location:\n${message}`);
  } else {
    console.log(`planted broken example rejected: ${message.trim().split("\n")[0]}`);
  }
}
