import { asc, sql } from "drizzle-orm";
import type { Batcher, ItemResult } from "../batcher";
import { createBatcher } from "../batcher";
import type { Db } from "../db/client";
import { completions, statements } from "../db/schema";
import type { Learner, NewStatement } from "./ledger";
import { toState, withLedger } from "./ledger";
import type { ProjectionState } from "./projection";
import { applyStatement, emptyProjection } from "./projection";
import { contentHash } from "./xapi";

/** One request's statements: stored all together or not at all (xAPI's rule for a batch). */
export interface IngestRequest {
  learner: Learner;
  statements: readonly NewStatement[];
}

/** Stores statements, group-committing concurrent requests; resolves once the request's statements are durable. */
export type StatementIngest = Batcher<IngestRequest, void>;

// Thrown inside the shared transaction when a request needs the exact per-request rules (an id already
// used by different content must fail that request alone with 409, not its neighbours).
class ReplayAlone extends Error {}

const keyOf = (userId: string, moduleId: string) => `${userId}\u0000${moduleId}`;

/** Stores every request's statements and projection changes in one transaction; throws to roll all back. */
async function storeTogether(
  tx: Db,
  requests: readonly IngestRequest[],
  validityMonths: (moduleId: string) => number,
): Promise<void> {
  const entries = requests.flatMap((request) =>
    request.statements.map((statement) => ({ learner: request.learner, statement, hash: contentHash(statement.body) })),
  );
  if (entries.length === 0) return;

  // Projection rows: created if missing, then locked in one global order, so concurrent batches cannot deadlock.
  const keys = new Map<string, { learner: Learner; moduleId: string }>();
  for (const { learner, statement } of entries) {
    keys.set(keyOf(learner.id, statement.moduleId), { learner, moduleId: statement.moduleId });
  }
  const ordered = [...keys.values()].sort((a, b) =>
    a.learner.id === b.learner.id ? a.moduleId.localeCompare(b.moduleId, "en") : a.learner.id < b.learner.id ? -1 : 1,
  );
  await tx
    .insert(completions)
    .values(
      ordered.map(({ learner, moduleId }) => ({
        userId: learner.id,
        moduleId,
        forceId: learner.forceId,
        unitId: learner.unitId,
        jobRole: learner.jobRole,
        status: "not-started" as const,
      })),
    )
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(completions)
    .where(
      sql`(${completions.userId}, ${completions.moduleId}) IN (SELECT * FROM unnest(${sql.param(
        ordered.map((key) => key.learner.id),
      )}::uuid[], ${sql.param(ordered.map((key) => key.moduleId))}::text[]))`,
    )
    .orderBy(asc(completions.userId), asc(completions.moduleId))
    .for("update");
  const states = new Map<string, ProjectionState>(rows.map((row) => [keyOf(row.userId, row.moduleId), toState(row)]));
  if (states.size !== keys.size) throw new ReplayAlone("a projection row could not be locked");

  // The same id twice in one batch: a repeat with the same content is a no-op, with different content a conflict.
  const firstHash = new Map<string, string>();
  const fresh = entries.filter(({ statement, hash }) => {
    const earlier = firstHash.get(statement.id);
    if (earlier === undefined) {
      firstHash.set(statement.id, hash);
      return true;
    }
    if (earlier !== hash) throw new ReplayAlone("an id is used twice with different content");
    return false;
  });

  const inserted = await tx
    .insert(statements)
    .values(
      fresh.map(({ learner, statement, hash }) => ({
        id: statement.id,
        forceId: learner.forceId,
        userId: learner.id,
        verb: statement.verb,
        objectId: statement.objectId,
        moduleId: statement.moduleId,
        registration: statement.registration,
        timestamp: statement.timestamp,
        contentHash: hash,
        statement: statement.body,
      })),
    )
    .onConflictDoNothing({ target: statements.id })
    .returning({ id: statements.id, seq: statements.seq });
  const seqOf = new Map(inserted.map((row) => [row.id, row.seq]));

  const alreadyStored = fresh.filter(({ statement }) => !seqOf.has(statement.id));
  if (alreadyStored.length > 0) {
    const stored = await tx
      .select({ id: statements.id, contentHash: statements.contentHash })
      .from(statements)
      .where(sql`${statements.id} = ANY(${sql.param(alreadyStored.map(({ statement }) => statement.id))}::uuid[])`);
    const storedHash = new Map(stored.map((row) => [row.id, row.contentHash]));
    // Stored before with the same content: an xAPI no-op. Anything else is the 409 of one request.
    if (alreadyStored.some(({ statement, hash }) => storedHash.get(statement.id) !== hash)) {
      throw new ReplayAlone("an id is already stored with different content");
    }
  }

  // Fold in stored order, as a rebuild from the log would.
  const applied = fresh
    .filter(({ statement }) => seqOf.has(statement.id))
    .sort((a, b) => (seqOf.get(a.statement.id) ?? 0) - (seqOf.get(b.statement.id) ?? 0));
  const lastSeq = new Map<string, number>();
  for (const { learner, statement } of applied) {
    const key = keyOf(learner.id, statement.moduleId);
    const state = states.get(key) ?? emptyProjection();
    states.set(
      key,
      applyStatement(state, statement, { validityMonths: validityMonths(statement.moduleId) }, () => null),
    );
    lastSeq.set(key, seqOf.get(statement.id) ?? 0);
  }
  if (lastSeq.size === 0) return;

  const updatedAt = new Date();
  const changed = ordered.filter(({ learner, moduleId }) => lastSeq.has(keyOf(learner.id, moduleId)));
  // One statement for every changed row; the rows exist and are locked, so the insert half never inserts.
  await tx
    .insert(completions)
    .values(
      changed.map(({ learner, moduleId }) => {
        const key = keyOf(learner.id, moduleId);
        return {
          userId: learner.id,
          moduleId,
          forceId: learner.forceId,
          unitId: learner.unitId,
          jobRole: learner.jobRole,
          ...(states.get(key) ?? emptyProjection()),
          lastStatementSeq: lastSeq.get(key) ?? 0,
          updatedAt,
        };
      }),
    )
    .onConflictDoUpdate({
      target: [completions.userId, completions.moduleId],
      set: {
        status: sql`excluded.status`,
        experiencedLessonIds: sql`excluded.experienced_lesson_ids`,
        lastLessonId: sql`excluded.last_lesson_id`,
        attempts: sql`excluded.attempts`,
        scorePercent: sql`excluded.score_percent`,
        bestScorePercent: sql`excluded.best_score_percent`,
        startedAt: sql`excluded.started_at`,
        completedAt: sql`excluded.completed_at`,
        expiresAt: sql`excluded.expires_at`,
        certificateId: sql`excluded.certificate_id`,
        lastStatementSeq: sql`excluded.last_statement_seq`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Stores one request alone through the ledger: the exact rules, with that request's own error. */
function storeAlone(db: Db, request: IngestRequest, validityMonths: (moduleId: string) => number): Promise<void> {
  return withLedger(
    db,
    request.learner,
    request.statements.map((statement) => statement.moduleId),
    validityMonths,
    async (ledger) => {
      for (const statement of request.statements) await ledger.append(statement);
    },
  );
}

/**
 * Stores a batch of requests in one transaction. If that fails (an id conflict, a deadlock, anything), it
 * is rolled back whole and each request is replayed alone, so one bad request fails only itself and a
 * request is answered only after its own statements have committed.
 */
export async function storeStatementBatch(
  db: Db,
  requests: readonly IngestRequest[],
  validityMonths: (moduleId: string) => number,
): Promise<ItemResult<void>[]> {
  try {
    await db.transaction((tx) => storeTogether(tx, requests, validityMonths));
    return requests.map(() => ({ ok: true, value: undefined }));
  } catch {
    const results: ItemResult<void>[] = [];
    for (const request of requests) {
      try {
        await storeAlone(db, request, validityMonths);
        results.push({ ok: true, value: undefined });
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
    return results;
  }
}

/** The group-committing statement writer an app uses for the xAPI Statements resource. */
export function createStatementIngest(
  db: Db,
  validityMonths: (moduleId: string) => number,
  options: { maxInFlight: number; maxBatch?: number },
): StatementIngest {
  return createBatcher<IngestRequest, void>((requests) => storeStatementBatch(db, requests, validityMonths), {
    maxInFlight: options.maxInFlight,
    // Statements, not requests: bounds the rows (and bind parameters) one transaction writes.
    maxBatch: options.maxBatch ?? 1000,
    sizeOf: (request) => request.statements.length,
  });
}
