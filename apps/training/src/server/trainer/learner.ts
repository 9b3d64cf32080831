import type { ModuleId } from "@stalking-response/curriculum";
import { and, asc, desc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import type { LearnerRecordResponse } from "../../shared/trainer-api";
import { XAPI_VERBS } from "../../shared/api";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { certificates, statements, units, users } from "../db/schema";
import { NotFound } from "../errors";
import { certificateState } from "../learning/certificates";
import { trainingItems } from "../learning/progress";

/**
 * One learner's whole record for a trainer of their force: the same training list the learner sees, every
 * knowledge-check attempt, every certificate (old ones verify as expired) and the statement timeline.
 * Another force's learner is "not found", so ids cannot be probed across forces.
 */
export async function learnerRecord(
  db: Db,
  catalog: Catalog,
  forceId: string,
  userId: string,
  page: { limit: number; before?: number | undefined },
  now: Date,
): Promise<LearnerRecordResponse> {
  const [learner] = await db
    .select({
      id: users.id,
      forceId: users.forceId,
      unitId: users.unitId,
      unitName: units.name,
      jobRole: users.jobRole,
      displayName: users.displayName,
      collarNumber: users.collarNumber,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  if (!learner || learner.forceId !== forceId) throw new NotFound("learner");

  const verdicts = [XAPI_VERBS.passed, XAPI_VERBS.failed];
  const [training, attemptRows, certificateRows, timelineRows] = await Promise.all([
    trainingItems(db, catalog, learner, now),
    db
      .select({
        moduleId: statements.moduleId,
        verb: statements.verb,
        timestamp: statements.timestamp,
        statement: statements.statement,
      })
      .from(statements)
      .where(and(eq(statements.userId, userId), inArray(statements.verb, verdicts), isNotNull(statements.moduleId)))
      .orderBy(asc(statements.seq)),
    db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt)),
    db
      .select({
        seq: statements.seq,
        id: statements.id,
        verb: statements.verb,
        moduleId: statements.moduleId,
        objectId: statements.objectId,
        timestamp: statements.timestamp,
        stored: statements.stored,
      })
      .from(statements)
      .where(
        // The record is about the curriculum: statements an LRS client sent about other activities stay out.
        and(
          eq(statements.userId, userId),
          isNotNull(statements.moduleId),
          page.before === undefined ? undefined : lt(statements.seq, page.before),
        ),
      )
      .orderBy(desc(statements.seq))
      .limit(page.limit + 1),
  ]);

  const attemptNumbers = new Map<string, number>();
  const attempts = attemptRows.map((row) => {
    const moduleId = row.moduleId ?? "";
    const number = (attemptNumbers.get(moduleId) ?? 0) + 1;
    attemptNumbers.set(moduleId, number);
    const scaled = (row.statement as { result?: { score?: { scaled?: unknown } } }).result?.score?.scaled;
    return {
      // Statements are only ever stored for catalog modules (checked on write).
      moduleId: row.moduleId as ModuleId,
      attemptNumber: number,
      passed: row.verb === XAPI_VERBS.passed,
      scorePercent: typeof scaled === "number" ? Math.round(scaled * 100) : null,
      at: row.timestamp.toISOString(),
    };
  });
  const timeline = timelineRows.slice(0, page.limit);
  const oldest = timeline[timeline.length - 1];
  return {
    learner: {
      id: learner.id,
      displayName: learner.displayName,
      collarNumber: learner.collarNumber,
      jobRole: learner.jobRole,
      unit: learner.unitId && learner.unitName ? { id: learner.unitId, name: learner.unitName } : null,
    },
    training,
    attempts,
    // Newest first, so a certificate is superseded when an earlier row of the list has its module.
    certificates: certificateRows.map((row, index) => ({
      id: row.id,
      moduleId: row.moduleId as ModuleId,
      moduleVersion: row.moduleVersion,
      scorePercent: row.scorePercent,
      issuedAt: row.issuedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      state: certificateState(
        {
          ...row,
          superseded: certificateRows.slice(0, index).some((newer) => newer.moduleId === row.moduleId),
        },
        now,
      ),
    })),
    timeline: timeline.map((row) => ({
      id: row.id,
      verb: row.verb,
      moduleId: row.moduleId ?? "",
      objectId: row.objectId,
      timestamp: row.timestamp.toISOString(),
      stored: row.stored.toISOString(),
    })),
    olderCursor: timelineRows.length > page.limit && oldest ? String(oldest.seq) : null,
  };
}
