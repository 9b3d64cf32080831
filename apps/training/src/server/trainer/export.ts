import { Readable } from "node:stream";
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { overdueLabel, trainingStatusLabels } from "@stalking-response/curriculum";
import { jobRoleLabels } from "../../shared/api";
import type { GridFilter, GridQuery, GridRow } from "../../shared/trainer-api";
import type { Actor } from "../accounts";
import { forceUnits } from "../accounts";
import { slug } from "./file-names";
import { audit } from "../audit";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { RawRow } from "./grid";
import { cursorAfter, gridPageRows, gridPageSteps } from "./grid";
import type { ModuleColumn, QueryContext } from "./query";

/**
 * Learners per query when the export walks keyset pages (PGlite). PGlite runs queries on the server's own
 * thread, so a batch holds up every other request while it runs: 2,000 rows keep that to a fraction of a
 * second (a 20,000-row batch took about 2 s at 50,000 learners) and a 50,000-learner export to 25 queries.
 */
export const EXPORT_BATCH = 2_000;
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

/** One CSV line (CRLF), each field through {@link csvField}'s quoting and formula guard. */
export const csvLine = (fields: (string | number | null)[]) => `${fields.map(csvField).join(",")}\r\n`;
const line = csvLine;

/** The CSV header: who, then five columns per module in course order. */
export function csvHeader(catalog: Catalog, moduleIds: readonly string[]): string {
  const perModule = moduleIds.flatMap((moduleId) => {
    const title = catalog.module(moduleId)?.title ?? moduleId;
    return [`${title}: status`, `${title}: score %`, `${title}: completed`, `${title}: expires`, `${title}: due`];
  });
  return line(["Name", "Collar number", "Unit", "Job role", ...perModule]);
}

/** A status as the grid shows it, in words: "In progress (Overdue)" where the module is overdue. */
const statusWords = (status: GridRow["cells"][number]["status"], overdue: boolean) =>
  overdue ? `${trainingStatusLabels[status]} (${overdueLabel})` : trainingStatusLabels[status];

/** `CASE <code> WHEN 'a' THEN 'A' … END`: a code column read out in words, by the same table the pages use. */
const inWords = (code: SQL, words: Readonly<Record<string, string>>): SQL =>
  sql`(CASE ${code} ${sql.join(
    Object.entries(words).map(([value, label]) => sql`WHEN ${value} THEN ${label}`),
    sql` `,
  )} END)`;

/**
 * One learner as a CSV line, in the grid's words (statuses and job roles as the pages name them, "(Overdue)"
 * where a module is overdue); dates are calendar days (UTC, `YYYY-MM-DD`, which spreadsheets read and sort). The export
 * itself has the database build the same line ({@link exportSelect}); this is the reference the tests hold it to.
 */
export function csvRow(row: GridRow): string {
  const day = (iso: string | null) => (iso === null ? null : iso.slice(0, 10));
  return line([
    row.displayName,
    row.collarNumber,
    row.unit?.name ?? null,
    jobRoleLabels[row.jobRole],
    ...row.cells.flatMap((cell) => [
      statusWords(cell.status, cell.overdue),
      cell.scorePercent,
      day(cell.completedAt),
      day(cell.expiresAt),
      cell.dueDate,
    ]),
  ]);
}

/**
 * One free-text CSV field in SQL, by the rule of {@link csvField}: a leading `=`, `+`, `-`, `@`, tab or CR gets
 * a `'`, and a field holding `"`, `,`, CR or LF is quoted with its quotes doubled. NULL is an empty field.
 */
const csvText = (expression: SQL): SQL => {
  const safe = sql`(CASE WHEN ${expression} ~ E'^[-=+@\\t\\r]' THEN '''' || ${expression} ELSE ${expression} END)`;
  return sql`coalesce(CASE WHEN ${expression} ~ E'[",\\r\\n]' THEN '"' || replace(${safe}, '"', '""') || '"' ELSE ${safe} END, '')`;
};

