import { and, eq, isNull, or } from "drizzle-orm";
import type { Module } from "@stalking-response/curriculum";
import { isCurrent, isOverdue, renewalFrom, trainingStatus } from "@stalking-response/curriculum";
import type { ModuleProgress, TrainingItem } from "../../shared/api";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { stateOfRow } from "../db/completions";
import { assignments, completions, users } from "../db/schema";
import { NotFound } from "../errors";
import { contentChangeOf, graceDaysOf, passedVersions } from "./content-change";
import { joinerDueDate } from "./due-dates";
import type { ProjectionState } from "./projection";
import { emptyProjection } from "./projection";

/** The learner fields that decide which assignments apply. */
export interface LearnerScope {
  id: string;
  forceId: string;
  unitId: string | null;
  jobRole: string;
}

/** A module's progress in the contract's shape. */
export function moduleProgress(module: Module, state: ProjectionState, now: Date): ModuleProgress {
  return {
    status: trainingStatus(state, now),
    lastLessonId: state.lastLessonId,
    experiencedLessonIds: state.experiencedLessonIds,
    lessonsTotal: module.lessons.length,
    attempts: state.attempts,
    scorePercent: state.scorePercent,
    completedAt: state.completedAt?.toISOString() ?? null,
    expiresAt: state.expiresAt?.toISOString() ?? null,
    certificateId: state.certificateId,
  };
}

/** The learner's projection rows by module id. */
export async function projectionsOf(db: Db, userId: string): Promise<Map<string, ProjectionState>> {
  const rows = await db.select().from(completions).where(eq(completions.userId, userId));
  return new Map(rows.map((row) => [row.moduleId, stateOfRow(row)]));
}

/** One learner's projection of one module (empty before any statement). */
export async function projectionOf(db: Db, userId: string, moduleId: string): Promise<ProjectionState> {
  const [row] = await db
    .select()
    .from(completions)
    .where(and(eq(completions.userId, userId), eq(completions.moduleId, moduleId)));
  return row ? stateOfRow(row) : emptyProjection();
}

/**
 * Earliest due date per module among the assignments covering this learner; for an assignment made before
 * they joined or moved into its scope, counted from that day ({@link joinerDueDate}).
 */
export async function dueDatesOf(db: Db, learner: LearnerScope): Promise<Map<string, string>> {
  const [placed] = await db.select({ placedAt: users.placedAt }).from(users).where(eq(users.id, learner.id));
  const rows = await db
    .select({ moduleId: assignments.moduleId, dueDate: assignments.dueDate, createdAt: assignments.createdAt })
    .from(assignments)
    .where(
      and(
        eq(assignments.forceId, learner.forceId),
        or(
          eq(assignments.userId, learner.id),
          and(
            isNull(assignments.userId),
            or(isNull(assignments.unitId), learner.unitId ? eq(assignments.unitId, learner.unitId) : undefined),
            or(isNull(assignments.jobRole), eq(assignments.jobRole, learner.jobRole)),
          ),
        ),
      ),
    );
  const due = new Map<string, string>();
  for (const row of rows) {
    const dueDate = placed ? joinerDueDate(row, placed.placedAt) : row.dueDate;
    const current = due.get(row.moduleId);
    if (current === undefined || dueDate < current) due.set(row.moduleId, dueDate);
  }
  return due;
}

/**
 * The learner's training list: every module of the course, assigned ones flagged with their due date.
 * Once a completion exists, the next due date is its expiry (recertification follows the validity period).
 */
export async function trainingItems(
  db: Db,
  catalog: Catalog,
  learner: LearnerScope,
  now: Date,
): Promise<TrainingItem[]> {
  const [states, due, graceDays] = await Promise.all([
    projectionsOf(db, learner.id),
    dueDatesOf(db, learner),
    graceDaysOf(db, learner.forceId),
  ]);
  const held = [...states.values()].flatMap((state) => (state.certificateId ? [state.certificateId] : []));
  const versions = await passedVersions(db, held);
  const today = now.toISOString().slice(0, 10);
  return catalog.modules.map((module) => {
    const state = states.get(module.id) ?? emptyProjection();
    const status = trainingStatus(state, now);
    const passedVersion = state.certificateId ? versions.get(state.certificateId) : undefined;
    // Only a completion that still counts can be reopened; an expired one must be retaken anyway.
    const contentChange =
      passedVersion !== undefined && isCurrent(status) ? contentChangeOf(module, passedVersion, graceDays) : null;
    const assignedDue = due.get(module.id);
    const assigned = assignedDue !== undefined;
    const dueDate = assigned ? (state.expiresAt?.toISOString().slice(0, 10) ?? assignedDue) : null;
    return {
      moduleId: module.id,
      title: module.title,
      summary: module.summary,
      estimatedMinutes: module.estimatedMinutes,
      status,
      assigned,
      dueDate,
      overdue: isOverdue({ assigned, status, dueDate }, today),
      lessonsTotal: module.lessons.length,
      lessonsExperienced: state.experiencedLessonIds.length,
      attempts: state.attempts,
      scorePercent: state.scorePercent,
      completedAt: state.completedAt?.toISOString() ?? null,
      expiresAt: state.expiresAt?.toISOString() ?? null,
      renewalFrom: state.expiresAt ? renewalFrom(state.expiresAt).toISOString() : null,
      certificateId: state.certificateId,
      completionSource: state.completionSource,
      contentChange,
    };
  });
}

/**
 * A learner's training list as someone in their force asks for it (the route decides who may ask). Another
 * force's learner is {@link NotFound}, not forbidden, so ids cannot be probed across forces.
 */
export async function learnerTraining(
  db: Db,
  catalog: Catalog,
  forceId: string,
  userId: string,
  now: Date,
): Promise<{ learner: { id: string; displayName: string }; items: TrainingItem[] }> {
  const [learner] = await db
    .select({
      id: users.id,
      forceId: users.forceId,
      unitId: users.unitId,
      jobRole: users.jobRole,
      displayName: users.displayName,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!learner || learner.forceId !== forceId) throw new NotFound("learner");
  return {
    learner: { id: learner.id, displayName: learner.displayName },
    items: await trainingItems(db, catalog, learner, now),
  };
}
