import { Readable } from "node:stream";
import type { GridFilter, GridQuery, GridRow } from "../../shared/trainer-api";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { gridPage } from "./grid";
import type { QueryContext } from "./query";

/** Learners per database round trip while exporting: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH = 1000;
const FIRST_BATCH = 100;

/**
 * One CSV field. Quotes when needed (RFC 4180), and neutralises a leading `=`, `+`, `-`, `@`, tab or CR so a
 * spreadsheet never runs a name as a formula (CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: (string | number | null)[]) => `${fields.map(csvField).join(",")}\r\n`;

/** The CSV header: who, then five columns per module in course order. */
export function csvHeader(catalog: Catalog, moduleIds: readonly string[]): string {
  const perModule = moduleIds.flatMap((moduleId) => {
    const title = catalog.module(moduleId)?.title ?? moduleId;
    return [`${title}: status`, `${title}: score %`, `${title}: completed`, `${title}: expires`, `${title}: due`];
  });
  return line(["Name", "Collar number", "Unit", "Job role", ...perModule]);
}

/** One learner as a CSV line; dates are calendar days (UTC), statuses say "overdue" where they are. */
export function csvRow(row: GridRow): string {
  const day = (iso: string | null) => (iso === null ? null : iso.slice(0, 10));
  return line([
    row.displayName,
    row.collarNumber,
    row.unit?.name ?? null,
    row.jobRole,
    ...row.cells.flatMap((cell) => [
      cell.overdue ? `${cell.status} (overdue)` : cell.status,
      cell.scorePercent,
      day(cell.completedAt),
      day(cell.expiresAt),
      cell.dueDate,
    ]),
  ]);
}

/**
 * The filtered grid as a CSV stream. It walks the same keyset pages as the grid, one batch at a time, and
 * only reads the next batch when the client has taken the last one (Readable.from honours backpressure), so
 * memory stays flat whatever the number of rows and the first bytes leave after one batch.
 */
export function exportCsv(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  query: GridFilter & Pick<GridQuery, "sort" | "direction">,
  batch = EXPORT_BATCH,
): Readable {
  async function* lines() {
    // A byte-order mark so spreadsheet programs read the names as UTF-8.
    yield `\uFEFF${csvHeader(catalog, context.moduleIds)}`;
    let after: string | undefined;
    for (;;) {
      // A small first batch puts rows on the wire at once; the rest come in full batches.
      const limit = after === undefined ? Math.min(batch, FIRST_BATCH) : batch;
      const page = await gridPage(db, context, { ...query, limit, ...(after ? { after } : {}) });
      if (page.rows.length > 0) yield page.rows.map(csvRow).join("");
      if (page.nextCursor === null) return;
      after = page.nextCursor;
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
