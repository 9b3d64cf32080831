import { createHash } from "node:crypto";
import { XAPI_IRI_BASE } from "../../shared/api";
import type { NewStatement } from "./statement";

/** What an activity id points at inside the curriculum. */
export type ActivityRef =
  | { kind: "module"; moduleId: string }
  | { kind: "lesson"; moduleId: string; lessonId: string }
  | { kind: "question"; moduleId: string; questionId: string };

const activityPattern = new RegExp(
  `^${XAPI_IRI_BASE.replace(/[.]/g, "\\.")}/modules/([a-z0-9-]+)(?:/(lessons|questions)/([a-z0-9-]+))?$`,
);

/** Parses one of our activity ids; `undefined` for anything else. */
export function parseActivityId(activityId: string): ActivityRef | undefined {
  const match = activityPattern.exec(activityId);
  if (!match?.[1]) return undefined;
  const moduleId = match[1];
  if (match[2] === "lessons" && match[3]) return { kind: "lesson", moduleId, lessonId: match[3] };
  if (match[2] === "questions" && match[3]) return { kind: "question", moduleId, questionId: match[3] };
  return { kind: "module", moduleId };
}

/** JSON with object keys sorted, so two statements with the same content hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of a statement's canonical JSON. */
export const contentHash = (statement: unknown): string =>
  createHash("sha256").update(canonicalJson(statement)).digest("hex");

/** The hash that decides whether a statement with an id already stored is the same statement. */
export const statementHash = (statement: NewStatement): string => statement.contentHash ?? contentHash(statement.body);

/**
 * A name-based UUID (RFC 9562 version 8 layout over SHA-256) so that the statements of one knowledge-check
 * attempt get the same ids when the same submission is retried.
 */
export function derivedUuid(...parts: string[]): string {
  const bytes = createHash("sha256").update(parts.join("\u0000")).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
