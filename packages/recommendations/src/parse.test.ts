import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathsOf, replaceAt } from "../test/paths";
import { essexActionPlan } from "./dataset/essex";
import { recommendations } from "./dataset/recommendations";
import { report } from "./dataset/report";
import {
  fieldName,
  formatJsonPath,
  parseActionPlan,
  parseActionPlanJson,
  parseRecommendation,
  parseReport,
} from "./parse";
import type { ParseResult } from "./parse";

const parsers = { parseActionPlan, parseRecommendation, parseReport };
const valid = { parseActionPlan: essexActionPlan, parseRecommendation: recommendations[11], parseReport: report };

function expectWellFormed(result: ParseResult<unknown>) {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.path.every((key) => typeof key === "string" || typeof key === "number")).toBe(true);
    // The message names the field it is about.
    expect(issue.message.startsWith(issue.path.length === 0 ? "The input " : `${fieldName(issue.path)}: `)).toBe(true);
  }
}

describe("formatJsonPath", () => {
  it.each([
    [[], "$"],
    [["responses", 2, "status"], "$.responses[2].status"],
    [["notes", 0, "odd key"], '$.notes[0]["odd key"]'],
  ])("writes %j as %s", (path, expected) => {
    expect(formatJsonPath(path)).toBe(expected);
  });
});

describe.each(Object.entries(parsers))("%s", (name, parse) => {
  it("accepts the package's own data", () => {
    const result = parse(JSON.parse(JSON.stringify(valid[name as keyof typeof valid])));
    expect(result.ok).toBe(true);
  });

  it("never throws on arbitrary input and names a path for every error", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }), (input) => {
        expectWellFormed(parse(input));
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseActionPlan", () => {
  const plan = JSON.parse(JSON.stringify(essexActionPlan)) as unknown;
  const paths = pathsOf(plan);

  it("reports a broken value at or below the path that was broken", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, replacement) => {
        const result = parseActionPlan(replaceAt(plan, path, replacement));
        expectWellFormed(result);
        if (!result.ok) {
          const broken = formatJsonPath(path);
          expect(result.issues.map((issue) => formatJsonPath(issue.path)).some((p) => p.startsWith(broken))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("explains a wrong status, an unknown id, a typo'd field and a missing field in plain words", () => {
    const result = parseActionPlan({
      force: "Testshire Police",
      source: { title: "Plan", publisher: "Testshire Police" },
      responses: [
        { id: "18.5", status: "done", narrative: "n" },
        { id: "7.1", status: "complete", narative: "typo" },
      ],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ["responses", 0, "id"],
          message: expect.stringContaining('responses[0].id: "18.5" is not a recommendation or sub-item') as string,
        },
        {
          path: ["responses", 0, "status"],
          message: "responses[0].status: must be one of: complete, in-progress, partial, not-started, not-applicable",
        },
        { path: ["responses", 1, "narrative"], message: "responses[1].narrative: is required but missing" },
        { path: ["responses", 1], message: 'responses[1]: has unknown field "narative" (check the spelling)' },
      ],
    });
  });

  it("quotes at most 20 characters of an unknown id", () => {
    const result = parseActionPlan({
      ...essexActionPlan,
      responses: [{ id: "x".repeat(500), status: "complete", narrative: "n" }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/^responses\[0\]\.id: "x{20}" is not a recommendation/);
  });

  it("rejects a recommendation answered twice, pointing at the second answer", () => {
    const result = parseActionPlan({
      ...essexActionPlan,
      responses: [...essexActionPlan.responses, { id: "7.1", status: "partial", narrative: "again" }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const at = essexActionPlan.responses.length;
      expect(result.issues).toEqual([
        {
          path: ["responses", at, "id"],
          message: `responses[${at}].id: 7.1 is answered twice (first at responses[0]); merge the two answers`,
        },
      ]);
    }
  });

  it("fills in empty lists left out of a file", () => {
    const result = parseActionPlan({
      force: "Testshire Police",
      source: { title: "Plan", publisher: "Testshire Police" },
      responses: [{ id: "17", status: "complete", narrative: "Done." }],
    });
    expect(result.ok && result.value.responses[0]).toEqual({
      id: "17",
      status: "complete",
      narrative: "Done.",
      actions: [],
      evidence: [],
      updates: [],
    });
    expect(result.ok && result.value.notes).toEqual([]);
  });

  it.each([
    ["2025-02-30", "must be a date written YYYY-MM-DD"],
    ["27/03/25", "must be a date written YYYY-MM-DD"],
  ])("rejects the date %s", (published, message) => {
    const result = parseActionPlan({ ...essexActionPlan, published });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([{ path: ["published"], message: `published: ${message}, e.g. 2025-03-27` }]);
    }
  });

  it("says what type it expected and what it got", () => {
    expect(parseActionPlan({ ...essexActionPlan, responses: "all of them" })).toEqual({
      ok: false,
      issues: [{ path: ["responses"], message: "responses: must be a list, not text" }],
    });
    expect(parseActionPlan(42)).toEqual({
      ok: false,
      issues: [{ path: [], message: "The input must be an object, not a number" }],
    });
  });
});

describe("parseActionPlanJson", () => {
  it("reports invalid JSON at the root instead of throwing", () => {
    const result = parseActionPlanJson("{ not json");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]?.path).toEqual([]);
      expect(result.issues[0]?.message).toMatch(/^The input is not valid JSON: /);
    }
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expectWellFormed(parseActionPlanJson(text));
      }),
      { numRuns: 300 },
    );
  });

  it("accepts a leading UTF-8 byte order mark (files from .NET and PowerShell)", () => {
    const result = parseActionPlanJson(`\uFEFF${JSON.stringify(essexActionPlan)}`);
    expect(result.ok && result.value).toEqual(essexActionPlan);
  });

  it("parses a valid plan written as JSON", () => {
    const result = parseActionPlanJson(JSON.stringify(essexActionPlan));
    expect(result.ok && result.value).toEqual(essexActionPlan);
  });
});

describe("parseRecommendation", () => {
  it("rejects a sub-item filed under the wrong recommendation", () => {
    const rec = recommendations[11];
    const result = parseRecommendation({ ...rec, number: 13 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.path)).toEqual([0, 1, 2, 3].map((i) => ["subItems", i, "id"]));
      expect(result.issues[0]?.message).toBe("subItems[0].id: sub-item 12.1 does not belong to recommendation 13");
    }
  });

  it("insists every recommendation names a source", () => {
    const result = parseRecommendation({ ...recommendations[0], sources: [] });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: ["sources"], message: "sources: every recommendation must name at least one source" }],
    });
  });
});
