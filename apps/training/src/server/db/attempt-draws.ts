import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { XAPI_VERBS } from "../../shared/api";
import type { Db } from "./client";
import { attemptDraws, forces, statements } from "./schema";
import type { DrawnQuestion } from "./schema";

/** A drawn attempt as stored. */
export type AttemptDrawRow = typeof attemptDraws.$inferSelect;

/** Stores a new draw. */
export async function insertDraw(db: Db, row: typeof attemptDraws.$inferInsert): Promise<void> {
  await db.insert(attemptDraws).values(row);
}

/** The learner's draws on a module since a time, oldest first. */
export function drawsSince(db: Db, userId: string, moduleId: string, since: Date): Promise<AttemptDrawRow[]> {
  return db
    .select()
    .from(attemptDraws)
    .where(and(eq(attemptDraws.userId, userId), eq(attemptDraws.moduleId, moduleId), gt(attemptDraws.drawnAt, since)))
    .orderBy(attemptDraws.drawnAt);
}

/** The learner's latest draw on a module, or undefined. */
export async function latestDraw(db: Db, userId: string, moduleId: string): Promise<AttemptDrawRow | undefined> {
  const [row] = await db
    .select()
    .from(attemptDraws)
    .where(and(eq(attemptDraws.userId, userId), eq(attemptDraws.moduleId, moduleId)))
    .orderBy(desc(attemptDraws.drawnAt))
    .limit(1);
  return row;
}

/** One of the learner's own draws on a module, or undefined (another learner's id finds nothing). */
export async function findDraw(
  db: Db,
  id: string,
  userId: string,
  moduleId: string,
): Promise<AttemptDrawRow | undefined> {
  const [row] = await db
    .select()
    .from(attemptDraws)
    .where(and(eq(attemptDraws.id, id), eq(attemptDraws.userId, userId), eq(attemptDraws.moduleId, moduleId)));
  return row;
}

/** Records how a drawn attempt ended (in the transaction that records its statements). */
export async function markDrawSubmitted(
  db: Db,
  id: string,
  outcome: { at: Date; passed: boolean; wrongQuestionIds: string[] },
): Promise<void> {
  await db
    .update(attemptDraws)
    .set({ submittedAt: outcome.at, passed: outcome.passed, wrongQuestionIds: outcome.wrongQuestionIds })
    .where(and(eq(attemptDraws.id, id), sql`${attemptDraws.submittedAt} IS NULL`));
}

/** Knowledge-check attempts the force allows per module in 24 hours. */
export async function attemptsPerDay(db: Db, forceId: string): Promise<number> {
  const [row] = await db.select({ value: forces.attemptsPerDay }).from(forces).where(eq(forces.id, forceId));
  return row?.value ?? 3;
}

/** The log position of a stored statement, or undefined. */
export async function statementSeq(db: Db, statementId: string): Promise<number | undefined> {
  const [row] = await db.select({ seq: statements.seq }).from(statements).where(eq(statements.id, statementId));
  return row?.seq;
}

/** Which of these activities (lessons) the learner has experienced after a log position. */
export async function experiencedAfter(
  db: Db,
  userId: string,
  moduleId: string,
  afterSeq: number,
  objectIds: readonly string[],
): Promise<Set<string>> {
  if (objectIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ objectId: statements.objectId })
    .from(statements)
    .where(
      and(
        eq(statements.userId, userId),
        eq(statements.moduleId, moduleId),
        eq(statements.verb, XAPI_VERBS.experienced),
        gt(statements.seq, afterSeq),
        inArray(statements.objectId, [...objectIds]),
      ),
    );
  return new Set(rows.map((row) => row.objectId));
}

export type { DrawnQuestion };

/** Keeps the answers given so far to a learner's own attempt, while it is not submitted; `false` when it is not open. */
export async function saveAnswersSoFar(
  db: Db,
  id: string,
  userId: string,
  answers: Record<string, string[]>,
): Promise<boolean> {
  const saved = await db
    .update(attemptDraws)
    .set({ answersSoFar: answers })
    .where(and(eq(attemptDraws.id, id), eq(attemptDraws.userId, userId), sql`${attemptDraws.submittedAt} IS NULL`))
    .returning({ id: attemptDraws.id });
  return saved.length > 0;
}
