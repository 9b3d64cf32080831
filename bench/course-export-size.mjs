// Sizes of the packages @stalking-response/course-export writes: each module's SCORM 1.2 and cmi5 zip, the
// whole-course zips, the shared player, and the largest cmi.suspend_data a module can produce beside SCORM 1.2's
// 4,096-character limit. Run after `build`: `pnpm --filter @stalking-response/course-export bench`.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const dist = (pkg, file) => fileURLToPath(new URL(`../packages/${pkg}/dist/${file}`, import.meta.url));
let exporter;
let curriculum;
try {
  exporter = await import(dist("course-export", "index.js"));
  curriculum = await import(dist("curriculum", "index.js"));
} catch {
  console.error("No build of @stalking-response/course-export or curriculum; run `pnpm turbo run build` first.");
  process.exit(1);
}
const { exportScorm12, exportCmi5, encodeProgress, largestProgress, scorm12SuspendDataLimit } = exporter;
const { course } = curriculum;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

console.log("@stalking-response/course-export");
const player = readFileSync(dist("course-export", "player/player.js"));
const css = readFileSync(dist("course-export", "player/player.css"));
console.log(
  `  shared player    player.js ${kb(player.length)} (gzip ${kb(gzipSync(player).length)}), player.css ${kb(css.length)} (gzip ${kb(gzipSync(css).length)})`,
);
console.log(`  ${"module".padEnd(28)} ${"SCORM 1.2".padStart(10)} ${"cmi5".padStart(10)}  largest suspend_data`);
for (const module of course.modules) {
  const scorm = exportScorm12(course, { modules: [module.id] });
  const cmi5 = exportCmi5(course, { modules: [module.id] });
  if (!scorm.ok || !cmi5.ok) throw new Error(JSON.stringify(scorm.ok ? cmi5 : scorm));
  const largest = encodeProgress(largestProgress(module)).length;
  console.log(
    `  ${module.id.padEnd(28)} ${kb(scorm.value.bytes.length).padStart(10)} ${kb(cmi5.value.bytes.length).padStart(10)}  ${largest} of ${scorm12SuspendDataLimit} characters`,
  );
}
const wholeScorm = exportScorm12(course);
const wholeCmi5 = exportCmi5(course);
console.log(
  `  ${"whole course (5 modules)".padEnd(28)} ${kb(wholeScorm.value.bytes.length).padStart(10)} ${kb(wholeCmi5.value.bytes.length).padStart(10)}`,
);
