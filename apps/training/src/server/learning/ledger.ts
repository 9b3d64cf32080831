import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { certificates, completions, statements } from "../db/schema";
import { stateOfRow } from "../db/completions";
import { Conflict } from "../errors";
import type { ProjectionState } from "./projection";
import { addMonthsToInstant, applyStatement, emptyProjection } from "./projection";
import type { Learner, NewCertificate, NewStatement } from "./statement";
import { statementHash } from "./xapi";

/** What happened to one statement. */
export type AppendOutcome = "stored" | "duplicate";

/** The statement log and projection rows of one learner, locked for one transaction. */
export interface LedgerTransaction {
  tx: Db;
  /** The current projection of a locked module. */
  state(moduleId: string): ProjectionState;
  /**
   * Stores a statement and applies it to the projection. Same id and same content → `duplicate` (no-op);
   * same id, different content → throws a {@link Conflict} and the whole transaction rolls back.
   */
  append(statement: NewStatement, certificate?: NewCertificate): Promise<AppendOutcome>;
}

/** A conflict: the id is taken by a statement with different content. */
export const statementConflict = (id: string) =>
  new Conflict(
    "statement-conflict",
    "Statement id already used",
    `A different statement with id ${id} is already stored; statements cannot be changed.`,
    [{ field: "id", reason: "is already used by a statement with different content" }],
  );

/**
 * Runs `work` in one transaction holding the learner's projection rows for `moduleIds` locked, then saves
 * the projection. Statements and the projection therefore commit together or not at all, and two writes
 * for the same learner and module apply in the order they store (`seq`).
 */
export async function withLedger<T>(
  db: Db,
  learner: Learner,
  moduleIds: readonly string[],
  validityMonths: (moduleId: string) => number,
  work: (ledger: LedgerTransaction) => Promise<T>,
): Promise<T> {
  const ordered = [...new Set(moduleIds)].sort(); // one lock order everywhere, so no deadlocks
  return db.transaction(async (tx) => {
    if (ordered.length > 0) {
      await tx
        .insert(completions)
        .values(
          ordered.map((moduleId) => ({
            userId: learner.id,
            moduleId,
            forceId: learner.forceId,
            unitId: learner.unitId,
            jobRole: learner.jobRole,
            status: "not-started" as const,
          })),
        )
        .onConflictDoNothing();
    }
    const rows =
      ordered.length === 0
        ? []
        : await tx
            .select()
            .from(completions)
            .where(and(eq(completions.userId, learner.id), inArray(completions.moduleId, ordered)))
            .orderBy(asc(completions.moduleId))
            .for("update");
    const states = new Map(rows.map((row) => [row.moduleId, stateOfRow(row)]));
    const lastSeq = new Map(rows.map((row) => [row.moduleId, row.lastStatementSeq]));
    const changed = new Set<string>();

    const ledger: LedgerTransaction = {
      tx: tx,
      state: (moduleId) => states.get(moduleId) ?? emptyProjection(),
      async append(statement, certificate) {
        const state = statement.moduleId === null ? undefined : states.get(statement.moduleId);
        if (statement.moduleId !== null && !state) {
          throw new Error(`module ${statement.moduleId} was not locked for this transaction`);
        }
        const hash = statementHash(statement);
        const inserted = await tx
          .insert(statements)
          .values({
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
            refTarget: statement.refTarget ?? null,
            voiding: statement.voiding ?? false,
          })
          .onConflictDoNothing({ target: statements.id })
          .returning({ seq: statements.seq });
        const seq = inserted[0]?.seq;
        if (seq === undefined) {
          const [existing] = await tx
            .select({ contentHash: statements.contentHash })
            .from(statements)
            .where(eq(statements.id, statement.id));
          if (existing?.contentHash === hash) return "duplicate";
          throw statementConflict(statement.id);
        }
        if (statement.moduleId === null || !state) return "stored"; // about another activity: not projected
        if (certificate) {
          await tx.insert(certificates).values({
            id: certificate.id,
            forceId: learner.forceId,
            userId: learner.id,
            moduleId: statement.moduleId,
            moduleVersion: certificate.moduleVersion,
            scorePercent: certificate.scorePercent,
            issuedAt: statement.timestamp,
            expiresAt: addMonthsToInstant(statement.timestamp, validityMonths(statement.moduleId)),
            statementId: statement.id,
          });
        }
        const next = applyStatement(state, statement, { validityMonths: validityMonths(statement.moduleId) }, (id) =>
          id === statement.id && certificate ? certificate.id : null,
        );
        states.set(statement.moduleId, next);
        lastSeq.set(statement.moduleId, seq);
        changed.add(statement.moduleId);
        return "stored";
      },
    };

    const result = await work(ledger);
    for (const moduleId of changed) {
      const state = states.get(moduleId) ?? emptyProjection();
      await tx
        .update(completions)
        .set({ ...state, lastStatementSeq: lastSeq.get(moduleId) ?? 0, updatedAt: new Date() })
        .where(and(eq(completions.userId, learner.id), eq(completions.moduleId, moduleId)));
    }
    return result;
  });
}
