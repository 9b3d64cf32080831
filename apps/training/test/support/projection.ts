import { asc } from "drizzle-orm";
import { expect } from "vitest";
import type { Catalog } from "../../src/server/catalog";
import type { Db } from "../../src/server/db/client";
import { certificates, completions, statements } from "../../src/server/db/schema";
import { rebuildProjection } from "../../src/server/learning/projection";
import type { ProjectedStatement } from "../../src/server/learning/statement";
import { importSourceOf } from "../../src/server/learning/statement";

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
  // A voided statement no longer counts (issue 19); the row's version is then the voiding statement's seq.
  const byId = new Map(log.map((row) => [row.id, row]));
  const voided = new Set<string>();
  const lastSeq = new Map<string, number>();
  for (const row of log) {
    const target = row.voiding && row.refTarget ? byId.get(row.refTarget) : undefined;
    if (!target || target.forceId !== row.forceId) continue;
    voided.add(target.id);
    if (target.moduleId !== null) lastSeq.set(`${target.userId}|${target.moduleId}`, row.seq);
  }
  for (const row of log) {
    if (row.moduleId === null) continue; // an LRS client's statement about another activity: not projected
    const key = `${row.userId}|${row.moduleId}`;
    if (!grouped.has(key)) grouped.set(key, []);
    if (voided.has(row.id)) continue;
    lastSeq.set(key, Math.max(lastSeq.get(key) ?? 0, row.seq));
    const scaled = (row.statement as { result?: { score?: { scaled?: number } } }).result?.score?.scaled;
    const list = grouped.get(key) ?? [];
    const context = (row.statement as { context?: Record<string, unknown> }).context ?? {};
    const source = importSourceOf(context);
    list.push({
      id: row.id,
      verb: row.verb,
      objectId: row.objectId,
      timestamp: row.timestamp,
      scoreScaled: scaled,
      ...(source === undefined ? {} : { source }),
    });
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
    expect(lastStatementSeq).toBe(lastSeq.get(key));
  }
  // A projection row with no statements must still be "not started" (rows exist from locking or assignment).
  for (const [key, row] of stored) {
    if (!grouped.has(key)) expect(row.status, key).toBe("not-started");
  }
  return grouped.size;
}
