import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Keyset-paged reads for the transfer exports (trainer/transfer-exports.ts): each page is one short query, so an
 * export of a whole force never holds a transaction or more than one page in memory.
 */

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> => {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
};

/** One learner's record of one module, as the exports write it. */
export interface CompletionExportRow {
  user_id: string;
  display_name: string;
  collar_number: string | null;
  email: string;
  unit_name: string | null;
  job_role: string;
  status: "not-started" | "in-progress" | "completed";
  score_percent: number | null;
  completed_at: Date | string | null;
  expires_at: Date | string | null;
  certificate_id: string | null;
}

/** A page of the force's records of a module, by user id after `after`; `completedOnly` for a certification upload. */
export function completionPage(
  db: Db,
  forceId: string,
  moduleId: string,
  options: { after: string | null; limit: number; completedOnly: boolean },
): Promise<CompletionExportRow[]> {
  return rowsOf<CompletionExportRow>(
    db,
    sql`SELECT c.user_id, u.display_name, u.collar_number, u.email, un.name AS unit_name, c.job_role, c.status,
          c.score_percent, c.completed_at, c.expires_at, c.certificate_id
        FROM completions c JOIN users u ON u.id = c.user_id LEFT JOIN units un ON un.id = c.unit_id
        WHERE c.force_id = ${forceId} AND c.module_id = ${moduleId}
          ${options.completedOnly ? sql`AND c.completed_at IS NOT NULL` : sql``}
          ${options.after === null ? sql`` : sql`AND c.user_id > ${options.after}`}
        ORDER BY c.user_id LIMIT ${options.limit}`,
  );
}

/** A stored statement as the JSON-lines export writes it; `stored_text` at full precision, for the next page. */
export interface StatementExportRow {
  seq: string;
  stored_text: string;
  stored: Date | string;
  statement: Record<string, unknown> | string;
}

/** Where the last page ended. */
export interface StatementPosition {
  storedText: string;
  seq: string;
}

/**
 * A page of the force's (or one learner's) statements in stored order, after `after`: the LRS's own order and
 * index (force, stored, seq), so a force's export never walks other forces' statements.
 */
export function statementPage(
  db: Db,
  forceId: string,
  options: { learner: string | undefined; after: StatementPosition | null; limit: number },
): Promise<StatementExportRow[]> {
  const { after } = options;
  return rowsOf<StatementExportRow>(
    db,
    sql`SELECT s.seq::text AS seq, s.stored::text AS stored_text, s.stored, s.statement FROM statements s
        WHERE s.force_id = ${forceId}
          ${after === null ? sql`` : sql`AND (s.stored, s.seq) > (${after.storedText}::timestamptz, ${after.seq}::bigint)`}
          ${options.learner === undefined ? sql`` : sql`AND s.user_id = ${options.learner}`}
        ORDER BY s.stored, s.seq LIMIT ${options.limit}`,
  );
}

/** Whether the person is a learner of the force (an export names nobody of another force). */
export async function personOfForce(db: Db, forceId: string, userId: string): Promise<boolean> {
  const found = await rowsOf(db, sql`SELECT 1 FROM users WHERE id = ${userId} AND force_id = ${forceId}`);
  return found.length > 0;
}
