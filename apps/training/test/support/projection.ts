import { asc } from "drizzle-orm";
import { expect } from "vitest";
import type { Catalog } from "../../src/server/catalog";
import type { Db } from "../../src/server/db/client";
import { certificates, completions, statements } from "../../src/server/db/schema";
import { rebuildProjection } from "../../src/server/learning/projection";
import type { ProjectedStatement } from "../../src/server/learning/statement";

/**
 * Rebuilds every learner × module projection from the statement log (in stored order) and asserts the
 * stored completion rows equal it. Returns how many rows were compared.
 */
export async function expectProjectionAgrees(db: Db, catalog: Catalog): Promise<number> {
  const log = await db.select().from(statements).orderBy(asc(statements.seq));
  const certificateRows = await db
    .select({ id: certificates.id, statementId: certificates.statementId })
    .from(certificates);
  const certificateByStatement = new Map(certificateRows.map((row) => [row.statementId, row.id]));
  const grouped = new Map<string, ProjectedStatement[]>();
  for (const row of log) {
    const key = `${row.userId}|${row.moduleId}`;
    const scaled = (row.statement as { result?: { score?: { scaled?: number } } }).result?.score?.scaled;
    const list = grouped.get(key) ?? [];
    list.push({ id: row.id, verb: row.verb, objectId: row.objectId, timestamp: row.timestamp, scoreScaled: scaled });
    grouped.set(key, list);
  }
  const rows = await db.select().from(completions);
  const stored = new Map(rows.map((row) => [`${row.userId}|${row.moduleId}`, row]));
  for (const [key, list] of grouped) {
    const moduleId = key.split("|")[1] ?? "";
    const module = catalog.module(moduleId);
    if (!module) throw new Error(`statement for unknown module ${moduleId}`);
    const expected = rebuildProjection(list, module, (id) => certificateByStatement.get(id) ?? null);
    const row = stored.get(key);
    expect(row, `projection row for ${key}`).toBeDefined();
    const {
      userId: _u,
      moduleId: _m,
      forceId: _f,
      unitId: _un,
      jobRole: _j,
      lastStatementSeq,
      updatedAt: _up,
      ...state
    } = row ?? ({} as never);
    expect(state, `projection for ${key}`).toEqual(expected);
    expect(lastStatementSeq).toBe(log.filter((entry) => `${entry.userId}|${entry.moduleId}` === key).at(-1)?.seq);
  }
  // A projection row with no statements must still be "not started" (rows exist from locking or assignment).
  for (const [key, row] of stored) {
    if (!grouped.has(key)) expect(row.status, key).toBe("not-started");
  }
  return grouped.size;
}
