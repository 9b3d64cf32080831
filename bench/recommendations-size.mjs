// Size of @stalking-response/recommendations as one file: the CommonJS entry bundles the model, queries and
// all the data (the ESM build is one file per module; zod is a peer and not counted). What an app pays for
// a single import is in consumer-size.mjs. Run after `build`: `pnpm --filter @stalking-response/recommendations bench`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const TARGET_GZIP_BYTES = 30 * 1024;
const entry = fileURLToPath(new URL("../packages/recommendations/dist/index.cjs", import.meta.url));

let source;
try {
  source = readFileSync(entry);
} catch {
  console.error(`No build at ${entry}; run the package's build first.`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source).length;

console.log("@stalking-response/recommendations dist/index.cjs");
console.log(`  raw     ${kb(source.length)} (${source.length} bytes)`);
console.log(`  gzip    ${kb(gzip)} (${gzip} bytes), target <= ${kb(TARGET_GZIP_BYTES)}`);
console.log(`  brotli  ${kb(brotli)} (${brotli} bytes)`);
if (gzip > TARGET_GZIP_BYTES) {
  console.error(`Over target by ${kb(gzip - TARGET_GZIP_BYTES)}.`);
  process.exitCode = 1;
}
