import type { z } from "zod";
import { ActionPlanSchema } from "./action-plan";
import type { ActionPlan } from "./action-plan";
import { RecommendationSchema, ReportSchema } from "./model";
import type { Recommendation, Report } from "./model";

/**
 * One reason an input was rejected: where, as the keys from the top of the input (`["responses", 2,
 * "status"]`; `[]` is the whole input), and why, in a sentence a person can act on that names the field
 * (`responses[2].status: must be one of: complete, in-progress, …`). Every package of the toolkit reports
 * problems in this shape; some add fields (a content file's `file` and `line`).
 */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * The outcome of anything in the toolkit that checks input: the typed value, or every reason it was
 * rejected. Never thrown.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** The outcome of a `parse…` function; the same as {@link Result}. */
export type ParseResult<T> = Result<T>;

/** Formats a path as JSONPath: `["responses", 2, "id"]` → `$.responses[2].id`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, "$");
}

function describeValue(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "an object";
  if (typeof input === "string") return "text";
  if (typeof input === "number") return Number.isNaN(input) ? "NaN" : "a number";
  return `a ${typeof input}`;
}

const expectedNames: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
};

// zod's default wording is written for developers ("Invalid input: expected string, received
// undefined"); force analysts read these messages, so the common cases are reworded.
function humanMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required but missing";
      return `must be ${expectedNames[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (check the spelling)`;
    default:
      return issue.message;
  }
}

/** The field a path leads to, as a person reads it: `responses[2].status`; the whole input is "the input". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "the input" : formatJsonPath(path).replace(/^\$\.?/, "");
}

/** An issue whose message starts with the field it is about: `published: must be a date …`. */
export function issueAt(path: readonly PropertyKey[], reason: string): Issue {
  const keys = path.map((key) => (typeof key === "number" ? key : String(key)));
  return { path: keys, message: keys.length === 0 ? `The input ${reason}` : `${fieldName(keys)}: ${reason}` };
}

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => issueAt(issue.path, humanMessage(issue)));
}

/**
 * Builds a `parse…` function: validation never throws, whatever the input, so callers handle
 * bad data as a value.
 */
function parserFor<S extends z.ZodType>(schema: S): (input: unknown) => ParseResult<z.output<S>> {
  return (input) => {
    try {
      // reportInput lets a missing value ("is required") be told apart from a wrong one.
      const result = schema.safeParse(input, { reportInput: true });
      return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIssues(result.error) };
    } catch (error) {
      // safeParse reports data errors as issues; only exotic inputs (a throwing getter or Proxy) reach here.
      return { ok: false, issues: [issueAt([], `could not be read: ${String(error)}`)] };
    }
  };
}

/**
 * Validates a force action plan (already decoded from JSON) and returns it typed, with defaults
 * filled in, or every issue with its path. Never throws.
 *
 * @example
 * const result = parseActionPlan(JSON.parse(text));
 * if (!result.ok) for (const issue of result.issues) console.error(issue.message); // responses[2].status: must be …
 */
export const parseActionPlan: (input: unknown) => ParseResult<ActionPlan> = parserFor(ActionPlanSchema);

/** Validates one recommendation record. Never throws; see {@link parseActionPlan}. */
export const parseRecommendation: (input: unknown) => ParseResult<Recommendation> = parserFor(RecommendationSchema);

/** Validates a report record. Never throws; see {@link parseActionPlan}. */
export const parseReport: (input: unknown) => ParseResult<Report> = parserFor(ReportSchema);

/**
 * Decodes JSON text and validates it as an action plan. A leading UTF-8 byte order mark is ignored; a
 * syntax error is reported on the whole input (`path: []`) with the parser's explanation. Never throws.
 */
export function parseActionPlanJson(text: string): ParseResult<ActionPlan> {
  let input: unknown;
  try {
    // A UTF-8 byte order mark is common in files written by .NET and PowerShell; JSON.parse rejects it.
    input = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [issueAt([], `is not valid JSON: ${reason}`)] };
  }
  return parseActionPlan(input);
}
