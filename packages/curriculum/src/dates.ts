import type { Module } from "./schema";

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | undefined {
  const match = isoDate.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? [year, month, day] : undefined;
}

/**
 * Adds calendar months to an ISO date. A day that does not exist in the target month falls back to that
 * month's last day, so a pass on 31 January with 1 month's validity is due on 28 or 29 February, never in March.
 *
 * @returns the new ISO date, or `undefined` when `date` is not a real YYYY-MM-DD date.
 * @example addMonths("2026-01-31", 1) // "2026-02-28"
 */
export function addMonths(date: string, months: number): string | undefined {
  const ymd = parts(date);
  if (!ymd || !Number.isInteger(months)) return undefined;
  const [year, month, day] = ymd;
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/**
 * Adds calendar days to an ISO date.
 *
 * @returns the new ISO date, or `undefined` when `date` is not a real YYYY-MM-DD date or `days` is not whole.
 * @example addDays("2026-12-06", 30) // "2027-01-05"
 */
export function addDays(date: string, days: number): string | undefined {
  const ymd = parts(date);
  if (!ymd || !Number.isInteger(days)) return undefined;
  const [year, month, day] = ymd;
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * When a learner who passed a module on `passedOn` must recertify: `validityMonths` after the pass.
 *
 * @returns an ISO date, or `undefined` when `passedOn` is not a real YYYY-MM-DD date.
 * @example recertificationDueOn(module, "2026-11-28") // "2027-11-28" for a 12-month module
 */
export function recertificationDueOn(module: Pick<Module, "validityMonths">, passedOn: string): string | undefined {
  return addMonths(passedOn, module.validityMonths);
}

/** Whether a module's content is within its review date. */
export type ReviewStatus = "current" | "review-overdue";

/**
 * Whether a module's content review is overdue on `today` (an ISO date). Hosts should warn trainers, and may
 * stop issuing certificates, once a module is past `nextReviewDue`.
 *
 * @example reviewStatus(module, "2027-06-01")
 */
export function reviewStatus(module: Pick<Module, "nextReviewDue">, today: string): ReviewStatus {
  return today > module.nextReviewDue ? "review-overdue" : "current";
}
