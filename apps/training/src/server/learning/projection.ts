import { addMonths } from "@stalking-response/curriculum";
import { XAPI_VERBS } from "../../shared/api";
import type { CompletionState } from "../db/completions";
import { emptyCompletionState } from "../db/completions";
import type { ProjectedStatement } from "./statement";
import { parseActivityId } from "./xapi";

/** The projected state of one learner on one module, as stored in `completions` (see db/completions.ts). */
export type ProjectionState = CompletionState;

/** The state before any statement. */
export const emptyProjection = emptyCompletionState;

/** Adds calendar months to an instant, keeping the time of day (the curriculum's rule for the date part). */
export function addMonthsToInstant(instant: Date, months: number): Date {
  const iso = instant.toISOString();
  const day = addMonths(iso.slice(0, 10), months);
  return new Date(`${day ?? iso.slice(0, 10)}${iso.slice(10)}`);
}

/**
 * Applies one statement to the projection. Pure, so the same fold rebuilds the projection from the
 * statement log (see `rebuildProjection`) and tests can prove the stored rows agree with the log.
 */
export function applyStatement(
  state: ProjectionState,
  statement: ProjectedStatement,
  module: { validityMonths: number },
  certificateFor: (statementId: string) => string | null,
): ProjectionState {
  const next: ProjectionState = { ...state, experiencedLessonIds: [...state.experiencedLessonIds] };
  const begin = () => {
    if (next.status === "not-started") next.status = "in-progress";
    next.startedAt ??= statement.timestamp;
  };
  switch (statement.verb) {
    case XAPI_VERBS.launched:
    case XAPI_VERBS.answered:
      begin();
      break;
    case XAPI_VERBS.experienced: {
      begin();
      const activity = parseActivityId(statement.objectId);
      if (activity?.kind === "lesson") {
        if (!next.experiencedLessonIds.includes(activity.lessonId)) next.experiencedLessonIds.push(activity.lessonId);
        next.lastLessonId = activity.lessonId;
      }
      break;
    }
    case XAPI_VERBS.passed:
    case XAPI_VERBS.failed: {
      begin();
      next.attempts += 1;
      if (statement.scoreScaled !== undefined) {
        const percent = Math.round(statement.scoreScaled * 100);
        next.scorePercent = percent;
        next.bestScorePercent = Math.max(percent, next.bestScorePercent ?? percent);
      }
      break;
    }
    case XAPI_VERBS.completed:
      // An imported completion older than the one held is history, not news: it never replaces a later one
      // (the import stores it after the learner's own statements, whatever its date).
      if (statement.source !== undefined && next.completedAt !== null && next.completedAt >= statement.timestamp) {
        break;
      }
      begin();
      next.status = "completed";
      next.completedAt = statement.timestamp;
      next.expiresAt = addMonthsToInstant(statement.timestamp, module.validityMonths);
      next.certificateId = certificateFor(statement.id);
      next.completionSource = statement.source ?? null;
      if (statement.source !== undefined && statement.scoreScaled !== undefined) {
        // The other platform's score, the learner's only one here until they sit our knowledge check.
        next.scorePercent = Math.round(statement.scoreScaled * 100);
        next.bestScorePercent = Math.max(next.scorePercent, next.bestScorePercent ?? next.scorePercent);
      }
      break;
    default:
      break;
  }
  return next;
}

/** Folds a learner's statements on one module, in stored order, into the projection. */
export function rebuildProjection(
  ordered: readonly ProjectedStatement[],
  module: { validityMonths: number },
  certificateFor: (statementId: string) => string | null,
): ProjectionState {
  return ordered.reduce(
    (state, statement) => applyStatement(state, statement, module, certificateFor),
    emptyProjection(),
  );
}
