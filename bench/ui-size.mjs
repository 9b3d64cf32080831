// Sizes a consumer of @stalking-response/ui ships: the stylesheet, the whole JS entry, and
// the JS one named import pulls in after tree-shaking (bundled and minified by Vite/rolldown,
// with react, react-dom and our sibling packages left out as they are the app's anyway).
// Run after `build`: `pnpm --filter @stalking-response/ui bench`.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const CSS_TARGET_GZIP = 30 * 1024;
// The officer pages' whole JS budget; React itself is counted against it below.
const PAGE_TARGET_GZIP = 150 * 1024;

const packageDir = fileURLToPath(new URL("../packages/ui/", import.meta.url));
const entry = `${packageDir}dist/index.js`;
const stylesheet = `${packageDir}dist/ui.css`;

let entrySource;
let cssSource;
try {
  entrySource = readFileSync(entry, "utf8");
  cssSource = readFileSync(stylesheet);
} catch {
  console.error(`No build in ${packageDir}dist; run the package's build first.`);
  process.exit(1);
}

// Vite is the ui package's dev dependency, so resolve it from there, not from this folder.
const requireFromUi = createRequire(`${packageDir}package.json`);
const { build } = await import(pathToFileURL(requireFromUi.resolve("vite")).href);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (data) => gzipSync(data, { level: 9 }).length;

const ENTRY = "virtual:ui-size-entry";

async function bundle(code, external) {
  const result = await build({
    logLevel: "silent",
    configFile: false,
    root: packageDir,
    plugins: [
      {
        name: "bench-entry",
        enforce: "pre",
        resolveId: (id) => (id === ENTRY ? `\0${ENTRY}` : null),
        load: (id) => (id === `\0${ENTRY}` ? code : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      // Keep the entry's exports, as a consumer's import would.
      rollupOptions: { input: ENTRY, external, preserveEntrySignatures: "strict", output: { format: "es" } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  return outputs.filter((chunk) => chunk.type === "chunk").reduce((sum, chunk) => sum + gzip(chunk.code), 0);
}

const peers = [/^react($|\/)/, /^react-dom($|\/)/, /^@stalking-response\//, /^xstate/, /^@xstate\//, /^zod/];

const exportList = /export\s*\{([^}]*)\}\s*;?\s*(\/\/.*)?$/m.exec(entrySource)?.[1] ?? "";
const components = exportList
  .split(",")
  .map((part) =>
    part
      .trim()
      .split(/\s+as\s+/)
      .pop(),
  )
  .filter((name) => name && /^[A-Z]/.test(name))
  .sort();

console.log("@stalking-response/ui");
const cssGzip = gzip(cssSource);
console.log(
  `  CSS dist/ui.css      gzip ${kb(cssGzip)} (raw ${kb(cssSource.length)}), target <= ${kb(CSS_TARGET_GZIP)}`,
);
// The ESM build is one file per module; together they are every export.
const allJs = readdirSync(`${packageDir}dist`, { recursive: true })
  .filter((file) => String(file).endsWith(".js"))
  .map((file) => readFileSync(`${packageDir}dist/${String(file)}`));
const allJsRaw = allJs.reduce((sum, file) => sum + file.length, 0);
const allJsGzip = allJs.reduce((sum, file) => sum + gzip(file), 0);
console.log(`  JS  dist/**/*.js     gzip ${kb(allJsGzip)} (raw ${kb(allJsRaw)}, gzipped file by file), every export`);

const reactGzip = await bundle(
  `import { createRoot } from "react-dom/client"; import { jsx } from "react/jsx-runtime"; export { createRoot, jsx };`,
  [],
);
console.log(`  react + react-dom    gzip ${kb(reactGzip)} (the app pays this once)`);

console.log("  one named import, tree-shaken and minified (gzip):");
let largest = 0;
for (const name of components) {
  const size = await bundle(`export { ${name} } from ${JSON.stringify(entry)};`, peers);
  largest = Math.max(largest, size);
  console.log(`    ${name.padEnd(22)} ${kb(size)}`);
}
const foundations = await bundle(`export * from ${JSON.stringify(entry)};`, peers);
console.log(`  all exports bundled  gzip ${kb(foundations)}`);
console.log(
  `  react + all of ui    gzip ${kb(reactGzip + foundations)}, page budget ${kb(PAGE_TARGET_GZIP)} (app code not counted)`,
);

if (cssGzip > CSS_TARGET_GZIP) {
  console.error(`CSS over target by ${kb(cssGzip - CSS_TARGET_GZIP)}.`);
  process.exitCode = 1;
}
if (reactGzip + foundations > PAGE_TARGET_GZIP) {
  console.error(
    `React plus every ui export is over the page budget by ${kb(reactGzip + foundations - PAGE_TARGET_GZIP)}.`,
  );
  process.exitCode = 1;
}
