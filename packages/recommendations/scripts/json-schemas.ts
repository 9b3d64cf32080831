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

/**
 * The JSON Schema (draft 2020-12) for one top-level schema, describing the input a file may
 * contain: lists that default to empty may be left out.
 */
export function jsonSchemaFor(name: SchemaName): Record<string, unknown> {
  return z.toJSONSchema(topLevelSchemas[name], { target: "draft-2020-12", io: "input" });
}
