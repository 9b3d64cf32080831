// Size and validation cost of @stalking-response/curriculum's shipped course: the JSON export that hosts
// download, the ESM entry that bundles the same data, and how long CourseSchema takes to check the whole course
// (shape, references and fact consistency). Run after `build`: `pnpm --filter @stalking-response/curriculum bench`.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const TARGET_JSON_GZIP_BYTES = 60 * 1024;
const dist = (file) => fileURLToPath(new URL(`../packages/curriculum/dist/${file}`, import.meta.url));

let json;
let entry;
try {
  json = readFileSync(dist("course.json"));
  entry = readFileSync(dist("index.js"));
} catch {
  console.error("No build of @stalking-response/curriculum; run its build first.");
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = (label, bytes) => {
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(
    `  ${label.padEnd(16)} raw ${kb(bytes.length)}  gzip ${kb(gzip)}  brotli ${kb(brotliCompressSync(bytes).length)}`,
  );
  return gzip;
};

console.log("@stalking-response/curriculum");
const jsonGzip = sizes("dist/course.json", json);
sizes("dist/index.js", entry);

const { CourseSchema } = await import(dist("index.js"));
const document = JSON.parse(json.toString("utf8"));
const runs = 20;
const times = [];
for (let run = 0; run < runs; run += 1) {
  const start = performance.now();
  const result = CourseSchema.safeParse(document);
  times.push(performance.now() - start);
  if (!result.success) {
    console.error("dist/course.json does not validate:", result.error.issues[0]);
    process.exit(1);
  }
}
times.sort((a, b) => a - b);
console.log(`  CourseSchema.safeParse(course.json): median ${times[runs / 2].toFixed(1)} ms over ${runs} runs`);

for (const module of document.modules) {
  const blocks = module.lessons.reduce((total, lesson) => total + lesson.blocks.length, 0);
  console.log(
    `  ${module.id.padEnd(28)} ${String(module.estimatedMinutes).padStart(2)} min  ${module.knowledgeCheck.questions.length} questions  ${module.lessons.length} lessons  ${blocks} blocks`,
  );
}
console.log(`  gzip target for course.json <= ${kb(TARGET_JSON_GZIP_BYTES)}`);
if (jsonGzip > TARGET_JSON_GZIP_BYTES) {
  console.error(`Over target by ${kb(jsonGzip - TARGET_JSON_GZIP_BYTES)}.`);
  process.exitCode = 1;
}
