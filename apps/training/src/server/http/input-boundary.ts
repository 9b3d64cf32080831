import { unstorableText } from "../../shared/text";
import { HttpProblem } from "./problem";

/**
 * The one boundary every piece of text entering the API passes (path parameters, query strings, JSON
 * bodies; `registerRoutes` applies it before any schema or handler sees the input).
 *
 * - NUL cannot be stored in a PostgreSQL `text` or `jsonb` value, and a lone UTF-16 surrogate has no UTF-8
 *   form: either would surface as a database error (a 500, and a failed group-commit batch). Both are
 *   refused here with a 400 naming the field.
 * - Every string is normalised to Unicode NFC, so "é" typed as one code point or as "e" + accent is one
 *   name, one search and one identifier.
 *
 * Stricter rules for names and identifiers (no bidi overrides or zero-width characters) are in the shared
 * contract's schemas (`safeText` in `src/shared/text.ts`), because the client shows the same messages.
 */
export function cleanInput(part: "params" | "query" | "body", value: unknown): unknown {
  return clean(value, part === "body" ? [] : [part]);
}

const MAX_DEPTH = 64;

function clean(value: unknown, path: readonly (string | number)[]): unknown {
  if (typeof value === "string") return cleanString(value, path);
  if (path.length > MAX_DEPTH) throw refused(path, "is nested too deeply");
  if (Array.isArray(value)) return value.map((item, index) => clean(item, [...path, index]));
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const cleanKey = cleanString(key, [...path, key]);
      result[cleanKey] = clean(inner, [...path, cleanKey]);
    }
    return result;
  }
  return value;
}

function cleanString(text: string, path: readonly (string | number)[]): string {
  const reason = unstorableText(text);
  if (reason !== null) throw refused(path, reason);
  return text.normalize("NFC");
}

function refused(path: readonly (string | number)[], reason: string): HttpProblem {
  const field = path.map(String).join(".") || "body";
  return new HttpProblem(400, "validation", "The request is not valid", `${field}: ${reason}`, [{ field, reason }]);
}
