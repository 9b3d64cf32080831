import type { z } from "zod";
import { ActionPlanSchema } from "./action-plan";
import type { ActionPlan } from "./action-plan";
import { RecommendationSchema, ReportSchema } from "./model";
import type { Recommendation, Report } from "./model";

/** One reason an input was rejected: where (a JSON path such as `$.responses[2].status`) and why. */
export interface ParseError {
  /** A JSON path to the offending value; `$` is the whole input. */
  path: string;
  /** A sentence a person can act on, e.g. `must be one of: complete, in-progress, …`. */
  message: string;
}

/** The outcome of a `parse…` function: the typed value, or every reason it was rejected. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ParseError[] };

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

function toErrors(error: z.ZodError): ParseError[] {
  return error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: humanMessage(issue) }));
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
      return result.success ? { ok: true, value: result.data } : { ok: false, errors: toErrors(result.error) };
    } catch (error) {
      // safeParse reports data errors as issues; only exotic inputs (a throwing getter or Proxy) reach here.
      return { ok: false, errors: [{ path: "$", message: `could not be read: ${String(error)}` }] };
    }
  };
}

/**
 * Validates a force action plan (already decoded from JSON) and returns it typed, with defaults
 * filled in, or every error with its JSON path. Never throws.
 *
 * @example
 * const result = parseActionPlan(JSON.parse(text));
 * if (!result.ok) for (const e of result.errors) console.error(`${e.path}: ${e.message}`);
 */
export const parseActionPlan: (input: unknown) => ParseResult<ActionPlan> = parserFor(ActionPlanSchema);

/** Validates one recommendation record. Never throws; see {@link parseActionPlan}. */
export const parseRecommendation: (input: unknown) => ParseResult<Recommendation> = parserFor(RecommendationSchema);

/** Validates a report record. Never throws; see {@link parseActionPlan}. */
export const parseReport: (input: unknown) => ParseResult<Report> = parserFor(ReportSchema);

/**
 * Decodes JSON text and validates it as an action plan. A syntax error is reported at `$` with
 * the parser's explanation. Never throws.
 */
export function parseActionPlanJson(text: string): ParseResult<ActionPlan> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: "$", message: `is not valid JSON: ${reason}` }] };
  }
  return parseActionPlan(input);
}
