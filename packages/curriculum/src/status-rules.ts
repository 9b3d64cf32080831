import type { RecordedStatus, TrainingStatus } from "./status";

// Kept apart from the zod schemas in ./status so that a browser bundle using only these rules and words
// does not carry zod: a bundler cannot drop a module's top-level schema calls, but can skip the module.

/** Days before expiry from which a completion is due for renewal. */
export const RENEWAL_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/** The words for each status. Colour may repeat them; it never replaces them. */
export const trainingStatusLabels: Readonly<Record<TrainingStatus, string>> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
  "due-for-renewal": "Due for renewal",
  expired: "Expired",
};

/** The words for an assigned module whose due date has passed (shown beside the status, not instead of it). */
export const overdueLabel = "Overdue";

/**
 * The words for a current pass that a later material release has reopened (see `materialChangesSince`), shown
 * beside the status with the day to renew by: "Content changed — renew by 5 March 2027".
 */
export const contentChangedLabel = "Content changed";

/**
 * The statuses in order of how far a learner has got with a current completion: not started, in progress,
 * expired, due for renewal, completed. Sorting by status uses this order.
 */
export const trainingStatusRank: Readonly<Record<TrainingStatus, number>> = {
  "not-started": 0,
  "in-progress": 1,
  expired: 2,
  "due-for-renewal": 3,
  completed: 4,
};

/** When a completion that expires at `expiresAt` becomes due for renewal. */
export function renewalFrom(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS);
}

/**
 * The status a person sees at `now`: the recorded status, with a completion read against its expiry —
 * expired from `expiresAt` on, due for renewal in the {@link RENEWAL_WINDOW_DAYS} days before.
 *
 * @example trainingStatus({ status: "completed", expiresAt: new Date("2027-01-10T09:00:00Z") }, new Date("2027-01-01"))
 * // "due-for-renewal"
 */
export function trainingStatus(record: { status: RecordedStatus; expiresAt: Date | null }, now: Date): TrainingStatus {
  if (record.status !== "completed" || record.expiresAt === null) return record.status;
  if (now >= record.expiresAt) return "expired";
  return now >= renewalFrom(record.expiresAt) ? "due-for-renewal" : "completed";
}

/** Whether a status counts as holding the module now (completed, or completed and due for renewal). */
export function isCurrent(status: TrainingStatus): boolean {
  return status === "completed" || status === "due-for-renewal";
}

/**
 * Whether an assigned module is overdue on `today` (`YYYY-MM-DD`): the learner does not hold it now and its
 * due date (`YYYY-MM-DD`, or `null` when none) is before today.
 *
 * @example isOverdue({ assigned: true, status: "in-progress", dueDate: "2026-11-30" }, "2026-12-06") // true
 */
export function isOverdue(
  item: { assigned: boolean; status: TrainingStatus; dueDate: string | null },
  today: string,
): boolean {
  return item.assigned && !isCurrent(item.status) && item.dueDate !== null && item.dueDate < today;
}
