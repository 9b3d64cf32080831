// Validates content/*.yaml and writes what the package ships from it:
//   src/course.generated.ts         the course for src/index.ts (checked in, so tests and type checks need no build)
//   schemas/course.schema.json      the JSON Schema of the exported course
//   register/facts-register.json    the facts register: every key fact with status, dates, sources and use
//   register/facts-register.html    the same register as a page a legal reviewer can read, print and sign
// It also fails when a fact is past its review date on --today, or when a material fact changed without a new
// changedOn since the checked-in register (so the modules using it would not be bumped).
// Flags: --check    write nothing; fail when a generated file is stale
//        --today D  the date reviews are checked against (YYYY-MM-DD; default: today, UTC)
//        --json F   also write the course as one JSON document to F (the build writes dist/course.json)
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderCourseJson, renderCourseJsonSchema, renderCourseModule } from "./src/authoring/emit";
import { readContentFolder } from "./src/authoring/files";
import { courseFile, formatIssue, loadCourse, locateInCourseFile } from "./src/authoring/load";
import { renderRegisterHtml, renderRegisterJson } from "./src/authoring/register-html";
import { checkFactReviews, unrecordedMaterialChanges } from "./src/register";
import type { FactRegister } from "./src/register";

const root = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    json: { type: "string" },
    today: { type: "string", default: new Date().toISOString().slice(0, 10) },
  },
});
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
  console.error(`--today must be a date written YYYY-MM-DD, not "${values.today}"`);
  process.exit(2);
}

const files = await readContentFolder(join(root, "content"));
const result = loadCourse(files);
if (!result.ok) {
  for (const issue of result.issues) console.error(`content/${formatIssue(issue)}`);
  console.error(`${result.issues.length} content problem(s); nothing written.`);
  process.exit(1);
}

const registerFile = "register/facts-register.json";
const previous = await readFile(join(root, registerFile), "utf8").then(
  (text) => JSON.parse(text) as FactRegister,
  () => undefined,
);
const registerIssues = [
  ...checkFactReviews(result.value, values.today),
  ...(previous ? unrecordedMaterialChanges(previous, result.register) : []),
];
if (registerIssues.length > 0) {
  const courseText = files.get(courseFile) ?? "";
  for (const { path, message } of registerIssues) {
    console.error(`content/${formatIssue(locateInCourseFile(courseText, path, message))}`);
  }
  console.error(`${registerIssues.length} facts register problem(s) on ${values.today}; nothing written.`);
  process.exit(1);
}

const outputs = new Map([
  ["src/course.generated.ts", renderCourseModule(result.value)],
  ["schemas/course.schema.json", renderCourseJsonSchema()],
  [registerFile, renderRegisterJson(result.register)],
  ["register/facts-register.html", renderRegisterHtml(result.register)],
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
const notInForce = result.register.facts.filter((fact) => !["in-force", "published"].includes(fact.status)).length;
console.log(
  `facts register: ${result.register.facts.length} facts, ${notInForce} not in force, none past review on ${values.today}`,
);
if (stale > 0) process.exit(1);
