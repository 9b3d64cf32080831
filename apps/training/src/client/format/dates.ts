export { formatDateTime, formatDay } from "../../shared/dates-in-words";
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
