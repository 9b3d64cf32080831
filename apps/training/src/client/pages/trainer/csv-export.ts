import { ProblemSchema } from "../../../shared/api";
import { toProblem, type Problem } from "../../api/problem";

/**
 * Counts CSV records (RFC 4180) as text arrives in chunks of any size: a line break ends a record unless it
 * is inside a quoted field, and the quote state carries over from one chunk to the next. A doubled quote
 * inside a field toggles twice, so it needs no special case.
 */
export class CsvRecordCounter {
  private quoted = false;
  /** Records whose line break has arrived (the header line included). */
  records = 0;

  /** Reads the next piece of the text. */
  push(text: string): void {
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 34) this.quoted = !this.quoted;
      else if (code === 10 && !this.quoted) this.records += 1;
    }
  }
}

/**
 * A gate that opens at most once per `intervalMs` (always the first time, and whenever `force` is passed), so
 * a live region is not updated faster than a screen reader can read it. The clock is a parameter for tests.
 */
export function throttle(intervalMs: number, now: () => number = Date.now): (force?: boolean) => boolean {
  let last: number | null = null;
  return (force = false) => {
    const at = now();
    if (!force && last !== null && at - last < intervalMs) return false;
    last = at;
    return true;
  };
}

/** The file name the server gave in `Content-Disposition`, or the fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const name = disposition?.match(/filename="([^"]+)"/)?.[1] ?? disposition?.match(/filename=([^;\s]+)/)?.[1];
  return name && !/[\\/]/.test(name) ? name : fallback;
}

/** How an export ended: the file and its row count, or the problem to show (`cancelled` when the trainer stopped it). */
export type ExportOutcome =
  { ok: true; blob: Blob; filename: string; rows: number } | { ok: false; cancelled: boolean; problem: Problem };

const stopped = (rows: number): Problem => ({
  status: 0,
  title: "The export stopped before it finished",
  detail: `${rows === 1 ? "1 row" : `${rows.toLocaleString("en-GB")} rows`} had arrived. Check your connection and try again.`,
  fieldErrors: [],
});

/**
 * How many bytes gather in the page before they are handed to a Blob. The browser keeps a Blob's data out of
 * the page's JavaScript heap (Chromium moves large ones to disk), so a million-row export (about 300 MB)
 * never sits in the page's memory; only this much does at a time.
 */
export const EXPORT_FOLD_BYTES = 4 * 1024 * 1024;

const csvType = "text/csv;charset=utf-8";

/**
 * Reads a CSV export response to the end, reporting the number of data rows (records after the header) as
 * each chunk arrives, and returns the whole file as a Blob. An error answer comes back as its problem, so
 * the page can show the server's detail.
 */
export async function readCsvExport(
  response: Response,
  onRows: (rows: number) => void,
  signal?: AbortSignal,
  foldBytes = EXPORT_FOLD_BYTES,
): Promise<ExportOutcome> {
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return { ok: false, cancelled: false, problem: toProblem(response.status, body, { ProblemSchema }) };
  }
  const counter = new CsvRecordCounter();
  const rows = () => Math.max(0, counter.records - 1);
  let file = new Blob([], { type: csvType });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        pending.push(value);
        pendingBytes += value.byteLength;
        if (pendingBytes >= foldBytes) {
          file = new Blob([file, ...(pending as BlobPart[])], { type: csvType });
          pending = [];
          pendingBytes = 0;
        }
        counter.push(decoder.decode(value, { stream: true }));
        onRows(rows());
      }
    } catch {
      return { ok: false, cancelled: signal?.aborted === true, problem: stopped(rows()) };
    }
  }
  return {
    ok: true,
    blob: new Blob([file, ...(pending as BlobPart[])], { type: csvType }),
    filename: filenameFrom(response.headers.get("content-disposition"), "completions.csv"),
    rows: rows(),
  };
}

/** Fetches and reads an export (see {@link readCsvExport}); a network failure or a cancel is a problem too. */
export async function fetchCsvExport(
  href: string,
  onRows: (rows: number) => void,
  signal: AbortSignal,
): Promise<ExportOutcome> {
  let response: Response;
  try {
    response = await fetch(href, { credentials: "same-origin", headers: { accept: "text/csv" }, signal });
  } catch {
    return { ok: false, cancelled: signal.aborted, problem: stopped(0) };
  }
  return readCsvExport(response, onRows, signal);
}

/** The live text while an export runs: "Exporting: 120,000 of 1,000,033 rows". */
export function progressText(rows: number, total: number): string {
  const count = (value: number) => value.toLocaleString("en-GB");
  return rows > total ? `Exporting: ${count(rows)} rows` : `Exporting: ${count(rows)} of ${count(total)} rows`;
}
