// Writes schemas/*.schema.json from the zod model at build time, so force systems that do not
// run TypeScript validate against exactly the same rules.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchemaFor, topLevelSchemas } from "./json-schemas";
import type { SchemaName } from "./json-schemas";

const out = fileURLToPath(new URL("../schemas/", import.meta.url));
mkdirSync(out, { recursive: true });
for (const name of Object.keys(topLevelSchemas) as SchemaName[]) {
  writeFileSync(`${out}${name}.schema.json`, `${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`);
  console.log(`schemas/${name}.schema.json`);
}
