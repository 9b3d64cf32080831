import { londonDayOf } from "../../shared/london-day";

/** Lower-case words joined by hyphens, safe in a file name and a Content-Disposition header. */
export const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

/**
 * The published action plan's file name says whose plan it is, what it is and the day it was generated on the
 * London calendar, e.g. `essex-stalking-action-plan-progress-2026-12-06.html`; the HTML page links to the JSON
 * file of the same name, so the two can sit side by side on a force website.
 */
export function publishedFileName(forceId: string, generatedAt: string, extension: "html" | "json"): string {
  return `${slug(forceId)}-stalking-action-plan-progress-${londonDayOf(generatedAt)}.${extension}`;
}