/**
 * The export's lean select: each learner's whole CSV line, built by the database (`line`), with the sort key
 * and id the keyset pages need. Node then only joins lines: no per-cell objects, Dates or schema checks, and
 * the formatting work runs in PostgreSQL's process, beside Node's. The cells are statuses, whole numbers and
 * ISO dates, which never need quoting; the names go through {@link csvText}. Tests hold every line to
 * {@link csvRow} of the grid's own rows.
 */
export function exportSelect(columns: readonly ModuleColumn[], key: SQL): SQL {
  // A date's text is YYYY-MM-DD (ISO DateStyle, as the due date's already is); cheaper than to_char per cell.
  const day = (expression: SQL) => sql`coalesce(((${expression} AT TIME ZONE 'UTC')::date)::text, '')`;
  const status = (column: ModuleColumn) => inWords(column.status, trainingStatusLabels);
  const cells = columns.map(
    (column) =>
      sql`(CASE WHEN ${column.overdue} THEN ${status(column)} || ${` (${overdueLabel})`} ELSE ${status(column)} END) || ',' || coalesce(${column.c}.score_percent::text, '') || ',' || ${day(sql`${column.c}.completed_at`)} || ',' || ${day(sql`${column.c}.expires_at`)} || ',' || coalesce(${column.dueDate}::text, '')`,
  );
  const who = [
    csvText(sql`u.display_name`),
    csvText(sql`u.collar_number`),
    csvText(sql`un.name`),
    csvText(inWords(sql`u.job_role`, jobRoleLabels)),
  ];
  return sql`u.id, ${key} AS sort_key, ${sql.join([...who, ...cells], sql` || ',' || `)} || E'\r\n' AS line`;
}

const joinLines = (rows: readonly RawRow[]): string => {
  let text = "";
  for (const row of rows) text += row.line as string;
  return text;
};

/** Rows per FETCH from the export's cursor on PostgreSQL. */
const FETCH_ROWS = 5_000;

/**
 * The whole export as one query read through a server-side cursor (PostgreSQL). Read page by page in name
 * order, a million learners cost about five million random index probes (over two minutes measured); read
 * whole (`wholeLearnerFrom` in query.ts), the projection is scanned once, folded per learner and hashed, then sorted. The cursor
 * keeps memory flat: only FETCH_ROWS rows are in Node at a time, and the next FETCH waits for the client.
 */
