// What a force's app pays for our packages, measured as an app would build them: the packed tarballs are
// installed into the standard Vite React TypeScript template (outside the workspace) and each import is
// bundled and minified by that app's Vite, with sibling packages and peers (zod, xstate) bundled too.
// React itself is measured in the same run and subtracted: "beyond React" is what the import adds.
// Run after `build`: `pnpm --filter @stalking-response/consumer-test bench` (or `pnpm bench`).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createViteProject } from "../packages/consumer-test/lib/projects.mjs";
import { packAll } from "../packages/consumer-test/lib/workspace.mjs";

const BUTTON_TARGET_GZIP = 3 * 1024;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (data) => gzipSync(data, { level: 9 }).length;

const work = mkdtempSync(join(tmpdir(), "stalking-bench-"));
try {
  const tarballs = packAll(join(work, "tarballs"));
  const app = join(work, "app");
  createViteProject(app, tarballs);
  const { build } = await import(pathToFileURL(createRequire(join(app, "package.json")).resolve("vite")).href);

  const ENTRY = "virtual:bench-entry";
  /** Bundles `code` as the app's entry; returns the gzip size of the JS and the JS itself. */
  async function bundle(code) {
    const result = await build({
      logLevel: "silent",
      configFile: false,
      root: app,
      plugins: [
        {
          name: "bench-entry",
          enforce: "pre",
          resolveId: (id) => (id === ENTRY ? `\0${ENTRY}` : null),
          load: (id) => (id === `\0${ENTRY}` ? code : null),
        },
      ],
      build: { write: false, minify: true, rollupOptions: { input: ENTRY, preserveEntrySignatures: "strict" } },
    });
    const chunks = (Array.isArray(result) ? result : [result])
      .flatMap((r) => r.output)
      .filter((o) => o.type === "chunk");
    const js = chunks.map((chunk) => chunk.code).join("\n");
    return { size: chunks.reduce((sum, chunk) => sum + gzip(chunk.code), 0), js };
  }

  // The reference: a React app that renders something, measured in this run.
  const react = `import { createRoot } from "react-dom/client"; import { jsx } from "react/jsx-runtime"; export { createRoot, jsx };`;
  const reactOnly = await bundle(react);
  const beyondReact = async (code) => (await bundle(`${react}\n${code}`)).size - reactOnly.size;

  console.log(
    `consumer build (Vite ${createRequire(join(app, "package.json"))("vite/package.json").version}, tarballs, siblings and peers bundled, gzip level 9)`,
  );
  console.log(`  react + react-dom (reference)  ${kb(reactOnly.size)}`);

  const button = await beyondReact(`export { Button } from "@stalking-response/ui";`);
  console.log(`  Button beyond React            ${kb(button)}  (target <= ${kb(BUTTON_TARGET_GZIP)})`);

  console.log("  each domain component beyond React (with the sibling packages and peers it needs):");
  const domain = [
    ["ActionPlanTable", "@stalking-response/ui"],
    ["Certificate", "@stalking-response/ui"],
    ["CompletionChart", "@stalking-response/ui"],
    ["CompletionGrid", "@stalking-response/ui"],
    ["KnowledgeCheck", "@stalking-response/ui"],
    ["LessonView", "@stalking-response/ui"],
    ["ModuleCard", "@stalking-response/ui"],
    ["ModuleProgress", "@stalking-response/ui"],
    ["ScreeningWizard", "@stalking-response/ui/screening"],
  ];
  for (const [name, from] of domain) {
    console.log(
      `    ${name.padEnd(18)} ${kb(await beyondReact(`export { ${name} } from "${from}";`)).padStart(8)}  (${from})`,
    );
  }
  const everything = await beyondReact(
    `export * from "@stalking-response/ui"; export * from "@stalking-response/ui/screening";`,
  );
  console.log(`  all of ui beyond React         ${kb(everything)}`);

  const themes = await bundle(`export { themes } from "@stalking-response/recommendations";`);
  const datasetIncluded = /Essex|Suzy Lamplugh/.test(themes.js);
  console.log(
    `  { themes } from recommendations ${kb(themes.size)}, dataset included: ${datasetIncluded ? "YES" : "no"}`,
  );
  const everythingRecommendations = await bundle(`export * from "@stalking-response/recommendations";`);
  console.log(`  all of recommendations (zod included) ${kb(everythingRecommendations.size)}`);

  if (button > BUTTON_TARGET_GZIP) {
    console.error(`Button is over its target by ${kb(button - BUTTON_TARGET_GZIP)}.`);
    process.exitCode = 1;
  }
  if (datasetIncluded) {
    console.error("Importing { themes } ships the dataset.");
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
