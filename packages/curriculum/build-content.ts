// Validates content/*.yaml and writes what the package ships from it:
//   src/course.generated.ts     the course for src/index.ts (checked in, so tests and type checks need no build)
//   schemas/course.schema.json  the JSON Schema of the exported course
// Flags: --check   write nothing; fail when a generated file is stale
//        --json F  also write the course as one JSON document to F (the build writes dist/course.json)
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderCourseJson, renderCourseJsonSchema, renderCourseModule } from "./src/authoring/emit";
import { readContentFolder } from "./src/authoring/files";
import { formatIssue, loadCourse } from "./src/authoring/load";

const root = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, json: { type: "string" } } });

const result = loadCourse(await readContentFolder(join(root, "content")));
if (!result.ok) {
  for (const issue of result.issues) console.error(`content/${formatIssue(issue)}`);
  console.error(`${result.issues.length} content problem(s); nothing written.`);
  process.exit(1);
}

const outputs = new Map([
  ["src/course.generated.ts", renderCourseModule(result.value)],
  ["schemas/course.schema.json", renderCourseJsonSchema()],
]);
let stale = 0;
for (const [file, text] of outputs) {
  const path = join(root, file);
  const current = await readFile(path, "utf8").catch(() => undefined);
  if (current === text) continue;
  if (values.check) {
    console.error(`${file} is stale: run pnpm --filter @stalking-response/curriculum build:content`);
    stale += 1;
  } else {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    console.log(`wrote ${file}`);
  }
}
if (values.json !== undefined) {
  const path = join(root, values.json);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderCourseJson(result.value));
  console.log(`wrote ${values.json}`);
}
const minutes = result.value.modules.map((m) => `${m.id} ${m.estimatedMinutes} min`).join(", ");
console.log(`course ${result.value.version}: ${result.value.modules.length} modules (${minutes})`);
if (stale > 0) process.exit(1);
