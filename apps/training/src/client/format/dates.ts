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

export { londonDayOf } from "../../shared/london-day";

const clockTime = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/London",
});

/** The time of day a moment fell at in England and Wales, on the 24-hour clock ("10:42:05"). */
export function formatTimeOfDay(iso: string): string {
  return clockTime.format(new Date(iso));
}

const shortMonth = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** A calendar month (`2026-11`) as a chart axis shows it ("Nov 2026"); a month, not a moment, so read as UTC. */
export function formatShortMonth(isoMonth: string): string {
  return shortMonth.format(new Date(`${isoMonth}-01T00:00:00Z`));
}
