// Writes schemas/*.schema.json from the zod model, and the dataset as JSON files in dist/data/, at build
// time, so force systems that do not run TypeScript (.NET, Java) validate against exactly the same rules and
// read the same data.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { essexActionPlan, recommendations, report } from "../src/index";
import { jsonSchemaFor, topLevelSchemas } from "./json-schemas";
import type { SchemaName } from "./json-schemas";

const out = fileURLToPath(new URL("../schemas/", import.meta.url));
mkdirSync(out, { recursive: true });
for (const name of Object.keys(topLevelSchemas) as SchemaName[]) {
  writeFileSync(`${out}${name}.schema.json`, `${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`);
  console.log(`schemas/${name}.schema.json`);
}

// Plain data: the schemas reject unknown fields, so the files carry no `$schema` key. report.json follows
// report.schema.json, essex-action-plan.json action-plan.schema.json, and each item of recommendations.json
// recommendation.schema.json.
const dataOut = fileURLToPath(new URL("../dist/data/", import.meta.url));
mkdirSync(dataOut, { recursive: true });
const dataFiles = {
  "report.json": report,
  "essex-action-plan.json": essexActionPlan,
  "recommendations.json": recommendations,
};
for (const [file, data] of Object.entries(dataFiles)) {
  writeFileSync(`${dataOut}${file}`, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`dist/data/${file}`);
}
