import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type {
  CellError,
  ImportPreview,
  ImportResult,
  LoadType,
  OutcomeCounts,
  PreviewRow,
} from "../../shared/import-api";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "../../shared/import-api";
import { unstorableText } from "../../shared/text";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import { lockForce } from "../db/imports";
import { Conflict, InvalidInput } from "../errors";

/**
 * The machinery every CSV import shares (people from HR, prior completions): reading the file, a dry run that
 * gives every row an outcome and a fingerprint of those outcomes, and an apply that plans the same file again
 * inside one transaction and writes only if the outcome is still the one previewed. What a row means is each
 * kind's own (`people.ts`, `completions.ts`): here only how files and plans are handled.
 */

/** One data row: its number as a spreadsheet shows it (header = row 1), and its cells by column name. */
export interface CsvRow {
  row: number;
  values: Readonly<Record<string, string>>;
  /** Cells past the last named column that hold something (an unquoted comma, usually); 0 for most rows. */
  extraCells: number;
}

/** A file's columns: every one it may have, and those it must have. */
export interface CsvColumns {
  known: readonly string[];
  required: readonly string[];
}

const fileError = (reason: string, detail?: string) =>
  new InvalidInput([{ field: "file", reason }], {
    title: "The file cannot be imported",
    detail: detail ?? `file: ${reason}`,
  });

/** "Employee Number", "employee-number" and "employee_number" are one column. */
const columnName = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** The spreadsheet row holding the character at `index` of `text` (a row counts its quoted line breaks too). */
const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

/**
 * Reads a CSV file: UTF-8 with or without a byte-order mark, a header row naming the columns (any case, spaces
 * or dashes for underscores), cells trimmed, blank lines skipped. A file it cannot read at all is an
 * {@link InvalidInput} on `file` saying where and why; problems with single cells are the kinds' to find.
 */
export function readCsv(bytes: Buffer, columns: CsvColumns): CsvRow[] {
  if (bytes.length === 0) throw fileError("is empty");
  if (bytes.length > IMPORT_MAX_BYTES) throw fileError(`is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  let text: string;
  try {
    // The BOM, when there is one, is dropped by the decoder (ignoreBOM: false).
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder("utf-8").decode(bytes);
    throw fileError(
      `is not UTF-8 text (first at row ${lineOf(lossy, lossy.indexOf("\ufffd"))}); save it as "CSV UTF-8"`,
    );
  }
  const unstorable = unstorableText(text);
  if (unstorable !== null) {
    throw fileError(`row ${lineOf(text, text.indexOf("\u0000"))} ${unstorable}`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    const reason = error instanceof Error ? error.message.replace(/^Invalid \w+:\s*/, "") : "could not be read";
    throw fileError(`is not a CSV file we can read${typeof line === "number" ? ` (near row ${line})` : ""}: ${reason}`);
  }
  const [header, ...data] = records;
  if (!header) throw fileError("is empty");
  const names = header.map(columnName);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === "") throw fileError("has a column with no name in its header row");
    if (!columns.known.includes(name)) {
      throw fileError(`has a column "${name}" we do not know; the columns are: ${columns.known.join(", ")}`);
    }
    if (seen.has(name)) throw fileError(`has the column "${name}" twice`);
    seen.add(name);
  }
  const missing = columns.required.filter((name) => !seen.has(name));
  if (missing.length > 0) throw fileError(`needs the column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
  if (data.length === 0) throw fileError("has a header but no rows");
  if (data.length > IMPORT_MAX_ROWS) throw fileError(`has more than ${IMPORT_MAX_ROWS.toLocaleString("en-GB")} rows`);
  return data.map((cells, index) => {
    const values: Record<string, string> = {};
    names.forEach((name, column) => {
      values[name] = (cells[column] ?? "").normalize("NFC");
    });
    // A row longer than the header has cells nobody named: said (rowShapeErrors) rather than dropped.
    const extraCells = cells.slice(names.length).filter((cell) => cell !== "").length;
    return { row: index + 2, values, extraCells };
  });
}

/** A row with more filled cells than the header names is an error on its last column. */
export function rowShapeErrors(row: CsvRow): CellError[] {
  const columns = Object.keys(row.values);
  return row.extraCells === 0
    ? []
    : [
        {
          column: columns.at(-1) ?? "file",
          reason: `has ${row.extraCells} more filled cell${row.extraCells === 1 ? "" : "s"} after it than the header names; check for a comma that should be in quotes`,
        },
      ];
}

/** A kind's plan for a file: every row's outcome, and how to write it (only ever inside `applyImport`). */
export interface ImportPlan {
  rows: PreviewRow[];
  apply(tx: Db): Promise<void>;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function countsOf(rows: readonly PreviewRow[]): OutcomeCounts {
  const counts: OutcomeCounts = { create: 0, update: 0, disable: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

/** What the admin sees of a plan: outcomes, counts, and the fingerprint that apply checks. */
export function previewOf(
  kind: ImportPreview["kind"],
  load: LoadType,
  file: Buffer,
  plan: Pick<ImportPlan, "rows">,
): ImportPreview {
  const fileSha256 = sha256(file);
  // Everything a row will do, including what it changes from: a database that moved underneath changes it.
  const fingerprint = sha256(JSON.stringify([kind, load, fileSha256, plan.rows]));
  return { kind, load, fileSha256, fingerprint, counts: countsOf(plan.rows), rows: plan.rows };
}

/**
 * Applies a file in one transaction: plans it again against the database as it is now (imports of one force
 * taken one at a time), refuses with a {@link Conflict} `import-outdated` when that plan's fingerprint is not the
 * one the admin previewed, else writes it and records it in the audit log. Rows with errors are skipped.
 */
export async function applyImport(
  db: Db,
  actor: Actor,
  input: {
    kind: ImportPreview["kind"];
    load: LoadType;
    file: Buffer;
    fingerprint: string;
    plan: (tx: Db) => Promise<ImportPlan>;
  },
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    await lockForce(tx, actor.forceId);
    const plan = await input.plan(tx);
    const preview = previewOf(input.kind, input.load, input.file, plan);
    if (preview.fingerprint !== input.fingerprint) {
      throw new Conflict(
        "import-outdated",
        "The import has changed since its preview",
        "Applying this file now would not do what its preview showed (the records changed, or this is another file). Preview it again.",
        [{ field: "query.fingerprint", reason: "does not match what this file would do now; preview it again" }],
      );
    }
    await plan.apply(tx);
    await audit(tx, {
      forceId: actor.forceId,
      actorUserId: actor.id,
      action: `import.${input.kind}`,
      details: { load: input.load, fileSha256: preview.fileSha256, counts: preview.counts },
    });
    return { kind: input.kind, load: input.load, fileSha256: preview.fileSha256, counts: preview.counts };
  });
}

/** Splits `items` into runs of at most `size` (bulk writes stay under the driver's parameter limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
