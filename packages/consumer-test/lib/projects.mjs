// Fresh consumer projects outside the workspace, with the packed tarballs installed by pnpm from the
// machine's store (offline when everything is already there, as it is after the workspace's own install).
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publishablePackages } from "./workspace.mjs";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

/**
 * The third-party versions a consumer installs: the same pins the workspace uses (all support Node 20), so
 * the install needs nothing that is not already in the store.
 */
function pinnedVersions() {
  const ui = publishablePackages().find(({ name }) => name === "@stalking-response/ui");
  if (!ui) throw new Error("no @stalking-response/ui package");
  const root = JSON.parse(readFileSync(fileURLToPath(new URL("../../../package.json", import.meta.url)), "utf8"));
  const dev = { ...root.devDependencies, ...ui.manifest.devDependencies };
  const pick = (...names) => Object.fromEntries(names.map((name) => [name, dev[name]]));
  return {
    runtime: pick("react", "react-dom", "zod", "xstate", "@xstate/react"),
    types: pick("typescript", "@types/node", "@types/react", "@types/react-dom"),
    vite: pick("vite", "@vitejs/plugin-react"),
  };
}

/**
 * Writes the dependencies and pnpm settings that make `dir` install our tarballs, then installs.
 * @param {string} dir
 * @param {{ name: string, tarball: string }[]} tarballs
 * @param {Record<string, string>} dependencies
 * @param {Record<string, string>} devDependencies
 */
function install(dir, tarballs, dependencies, devDependencies) {
  const manifestPath = join(dir, "package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const ours = Object.fromEntries(tarballs.map(({ name, tarball }) => [name, `file:${tarball}`]));
  manifest.dependencies = { ...ours, ...dependencies };
  manifest.devDependencies = devDependencies;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  // The packed packages depend on each other by version (not yet on the registry): point those at the
  // tarballs too. The file makes the project its own workspace root, away from the repository's.
  const overrides = tarballs.map(({ name, tarball }) => `  "${name}": "file:${tarball}"`).join("\n");
  writeFileSync(
    join(dir, "pnpm-workspace.yaml"),
    `engineStrict: true\nallowBuilds:\n  esbuild: true\noverrides:\n${overrides}\n`,
  );
  const run = (extra) =>
    execFileSync("pnpm", ["install", "--reporter=append-only", ...extra], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  try {
    run(["--offline"]);
  } catch {
    // Something was missing from the store (a fresh CI machine): fetch only that.
    run(["--prefer-offline"]);
  }
}

/**
 * A Node project (`"type": "module"`) with TypeScript strict configs for `node16` and `bundler` resolution.
 * @param {string} dir An empty folder outside the workspace.
 * @param {{ name: string, tarball: string }[]} tarballs
 */
export function createNodeProject(dir, tarballs) {
  cpSync(join(fixtures, "node"), dir, { recursive: true });
  const versions = pinnedVersions();
  install(dir, tarballs, versions.runtime, versions.types);
}

/**
 * The standard Vite React TypeScript template (vendored, see fixtures/vite-react-ts/TEMPLATE.md).
 * @param {string} dir An empty folder outside the workspace.
 * @param {{ name: string, tarball: string }[]} tarballs
 */
export function createViteProject(dir, tarballs) {
  cpSync(join(fixtures, "vite-react-ts"), dir, { recursive: true });
  renameSync(join(dir, "gitignore.txt"), join(dir, ".gitignore"));
  const versions = pinnedVersions();
  const { react, "react-dom": reactDom, ...optional } = versions.runtime;
  install(dir, tarballs, { react, "react-dom": reactDom, ...optional }, { ...versions.types, ...versions.vite });
}