async function* cursorRows(pool: pg.Pool, query: SQL): AsyncGenerator<RawRow[]> {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  const client = await pool.connect();
  let open = false;
  try {
    await client.query("BEGIN READ ONLY");
    open = true;
    // Plan for every row rather than the first few, with room for each module's hash table and the sort.
    await client.query("SET LOCAL cursor_tuple_fraction = 1.0");
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${text}`, params);
    const fetch = () => {
      const next = client.query<RawRow>(`FETCH ${FETCH_ROWS} FROM export_rows`);
      // Observed at once: a FETCH still running when the client goes away must not become an unhandled rejection.
      next.catch(() => undefined);
      return next;
    };
    // One FETCH ahead: PostgreSQL computes the next rows while Node formats and sends these.
    let pending = fetch();
    for (;;) {
      const { rows } = await pending;
      const more = rows.length === FETCH_ROWS;
      if (more) pending = fetch();
      if (rows.length > 0) yield rows;
      if (!more) break;
    }
    await client.query("COMMIT");
    open = false;
  } finally {
    // Reached early when the client goes away mid-export: end the transaction before the connection is reused.
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

/**
 * The filtered grid as a CSV stream, in the grid's order with the grid's rows and cells. Readable.from
 * honours backpressure: the generator is only resumed when the client has taken what was sent, so memory stays
 * flat whatever the number of rows.
 *
 * On PostgreSQL it is one query through a cursor ({@link cursorRows}). PGlite is one connection shared by every
 * request, so a transaction held open for a whole export would stall them all; there it walks the grid's keyset
 * pages, one batch per query, reading the next batch while the last one is written.
 */
export function exportCsv(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  query: GridFilter & Pick<GridQuery, "sort" | "direction">,
  batch = EXPORT_BATCH,
): Readable {
  const header = `\uFEFF${csvHeader(catalog, context.moduleIds)}`;
  const client: unknown = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    // One step with no effective limit: the plain ORDER BY (key, id) query, without the keyset walk.
    const whole = gridPageSteps(context, { ...query, limit: batch }, exportSelect, { whole: true });
    const [step] = whole.steps;
    if (!step) throw new Error("the export query has no step");
    const everyRow = step(Number.MAX_SAFE_INTEGER);
    const pool = client;
    async function* viaCursor() {
      // A byte-order mark so spreadsheet programs read the names as UTF-8.
      yield header;
      for await (const rows of cursorRows(pool, everyRow)) yield joinLines(rows);
    }
    return Readable.from(viaCursor(), { objectMode: false });
  }

  const read = async (limit: number, after: string | undefined) => {
    const page = { ...query, limit, ...(after === undefined ? {} : { after }) };
    const { rows } = await gridPageRows(db, context, page, exportSelect);
    return { rows: rows.slice(0, limit), next: cursorAfter(page, rows) };
  };
  // A batch read ahead may fail after the client has gone and nobody awaits it; observing it here keeps that
  // from becoming an unhandled rejection, while an awaited batch still throws to the stream.
  const ahead = (promise: ReturnType<typeof read>) => {
    promise.catch(() => undefined);
    return promise;
  };
  async function* viaPages() {
    yield header;
    // A small first batch puts rows on the wire at once; the rest come in full batches.
    let pending = ahead(read(Math.min(batch, FIRST_BATCH), undefined));
    for (;;) {
      const { rows, next } = await pending;
      // Read ahead by one batch: the database works on the next while this one is formatted and sent.
      if (next !== null) pending = ahead(read(batch, next));
      if (rows.length > 0) yield joinLines(rows);
      if (next === null) return;
    }
  }
  return Readable.from(viaPages(), { objectMode: false });
}

/**
 * The export's file name says what is in it: the force, the filter in the words of the filter form (unit name,
 * job role, module, status; "search" for a name search, whose text may be a person's name and stays out of
 * file names) and the day, e.g. `training-records-essex-north-team-response-officer-overdue-2026-12-06.csv`.
 */
export function exportFileName(
  forceId: string,
  filter: Pick<GridFilter, "jobRole" | "module" | "status" | "q">,
  unitName: string | null,
  now: Date,
): string {
  const parts = [
    "training-records",
    forceId,
    unitName,
    filter.jobRole === undefined ? null : jobRoleLabels[filter.jobRole],
    filter.module ?? null,
    filter.status ?? null,
    filter.q === undefined ? null : "search",
    now.toISOString().slice(0, 10),
  ];
  return `${parts.flatMap((part) => (part === null || slug(part) === "" ? [] : [slug(part)])).join("-")}.csv`;
}

/**
 * A trainer's export: written to the audit log before the first byte leaves (an export cut off part-way is
 * still on record), then the CSV stream of {@link exportCsv}, with the file name that says what it holds.
 */
export async function startExport(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  actor: Actor,
  filter: GridFilter & Pick<GridQuery, "sort" | "direction">,
): Promise<{ csv: Readable; fileName: string }> {
  const unitName =
    filter.unit === undefined
      ? null
      : ((await forceUnits(db, actor.forceId)).find((unit) => unit.id === filter.unit)?.name ?? null);
  await audit(db, { forceId: actor.forceId, actorUserId: actor.id, action: "completion-export", details: { filter } });
  return {
    csv: exportCsv(db, catalog, context, filter),
    fileName: exportFileName(actor.forceId, filter, unitName, context.now),
  };
}
