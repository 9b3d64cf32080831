import type { DeadlineBasis, IsoDate } from "./model";

const periods: Readonly<Record<DeadlineBasis, { days?: number; months?: number }>> = {
  "56-days": { days: 56 },
  "6-months": { months: 6 },
  "12-months": { months: 12 },
};

/**
 * The date a deadline falls on, counted from a publication date as the report counts it
 * (27 Sep 2024 + 56 days = 22 Nov 2024; + 6 months = 27 Mar 2025; + 12 months = 27 Sep 2025).
 *
 * Month arithmetic keeps the day of the month; it runs in UTC so the result never depends on
 * the machine's time zone.
 *
 * @example deadlineDate("56-days", "2024-09-27"); // "2024-11-22"
 */
export function deadlineDate(basis: DeadlineBasis, published: IsoDate): IsoDate {
  const period = periods[basis];
  const date = new Date(`${published}T00:00:00Z`);
  if (Number.isNaN(date.getTime()))
    throw new RangeError(`published must be a date written YYYY-MM-DD, got ${published}`);
  if (period.months) date.setUTCMonth(date.getUTCMonth() + period.months);
  if (period.days) date.setUTCDate(date.getUTCDate() + period.days);
  return date.toISOString().slice(0, 10);
}
