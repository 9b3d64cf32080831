/**
 * Rules for text and dates people type, shared by the server (which enforces them) and the browser client
 * (which shows the same messages). The server's input boundary (`src/server/http/input-boundary.ts`) has
 * already refused NUL and unpaired surrogates and normalised every string to NFC before these run.
 */
import { z } from "zod";

// C0 and C1 controls, the Arabic letter mark, zero-width characters, left-to-right and right-to-left marks,
// embeddings, overrides and isolates, the word joiner family and the byte-order mark. None belongs in a name
// or an identifier, and the bidi ones can make a name display as something else ("Trojan Source").
/* eslint-disable no-control-regex -- finding control characters is this pattern's job */
const HIDDEN_CHARACTERS =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
/* eslint-enable no-control-regex */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL could not store this text (a NUL, an unpaired surrogate, which has no UTF-8 form), or
 * `null` when it can.
 */
export function unstorableText(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain a NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "must not contain an unpaired surrogate (text that is not valid Unicode)";
  return null;
}

/** True when the text holds no control, zero-width or text-direction character. */
export const hasNoHiddenCharacters = (text: string): boolean => !HIDDEN_CHARACTERS.test(text);

/** The message for a name or identifier holding a hidden character. */
export const HIDDEN_CHARACTERS_MESSAGE = "must not contain control, zero-width or text-direction characters";

/**
 * A name or identifier as typed (display names, unit names, email addresses, collar numbers, searches):
 * the given string schema, refusing hidden characters.
 */
export function visibleText<T extends z.ZodType<string>>(schema: T) {
  return schema.refine(hasNoHiddenCharacters, HIDDEN_CHARACTERS_MESSAGE);
}

// Dates outside these years are typing mistakes or probes (0000-01-01 has no PostgreSQL form; 9999-12-31 at
// -14:00 is in year 10000 UTC), never training records.
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2999;
const yearOf = (text: string) => Number(text.slice(0, 4));

/**
 * An ISO 8601 date-time with an offset, between the years 1900 and 2999 (also in UTC), with an offset a
 * real time zone can have (−12:00 to +14:00, in quarter hours).
 */
export const BoundedDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine((text) => {
    const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
    if (!offset) return true; // "Z"
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    const signed = offset[1] === "-" ? -minutes : minutes;
    return signed >= -12 * 60 && signed <= 14 * 60 && minutes % 15 === 0;
  }, "must have a time-zone offset between -12:00 and +14:00")
  .refine((text) => {
    const year = yearOf(text);
    const utcYear = new Date(text).getUTCFullYear();
    return year >= EARLIEST_YEAR && year <= LATEST_YEAR && utcYear >= EARLIEST_YEAR && utcYear <= LATEST_YEAR;
  }, `must be a date and time between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`);

/** An ISO 8601 calendar date (YYYY-MM-DD) between the years 1900 and 2999. */
export const BoundedDateSchema = z.iso
  .date()
  .refine(
    (text) => yearOf(text) >= EARLIEST_YEAR && yearOf(text) <= LATEST_YEAR,
    `must be a date between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
  );

/**
 * How long is left, as a person would say it: seconds under a minute, else "about" the minutes rounded up
 * (a 15-minute window just started reads "about 15 minutes"). Shared by the server's refusals and the pages
 * that turn a wait in seconds into words.
 */
export function timeLeft(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "about a minute" : `about ${minutes} minutes`;
}
