import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathsOf, replaceAt } from "./paths";
import { jsonSchemaFor, topLevelSchemas } from "../scripts/json-schemas";
import type { SchemaName } from "../scripts/json-schemas";
import {
  essexActionPlan,
  parseActionPlan,
  parseRecommendation,
  parseReport,
  recommendations,
  report,
} from "../src/index";

// A real JSON Schema validator stands in for the non-TypeScript force systems the files are for.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = Object.fromEntries(
  (Object.keys(topLevelSchemas) as SchemaName[]).map((name) => [name, ajv.compile(jsonSchemaFor(name))]),
) as Record<SchemaName, ReturnType<typeof ajv.compile>>;

const json = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

// Rules that need the whole document or the dataset, which JSON Schema cannot state; the
// schemas are documented as not checking them.
const beyondJsonSchema = [/is answered twice/, /does not belong to recommendation/];

describe("generated JSON Schema files", () => {
  it("accept the Essex plan, every recommendation and the report", () => {
    expect(validators["action-plan"](json(essexActionPlan)), ajv.errorsText(validators["action-plan"].errors)).toBe(
      true,
    );
    for (const rec of recommendations) expect(validators.recommendation(json(rec)), `rec ${rec.number}`).toBe(true);
    expect(validators.report(json(report))).toBe(true);
  });

  it("each carry an $id naming the published file", () => {
    for (const name of Object.keys(topLevelSchemas) as SchemaName[]) {
      expect(jsonSchemaFor(name).$id).toMatch(
        new RegExp(
          `^https://unpkg\\.com/@stalking-response/recommendations@\\d+\\.\\d+\\.\\d+[^/]*/schemas/${name}\\.schema\\.json$`,
        ),
      );
    }
  });

  it("explain a wrong date in words a person can read, not a 250-character pattern", () => {
    const validate = validators["action-plan"];
    expect(validate({ ...(json(essexActionPlan) as object), published: "27/03/2025" })).toBe(false);
    const text = ajv.errorsText(validate.errors);
    expect(text).toContain("/published");
    expect(text.length).toBeLessThan(120);
    expect(validate({ ...(json(essexActionPlan) as object), published: "2025-02-30" })).toBe(false);
    expect(ajv.errorsText(validate.errors)).toBe('data/published must match format "date"');
  });

  it("accept a minimal plan that leaves defaulted lists out", () => {
    const minimal = {
      force: "Testshire Police",
      source: { title: "Plan", publisher: "Testshire Police" },
      responses: [{ id: "17", status: "complete", narrative: "Done." }],
    };
    expect(validators["action-plan"](minimal)).toBe(true);
    expect(parseActionPlan(minimal).ok).toBe(true);
  });

  it.each([
    ["an unknown recommendation id", ["responses", 0, "id"], "18.5"],
    ["a made-up status", ["responses", 0, "status"], "done"],
    ["a blank narrative", ["responses", 0, "narrative"], "   "],
    ["an impossible date", ["published"], "2025-02-30"],
    ["a non-web address", ["source", "url"], "ftp://example.org/plan"],
    ["an unknown field", ["source", "colour"], "blue"],
  ])("reject %s, as zod does", (_, path, value) => {
    const broken = replaceAt(json(essexActionPlan), path, value);
    expect(parseActionPlan(broken).ok).toBe(false);
    expect(validators["action-plan"](broken)).toBe(false);
  });

  it.each([
    ["action-plan", essexActionPlan, parseActionPlan],
    ["recommendation", recommendations[27], parseRecommendation],
    ["report", report, parseReport],
  ] as const)("%s: agrees with zod on documents broken at any point", (name, document, parse) => {
    const valid = json(document);
    const validate = validators[name];
    const values = fc.oneof(
      fc.anything(),
      fc.constantFrom("", " ", "7.1", "12", "29", "30", "complete", "2025-03-27", "2025-13-01", "https://example.org"),
    );
    fc.assert(
      fc.property(fc.constantFrom(...pathsOf(valid)), values, (path, value) => {
        const input = replaceAt(valid, path, value);
        const zod = parse(input);
        const schemaSays = validate(input);
        if (zod.ok) expect(schemaSays, ajv.errorsText(validate.errors)).toBe(true);
        else if (schemaSays) {
          // Only rules JSON Schema cannot express may separate the two.
          for (const issue of zod.issues) expect(beyondJsonSchema.some((rule) => rule.test(issue.message))).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
