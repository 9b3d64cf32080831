import type { SQL } from "drizzle-orm";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import { lrsForwardOutbox, lrsForwardTargets } from "./schema";

/**
 * The store of statement forwarding (issue 19): each force's LRS and the outbox the `statements` trigger fills
 * (migration 0018). The Basic password is stored as the domain hands it over: sealed with `SECRETS_KEY`
 * (learning/lrs-forwarding.ts seals and opens it; this floor never sees the key).
 */

const rows = async <T>(db: Db, query: SQL): Promise<T[]> => {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
};

/** Where a force's statements go and how to sign in there (`password` as stored: sealed, or plain from before). */
export interface ForwardCredentials {
  endpoint: string;
  username: string;
  password: string;
  enabled: boolean;
}

/** The force's LRS with its secret, for the forwarder only. */
export async function readForwardCredentials(db: Db, forceId: string): Promise<ForwardCredentials | undefined> {
  const [row] = await db
    .select({
      endpoint: lrsForwardTargets.endpoint,
      username: lrsForwardTargets.username,
      password: lrsForwardTargets.password,
      enabled: lrsForwardTargets.enabled,
    })
    .from(lrsForwardTargets)
    .where(eq(lrsForwardTargets.forceId, forceId));
  return row;
}

/**
 * Saves the force's LRS. Without `password`, the stored one is kept (an admin changing the address does not
 * re-type the secret); a new target must have one (the caller checks). Resets the back-off: the next try is now.
 */
export async function writeForwardCredentials(
  db: Db,
  forceId: string,
  target: { endpoint: string; username: string; password?: string | undefined; enabled: boolean; updatedBy: string },
  now: Date,
): Promise<void> {
  const changes = {
    endpoint: target.endpoint,
    username: target.username,
    enabled: target.enabled,
    updatedBy: target.updatedBy,
    updatedAt: now,
    failures: 0,
    nextAttemptAt: now,
    ...(target.password === undefined ? {} : { password: target.password }),
  };
  await db
    .insert(lrsForwardTargets)
    .values({ forceId, password: target.password ?? "", ...changes })
    .onConflictDoUpdate({ target: lrsForwardTargets.forceId, set: changes });
}

/** Every force's stored forwarding password (sealed or, from before sealing, plain), for the start-up upgrade. */
export function forwardPasswords(db: Db) {
  return db
    .select({ forceId: lrsForwardTargets.forceId, password: lrsForwardTargets.password })
    .from(lrsForwardTargets);
}

/**
 * Replaces a stored password with its sealed form, only if it is still the value read (an admin or another
 * instance may have changed it since); whether it was replaced.
 */
export async function replaceForwardPassword(db: Db, forceId: string, was: string, sealed: string): Promise<boolean> {
  const updated = await db
    .update(lrsForwardTargets)
    .set({ password: sealed })
    .where(and(eq(lrsForwardTargets.forceId, forceId), eq(lrsForwardTargets.password, was)))
    .returning({ forceId: lrsForwardTargets.forceId });
  return updated.length === 1;
}

/** The force's forwarding as an admin sees it (never the password), with its backlog; undefined when none. */
export async function forwardStatus(db: Db, forceId: string) {
  const [target] = await db
    .select({
      endpoint: lrsForwardTargets.endpoint,
      username: lrsForwardTargets.username,
      enabled: lrsForwardTargets.enabled,
      failures: lrsForwardTargets.failures,
      nextAttemptAt: lrsForwardTargets.nextAttemptAt,
      lastError: lrsForwardTargets.lastError,
      lastErrorAt: lrsForwardTargets.lastErrorAt,
      lastSuccessAt: lrsForwardTargets.lastSuccessAt,
      forwardedCount: lrsForwardTargets.forwardedCount,
      updatedAt: lrsForwardTargets.updatedAt,
    })
    .from(lrsForwardTargets)
    .where(eq(lrsForwardTargets.forceId, forceId));
  if (!target) return undefined;
  const [counts] = await rows<{ backlog: string; rejected: string; oldest: string | null }>(
    db,
    sql`SELECT count(*) FILTER (WHERE rejected_at IS NULL) AS backlog, count(rejected_at) AS rejected,
          min(enqueued_at) FILTER (WHERE rejected_at IS NULL)::text AS oldest
        FROM lrs_forward_outbox WHERE force_id = ${forceId}`,
  );
  const [lastRejection] = await db
    .select({ statementId: lrsForwardOutbox.statementId, reason: lrsForwardOutbox.rejection })
    .from(lrsForwardOutbox)
    .where(and(eq(lrsForwardOutbox.forceId, forceId), sql`${lrsForwardOutbox.rejectedAt} IS NOT NULL`))
    .orderBy(sql`${lrsForwardOutbox.rejectedAt} DESC`)
    .limit(1);
  return {
    ...target,
    backlog: Number(counts?.backlog ?? 0),
    rejected: Number(counts?.rejected ?? 0),
    oldestPendingAt: counts?.oldest ? new Date(counts.oldest) : null,
    lastRejection: lastRejection ?? null,
  };
}

