// Dates as people in England and Wales read them (GOV.UK style: "30 September 2025"), for the browser client and
// for the pages the server writes itself (the published action plan).

const day = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});
const calendarDay = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** A moment as officers read dates in England and Wales ("28 November 2026"), on the London calendar. */
export function formatDateTime(iso: string): string {
  return day.format(new Date(iso));
}

/**
 * A calendar day (`2026-11-28`) as "28 November 2026". It is read as UTC because it names a day, not a
 * moment: a due date must not slip a day for someone whose browser is in another time zone.
 */
export function formatDay(isoDay: string): string {
  return calendarDay.format(new Date(`${isoDay}T00:00:00Z`));
}
