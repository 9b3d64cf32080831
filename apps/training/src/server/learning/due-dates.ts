/**
 * Due dates for joiners (issue 15): an assignment gives people a number of days (its allowance, from the day
 * it was made to its due date). Someone who joins, or moves into its scope, after it was made gets the same
 * allowance from that day, rather than a date already past. The officer's list uses these functions; the
 * trainer grid's SQL (`trainer/query.ts`) applies the same rule.
 */

/** Whole days an assignment gives: from the day it was made to its due date. */
export function allowanceDays(assignment: { dueDate: string; createdAt: Date }): number {
  const made = Date.parse(assignment.createdAt.toISOString().slice(0, 10));
  return Math.max(0, Math.round((Date.parse(assignment.dueDate) - made) / 86_400_000));
}

/**
 * An assignment's due date for one learner: its own, or for someone who joined or moved into its scope after it
 * was made, the day they did plus its allowance (never a date already past when they arrived).
 */
export function joinerDueDate(assignment: { dueDate: string; createdAt: Date }, placedAt: Date): string {
  // In scope when it was made: its own date, whatever it is.
  if (placedAt <= assignment.createdAt) return assignment.dueDate;
  const fromPlacement = new Date(
    Date.parse(placedAt.toISOString().slice(0, 10)) + allowanceDays(assignment) * 86_400_000,
  )
    .toISOString()
    .slice(0, 10);
  return fromPlacement > assignment.dueDate ? fromPlacement : assignment.dueDate;
}