/** Removes the force's LRS and everything still waiting to go there. */
export async function deleteForwardTarget(db: Db, forceId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(lrsForwardTargets)
      .where(eq(lrsForwardTargets.forceId, forceId))
      .returning({ forceId: lrsForwardTargets.forceId });
    await tx.delete(lrsForwardOutbox).where(eq(lrsForwardOutbox.forceId, forceId));
    return deleted.length > 0;
  });
}

/** Puts every statement the force has already stored in the outbox (in stored order); answers how many were added. */
export async function enqueueForceHistory(db: Db, forceId: string): Promise<number> {
  const added = await rows<{ n: string }>(
    db,
    sql`WITH added AS (
          INSERT INTO lrs_forward_outbox (statement_id, force_id)
          SELECT id, force_id FROM statements WHERE force_id = ${forceId} ORDER BY seq
          ON CONFLICT (statement_id) DO NOTHING RETURNING 1)
        SELECT count(*) AS n FROM added`,
  );
  return Number(added[0]?.n ?? 0);
}

/** A statement waiting to be forwarded, as stored. */
export interface OutboxStatement {
  statementId: string;
  statement: Record<string, unknown>;
}

/** The next statements to forward, oldest first (rejected ones stay aside). */
export async function pendingStatements(db: Db, forceId: string, limit: number): Promise<OutboxStatement[]> {
  const found = await rows<{ statement_id: string; statement: Record<string, unknown> | string }>(
    db,
    sql`SELECT o.statement_id, s.statement FROM lrs_forward_outbox o JOIN statements s ON s.id = o.statement_id
        WHERE o.force_id = ${forceId} AND o.rejected_at IS NULL ORDER BY o.seq LIMIT ${limit}`,
  );
  return found.map((row) => ({
    statementId: row.statement_id,
    statement:
      typeof row.statement === "string" ? (JSON.parse(row.statement) as Record<string, unknown>) : row.statement,
  }));
}

/** The target has these statements: they leave the outbox, and the force's counters move on. */
export async function markForwarded(db: Db, forceId: string, statementIds: readonly string[], now: Date) {
  if (statementIds.length === 0) return;
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(lrsForwardOutbox)
      .where(and(eq(lrsForwardOutbox.forceId, forceId), inArray(lrsForwardOutbox.statementId, [...statementIds])))
      .returning({ id: lrsForwardOutbox.statementId });
    await tx
      .update(lrsForwardTargets)
      .set({
        failures: 0,
        nextAttemptAt: now,
        lastSuccessAt: now,
        forwardedCount: sql`${lrsForwardTargets.forwardedCount} + ${removed.length}`,
      })
      .where(eq(lrsForwardTargets.forceId, forceId));
  });
}

/** The target refused this statement as bad: it stays in the outbox, aside, with the target's reason. */
export async function markRejected(db: Db, statementId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(lrsForwardOutbox)
    .set({ rejectedAt: now, rejection: reason })
    .where(eq(lrsForwardOutbox.statementId, statementId));
}

/** A try failed: the error is kept for admins and the next try waits `nextAttemptAt`. Answers the failures so far. */
export async function recordForwardFailure(
  db: Db,
  forceId: string,
  error: string,
  now: Date,
  delayFor: (failures: number) => number,
): Promise<Date> {
  const [target] = await db
    .select({ failures: lrsForwardTargets.failures })
    .from(lrsForwardTargets)
    .where(eq(lrsForwardTargets.forceId, forceId));
  const failures = (target?.failures ?? 0) + 1;
  const nextAttemptAt = new Date(now.getTime() + delayFor(failures));
  await db
    .update(lrsForwardTargets)
    .set({ failures, nextAttemptAt, lastError: error, lastErrorAt: now })
    .where(eq(lrsForwardTargets.forceId, forceId));
  return nextAttemptAt;
}

/** Sends rejected statements again and lifts the back-off (an admin fixed something at the target). */
export async function retryForwardingNow(db: Db, forceId: string, now: Date): Promise<void> {
  await db
    .update(lrsForwardOutbox)
    .set({ rejectedAt: null, rejection: null })
    .where(eq(lrsForwardOutbox.forceId, forceId));
  await db
    .update(lrsForwardTargets)
    .set({ nextAttemptAt: now, failures: 0 })
    .where(eq(lrsForwardTargets.forceId, forceId));
}

/** Forces whose forwarding is on, with when their next try may be. */
export function forwardingForces(db: Db) {
  return db
    .select({ forceId: lrsForwardTargets.forceId, nextAttemptAt: lrsForwardTargets.nextAttemptAt })
    .from(lrsForwardTargets)
    .where(eq(lrsForwardTargets.enabled, true));
}
