import { readFileSync } from "node:fs";
import { readableDatePatterns } from "@stalking-response/tooling/json-schema";
import { z } from "zod";
import { ActionPlanSchema, RecommendationSchema, ReportSchema } from "../src/index";

/** The top-level schemas shipped as JSON Schema, by file name (without `.schema.json`). */
export const topLevelSchemas = {
  "action-plan": ActionPlanSchema,
  recommendation: RecommendationSchema,
  report: ReportSchema,
} as const;

/** The name of a shipped JSON Schema file. */
export type SchemaName = keyof typeof topLevelSchemas;

const { name: packageName, version } = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
) as { name: string; version: string };

/** Where a shipped schema file can be fetched once the package is published; validators use it as its name. */
export const schemaId = (name: SchemaName): string =>
  `https://unpkg.com/${packageName}@${version}/schemas/${name}.schema.json`;

/**
 * The JSON Schema (draft 2020-12) for one top-level schema, describing the input a file may
 * contain: lists that default to empty may be left out. It carries an `$id`, and dates are checked by
 * `format: "date"` with a short pattern.
 */
export function jsonSchemaFor(name: SchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(topLevelSchemas[name], { target: "draft-2020-12", io: "input" });
  readableDatePatterns(schema);
  const { $schema, ...rest } = schema;
  return { $schema, $id: schemaId(name), ...rest };
}
