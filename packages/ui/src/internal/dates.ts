const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/**
 * A calendar date (`YYYY-MM-DD`) written the GOV.UK way, "27 November 2026". Dates here are
 * days, not instants, so they are formatted in UTC: a deadline never slips a day with the
 * reader's time zone. Returns `undefined` for anything that is not a real calendar date.
 */
export function formatCalendarDate(isoDate: string): string | undefined {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March; a real calendar date survives the round trip.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return longDate.format(date);
}

const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** A calendar month (`YYYY-MM`) written the GOV.UK way, "April 2024"; `undefined` for anything else. */
export function formatCalendarMonth(isoMonth: string): string | undefined {
  const match = ISO_MONTH.exec(isoMonth);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) return undefined;
  return monthYear.format(new Date(Date.UTC(Number(match[1]), month - 1, 1)));
}
