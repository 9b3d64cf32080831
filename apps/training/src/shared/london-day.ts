const londonDay = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: "Europe/London",
});

/** The calendar day (`YYYY-MM-DD`) on which a moment fell in England and Wales. */
export function londonDayOf(moment: string | Date): string {
  return londonDay.format(typeof moment === "string" ? new Date(moment) : moment);
}
