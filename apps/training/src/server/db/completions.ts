import type { completions } from "./schema";

/**
 * The completions row codec: the one place that spells how a learner's projected state on a module maps to
 * and from a `completions` row. Both writers of the projection use it — the ledger (drizzle rows, one
 * learner's transaction) and group-committed ingestion (JSON rows in one SQL statement, see
 * docs/decisions/0003-statement-ingestion.md) — and so do the readers, so a column added to the state is added
 * here once.
 */

type CompletionRow = typeof completions.$inferSelect;

/** The state columns of a completions row: what statements fold into (keys, scope and bookkeeping excluded). */
export type CompletionState = Pick<
  CompletionRow,
  | "status"
  | "experiencedLessonIds"
  | "lastLessonId"
  | "attempts"
  | "scorePercent"
  | "bestScorePercent"
  | "startedAt"
  | "completedAt"
  | "expiresAt"
  | "certificateId"
  | "completionSource"
>;

type Key = keyof CompletionState;

// Each state field's column and SQL type; the order is the order the ingestion SQL lists them in.
const STATE_COLUMNS: Readonly<Record<Key, readonly [column: string, sqlType: string]>> = {
  status: ["status", "text"],
  experiencedLessonIds: ["experienced_lesson_ids", "text[]"],
  lastLessonId: ["last_lesson_id", "text"],
  attempts: ["attempts", "integer"],
  scorePercent: ["score_percent", "integer"],
  bestScorePercent: ["best_score_percent", "integer"],
  startedAt: ["started_at", "timestamptz"],
  completedAt: ["completed_at", "timestamptz"],
  expiresAt: ["expires_at", "timestamptz"],
  certificateId: ["certificate_id", "text"],
  completionSource: ["completion_source", "text"],
};
const DATE_KEYS = new Set<Key>(["startedAt", "completedAt", "expiresAt"]);
const entries = Object.entries(STATE_COLUMNS) as [Key, readonly [string, string]][];

/** The state columns' names, comma-separated, for SQL text (`status, experienced_lesson_ids, …`). */
export const STATE_COLUMN_LIST = entries.map(([, [column]]) => column).join(", ");

/** The state columns with their types, for `jsonb_to_recordset(…) AS p(…)`. */
export const STATE_COLUMN_TYPES = entries.map(([, [column, type]]) => `${column} ${type}`).join(", ");

/** `column = excluded.column` for every state column, for an upsert's `DO UPDATE SET`. */
export const STATE_FROM_EXCLUDED = entries.map(([, [column]]) => `${column} = excluded.${column}`).join(", ");

/** The state before any statement: what a learner who has not begun a module has. */
export const emptyCompletionState = (): CompletionState => ({
  status: "not-started",
  experiencedLessonIds: [],
  lastLessonId: null,
  attempts: 0,
  scorePercent: null,
  bestScorePercent: null,
  startedAt: null,
  completedAt: null,
  expiresAt: null,
  certificateId: null,
  completionSource: null,
});

/** The state of a row drizzle read (any selection holding the state columns). */
export function stateOfRow(row: CompletionState): CompletionState {
  return {
    status: row.status,
    experiencedLessonIds: row.experiencedLessonIds,
    lastLessonId: row.lastLessonId,
    attempts: row.attempts,
    scorePercent: row.scorePercent,
    bestScorePercent: row.bestScorePercent,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    expiresAt: row.expiresAt,
    certificateId: row.certificateId,
    completionSource: row.completionSource,
  };
}

/** A row as JSON text carries it (`row_to_json`, `jsonb_to_recordset`): column names, dates as ISO strings. */
export type CompletionJson = Record<string, unknown>;

/** The state of a row read as JSON (`row_to_json(c)`). */
export function stateOfJson(json: CompletionJson): CompletionState {
  const state: Record<string, unknown> = {};
  for (const [key, [column]] of entries) {
    const value = json[column] ?? null;
    state[key] = DATE_KEYS.has(key) && value !== null ? new Date(value as string) : value;
  }
  return state as CompletionState;
}

/** The state as JSON columns, for writing through `jsonb_to_recordset`. */
export function stateToJson(state: CompletionState): CompletionJson {
  const json: CompletionJson = {};
  for (const [key, [column]] of entries) {
    const value = state[key];
    json[column] = value instanceof Date ? value.toISOString() : value;
  }
  return json;
}
