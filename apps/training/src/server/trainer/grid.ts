import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import pg from "pg";
import { z } from "zod";
import type { TrainingStatus } from "../../shared/api";
import type {
  ChartsResponse,
  GridFilter,
  GridQuery,
  GridSort,
  GridRow,
  GridSummaryResponse,
  ModuleCounts,
} from "../../shared/trainer-api";
import { MODULE_SORTS } from "../../shared/trainer-api";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { unstorableText } from "../../shared/text";
import { decodeCursor, encodeCursor } from "../cursor";
import { BadCursor } from "../errors";
import { RENEWAL_WINDOW_DAYS, trainingStatusRank } from "@stalking-response/curriculum";
import type { ModuleColumn, QueryContext } from "./query";
import { aggregateByUnit, aggregateSummary } from "./counts";
import {
  NO_DATE_LAST_KEY,
  learnerFrom,
  learnerScope,
  moduleColumns,
  noValueKey,
  rowsOf,
  searchCondition,
  sortKey,
  textSort,
  wholeLearnerFrom,
} from "./query";

/** Where the next page starts (the last row's sort key and id), or the previous page ends (the first row's). */
interface Cursor {
  key: string | number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a grid cursor holds for a sort: the sort itself (so it cannot be replayed against another), key, id. */
const gridCursorSchema = (sort: GridQuery["sort"]) =>
  z.tuple([z.literal(sort), cursorKey(sort), z.string().regex(UUID)]);

// Epoch milliseconds of the year 2999 are about 3.25e13; scores and status ranks are small. Beyond this a
// cursor was not written by this grid (and 2^31 or more overflowed an integer comparison).
const MAX_NUMERIC_KEY = 1e14;

/**
 * The keys this grid writes: names and collar numbers (text PostgreSQL can store), a score compared as an
 * integer (0 to 100, or -1 or 101 for none), or a status rank or epoch milliseconds (a bounded finite number).
 */
function cursorKey(sort: GridQuery["sort"]): z.ZodType<string | number> {
  if (textSort(sort))
    return z
      .string()
      .max(400)
      .refine((text) => unstorableText(text) === null);
  // 101 is "no score" in an ascending order (see noValueKey).
  if (sort === "score") return z.number().int().min(-1).max(101);
  return z.number().finite().min(-MAX_NUMERIC_KEY).max(MAX_NUMERIC_KEY);
}

/** Encodes a grid cursor; it carries the sort it belongs to so it cannot be replayed against another one. */
export function encodeGridCursor(sort: string, cursor: Cursor): string {
  return encodeCursor([sort, cursor.key, cursor.id]);
}

/** Decodes a cursor made by {@link encodeGridCursor} for this sort; {@link BadCursor} names the field it came in. */
export function decodeGridCursor(sort: GridQuery["sort"], text: string, field: "after" | "before" = "after"): Cursor {
  const parts = decodeCursor(text, gridCursorSchema(sort));
  if (!parts) throw new BadCursor(`query.${field}`, "grid", "; start again from the first page");
  const [, key, id] = parts;
  return { key, id };
}

/** A row as the driver returns it. */
export type RawRow = Record<string, unknown>;

const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();

/** The per-module cell columns of a grid row, named `<field><index>`. */
function cellSelect(columns: readonly ModuleColumn[]): SQL {
  return sql.join(
    columns.map((column, index) => {
      const c = column.c;
      const name = (field: string) => sql.raw(`${field}${index}`);
      return sql`${column.status} AS ${name("s")}, ${c}.score_percent AS ${name("p")}, coalesce(${c}.attempts, 0) AS ${name("a")}, ${c}.completed_at AS ${name("ca")}, ${c}.expires_at AS ${name("e")}, ${column.dueDate}::text AS ${name("d")}, (${column.assignedDue} IS NOT NULL) AS ${name("as")}, ${column.overdue} AS ${name("o")}`;
    }),
    sql`, `,
  );
}

function toGridRow(row: RawRow, columns: readonly ModuleColumn[]): GridRow {
  const field = (name: string, index: number) => row[`${name}${index}`];
  return {
    id: row.id as string,
    displayName: row.display_name as string,
    collarNumber: (row.collar_number as string | null) ?? null,
    unit: row.unit_id ? { id: row.unit_id as string, name: row.unit_name as string } : null,
    jobRole: row.job_role as GridRow["jobRole"],
    cells: columns.map((column, index) => ({
      moduleId: column.moduleId,
      status: field("s", index) as TrainingStatus,
      assigned: field("as", index) === true,
      dueDate: (field("d", index) as string | null) ?? null,
      overdue: field("o", index) === true,
      scorePercent: (field("p", index) as number | null) ?? null,
      attempts: Number(field("a", index) ?? 0),
      completedAt: isoOrNull(field("ca", index)),
      expiresAt: isoOrNull(field("e", index)),
    })),
  };
}

type PageQuery = Pick<GridQuery, "sort" | "direction" | "limit" | "after"> &
  Partial<Pick<GridQuery, "before">> &
  GridFilter;

/**
 * One run of a module sort's order: learners whose sort key lies in [low, high], read in (key, id) order by
 * walking an index. A module sort is a few runs one after another (see {@link moduleSortRuns}); within one
 * run the order is (value, user id) on one index, so a page reads about `limit` rows, never every learner.
 */
interface SortRun {
  low: number;
  high: number;
  /**
   * `users`: walks the force's learners in id order (users_force_id_idx) keeping those with no value on the
   * module (no projection row yet, or an empty value); their key is one constant. `completions`: walks the
   * module's projection rows in (value, user) order on one of migration 0004's indexes.
   */
  driver: "users" | "completions";
  /**
   * Which learners belong to the run: for `completions`, a condition over the sort module's alias; for
   * `users`, the condition a projection row `x` meets when its learner is NOT in the run (checked with NOT
   * EXISTS, which PostgreSQL walks as a merge anti join in id order; a LEFT JOIN … IS NULL test is estimated at
   * one row and read as a hash join over every learner instead).
   */
  condition: SQL;
  /** The run's sort key, a float8 as the cursor carries it. */
  key: SQL;
  /** The order within the run, ascending: the value (if it varies) then the user id. */
  value: SQL | null;
  /** Turns a cursor key back into the run's value, for the keyset comparison. */
  fromKey: (key: number) => SQL;
}

/** The runs of a module sort, in ascending key order; their key ranges do not overlap. */
function moduleSortRuns(context: QueryContext, sort: GridSort, direction: "asc" | "desc", c: SQL): SortRun[] {
  const now = sql`${context.now.toISOString()}::timestamptz`;
  const renewalFrom = sql`(${now} + make_interval(days => ${RENEWAL_WINDOW_DAYS}))`;
  const fixed = (rank: number, driver: SortRun["driver"], condition: SQL): SortRun => ({
    low: rank,
    high: rank,
    driver,
    condition,
    key: sql`${rank}::float8`,
    value: null,
    fromKey: () => sql`NULL`,
  });
  // One run per status, keyed by the curriculum's trainingStatusRank (as sortKey's statusRank is), in key order.
  if (sort === "status") {
    const rank = trainingStatusRank;
    return [
      fixed(rank["not-started"], "users", sql`x.status IN ('in-progress', 'completed')`),
      fixed(rank["in-progress"], "completions", sql`${c}.status = 'in-progress'`),
      fixed(rank.expired, "completions", sql`(${c}.status = 'completed' AND ${c}.expires_at <= ${now})`),
      fixed(
        rank["due-for-renewal"],
        "completions",
        sql`(${c}.status = 'completed' AND ${c}.expires_at > ${now} AND ${c}.expires_at <= ${renewalFrom})`,
      ),
      fixed(
        rank.completed,
        "completions",
        sql`(${c}.status = 'completed' AND (${c}.expires_at > ${renewalFrom} OR ${c}.expires_at IS NULL))`,
      ),
    ].sort((a, b) => a.low - b.low);
  }
  const valueSort = sort === "score" ? "score" : sort === "completedAt" ? "completedAt" : "expiresAt";
  const column = sql.raw({ score: "score_percent", completedAt: "completed_at", expiresAt: "expires_at" }[valueSort]);
  const value = sql`${c}.${column}`;
  const date = valueSort !== "score";
  // Learners with no value are one run, keyed to come after every value whichever way the sort runs.
  const runs: SortRun[] = [
    fixed(noValueKey(valueSort, direction), "users", sql`x.${column} IS NOT NULL`),
    {
      low: 0,
      high: date ? NO_DATE_LAST_KEY - 1 : 100,
      driver: "completions",
      condition: sql`${value} IS NOT NULL`,
      // The same values as sortKey: epoch milliseconds for dates, the score itself.
      key: date ? sql`(extract(epoch from ${value}) * 1000)::float8` : sql`${value}::float8`,
      value,
      fromKey: (key) => (date ? sql`to_timestamp(${key}::float8 / 1000)` : sql`${key}::int`),
    },
  ];
  return runs.sort((a, b) => a.low - b.low);
}

/** Whether a filter is a search and nothing else (no unit, job role or status). */
const onlySearch = (filter: GridFilter) =>
  filter.unit === undefined && filter.jobRole === undefined && filter.status === undefined;

/** A learner row of the grid: who, their unit, the sort key and each module's cell. */
export const rowSelect = (columns: readonly ModuleColumn[], key: SQL): SQL =>
  sql`u.id, u.display_name, u.collar_number, u.unit_id, un.name AS unit_name, u.job_role, ${key} AS sort_key, ${cellSelect(columns)}`;

/**
 * The SQL of a grid page, as the steps that run one after another: each step is called with how many rows
 * are still wanted and answers them in order. Name and collar-number sorts (and any search) are one step;
 * a module sort is one step per run of its order from the cursor on, and stops as soon as the page is full.
 */
export function gridPageSteps(
  context: QueryContext,
  query: PageQuery,
  select: (columns: readonly ModuleColumn[], key: SQL) => SQL = rowSelect,
  options: { whole?: boolean } = {},
): { steps: ((wanted: number) => SQL)[]; columns: ModuleColumn[] } {
  const columns = moduleColumns(context);
  const cursor =
    query.before !== undefined
      ? decodeGridCursor(query.sort, query.before, "before")
      : query.after === undefined
        ? undefined
        : decodeGridCursor(query.sort, query.after);
  // Every order here is (key, id) one way or exactly the other, so the rows before a cursor are the rows after
  // it in the opposite direction, nearest first: a `before` page walks the same keyset (and, for a module sort,
  // the same runs) backwards, and gridPage puts its rows back in order.
  const descending = (query.direction === "desc") !== (query.before !== undefined);
  const order = descending ? sql`DESC` : sql`ASC`;
  const scope = learnerScope(context, columns, query);
  const sortColumn = columns.find((column) => column.moduleId === query.module);
  // A search matches few learners through the trigram indexes, so sorting them beats walking a module's
  // order and discarding everyone who does not match.
  // `whole` (the PostgreSQL export, every matching learner in one query) sorts them all at once instead.
  if (!MODULE_SORTS.includes(query.sort) || sortColumn === undefined || query.q !== undefined || options.whole) {
    const key = sortKey(columns, query.sort, query.module, query.direction);
    const conditions = [scope];
    if (cursor) {
      const value = textSort(query.sort) ? sql`${cursor.key}::text` : sql`${cursor.key}::float8`;
      conditions.push(
        descending
          ? sql`(${key}, u.id) < (${value}, ${cursor.id}::uuid)`
          : sql`(${key}, u.id) > (${value}, ${cursor.id}::uuid)`,
      );
    }
    if (query.sort === "name" && query.q !== undefined && !options.whole && onlySearch(query)) {
      // A search in name order: first the page's ids by an index-only walk of users_force_name_idx (0004), which
      // tests the name and collar number inside the index, then their rows and cells.
      const q = query.q;
      const idConditions = [
        sql`u.force_id = ${context.forceId}`,
        sql`u.disabled_at IS NULL`,
        searchCondition(q),
        ...(cursor
          ? [
              descending
                ? sql`(lower(u.display_name), u.id) < (${cursor.key}::text, ${cursor.id}::uuid)`
                : sql`(lower(u.display_name), u.id) > (${cursor.key}::text, ${cursor.id}::uuid)`,
            ]
          : []),
      ];
      return {
        columns,
        steps: [
          (wanted) => sql`WITH page AS MATERIALIZED (
          SELECT u.id, lower(u.display_name) AS k FROM users u WHERE ${sql.join(idConditions, sql` AND `)}
          ORDER BY lower(u.display_name) ${order}, u.id ${order} LIMIT ${wanted})
        SELECT ${select(columns, sql`p.k`)}
        FROM page p JOIN (${learnerFrom(columns)}) ON u.id = p.id LEFT JOIN units un ON un.id = u.unit_id
        ORDER BY p.k ${order}, p.id ${order}`,
        ],
      };
    }
    return {
      columns,
      steps: [
        (wanted) => sql`SELECT ${select(columns, key)}
      FROM ${options.whole ? wholeLearnerFrom(context, columns) : learnerFrom(columns)} LEFT JOIN units un ON un.id = u.unit_id
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${key} ${order}, u.id ${order}
      LIMIT ${wanted}`,
      ],
    };
  }
  const c = sortColumn.c;
  const others = columns.filter((column) => column !== sortColumn).map((column) => column.join);
  const cursorKey = cursor === undefined ? undefined : Number(cursor.key);
  const runs = moduleSortRuns(context, query.sort, query.direction, c);
  const inOrder = descending ? [...runs].reverse() : runs;
  const steps = inOrder.flatMap((run) => {
    // Runs wholly before the cursor are done; the run holding the cursor continues after it.
    if (cursorKey !== undefined && (descending ? run.low > cursorKey : run.high < cursorKey)) return [];
    const holdsCursor =
      cursor !== undefined && cursorKey !== undefined && run.low <= cursorKey && cursorKey <= run.high;
    const id = run.driver === "users" ? sql`u.id` : sql`${c}.user_id`;
    const conditions = [
      scope,
      run.driver === "users"
        ? sql`NOT EXISTS (SELECT 1 FROM completions x WHERE x.user_id = u.id AND x.module_id = ${sortColumn.moduleId} AND ${run.condition})`
        : run.condition,
    ];
    if (holdsCursor) {
      const after = descending ? sql`<` : sql`>`;
      conditions.push(
        run.value === null
          ? sql`${id} ${after} ${cursor.id}::uuid`
          : sql`(${run.value}, ${id}) ${after} (${run.fromKey(cursorKey)}, ${cursor.id}::uuid)`,
      );
    }
    const from =
      run.driver === "users"
        ? learnerFrom(columns)
        : sql`completions ${c} JOIN users u ON u.id = ${c}.user_id ${sql.join(others, sql` `)}`;
    if (run.driver === "completions") {
      conditions.push(sql`${c}.force_id = ${context.forceId} AND ${c}.module_id = ${sortColumn.moduleId}`);
    }
    const orderBy = run.value === null ? sql`${id} ${order}` : sql`${run.value} ${order}, ${id} ${order}`;
    return [
      (wanted: number) => sql`SELECT ${select(columns, run.key)}
      FROM ${from} LEFT JOIN units un ON un.id = u.unit_id
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${orderBy}
      LIMIT ${wanted}`,
    ];
  });
  return { columns, steps };
}

/** The SQL of a grid page's first step (exported so the bench can EXPLAIN exactly what the API runs). */
export function gridPageQuery(context: QueryContext, query: PageQuery): { sql: SQL; columns: ModuleColumn[] } {
  const { steps, columns } = gridPageSteps(context, query);
  const [first] = steps;
  return { columns, sql: first ? first(query.limit + 1) : sql`SELECT NULL WHERE FALSE` };
}

/** One keyset page of the grid's raw rows: up to `limit + 1` learners after the cursor, in order. */
export async function gridPageRows(
  db: Db,
  context: QueryContext,
  query: PageQuery,
  select: (columns: readonly ModuleColumn[], key: SQL) => SQL = rowSelect,
): Promise<{ rows: RawRow[]; columns: ModuleColumn[] }> {
  const { steps, columns } = gridPageSteps(context, query, select);
  const rows: RawRow[] = [];
  for (const step of steps) {
    rows.push(...(await rowsOf<RawRow>(db, step(query.limit + 1 - rows.length))));
    if (rows.length > query.limit) break;
  }
  return { rows, columns };
}

/** The cursor after a row, or null when it is the last. */
export function cursorAfter(query: Pick<GridQuery, "sort" | "limit">, rows: readonly RawRow[]): string | null {
  const last = rows[query.limit - 1];
  if (rows.length <= query.limit || last === undefined) return null;
  return encodeGridCursor(query.sort, {
    key: textSort(query.sort) ? String(last.sort_key) : Number(last.sort_key),
    id: last.id as string,
  });
}

const cursorOf = (sort: GridQuery["sort"], row: RawRow): string =>
  encodeGridCursor(sort, { key: textSort(sort) ? String(row.sort_key) : Number(row.sort_key), id: row.id as string });

/**
 * One keyset page of the grid, in the requested order: `limit` learners after the `after` cursor, or the
 * `limit` learners just before the `before` cursor (or the first `limit`, with neither). `previousCursor` is
 * the page's first row (null on the first page); `nextCursor` its last row (null on the last page).
 */
export async function gridPage(
  db: Db,
  context: QueryContext,
  query: PageQuery,
): Promise<{ rows: GridRow[]; nextCursor: string | null; previousCursor: string | null }> {
  const { rows, columns } = await gridPageRows(db, context, query);
  const page = rows.slice(0, query.limit);
  if (query.before !== undefined) {
    // Read backwards from the cursor: one row more than the page means there are rows before it.
    page.reverse();
    const first = page[0];
    const last = page.at(-1);
    return {
      rows: page.map((row) => toGridRow(row, columns)),
      previousCursor: rows.length > query.limit && first ? cursorOf(query.sort, first) : null,
      // The row the cursor named (and whatever follows it) comes after this page.
      nextCursor: last ? cursorOf(query.sort, last) : null,
    };
  }
  const first = page[0];
  return {
    rows: page.map((row) => toGridRow(row, columns)),
    // A page reached with `after` follows at least the row that cursor named.
    previousCursor: query.after !== undefined && first ? cursorOf(query.sort, first) : null,
    nextCursor: cursorAfter(query, rows),
  };
}

/** Per-module distinct-person counts among the learners matching the filter (one row per learner). */
function countSelect(columns: readonly ModuleColumn[]): SQL {
  return sql.join(
    columns.map((column, index) => {
      const name = (field: string) => sql.raw(`${field}${index}`);
      const where = (condition: SQL) => sql`count(*) FILTER (WHERE ${condition})::int`;
      return sql`${where(sql`${column.assignedDue} IS NOT NULL`)} AS ${name("assigned")},
        ${where(sql`${column.status} = 'not-started'`)} AS ${name("ns")},
        ${where(sql`${column.status} = 'in-progress'`)} AS ${name("ip")},
        ${where(sql`${column.status} = 'completed'`)} AS ${name("done")},
        ${where(sql`${column.status} = 'due-for-renewal'`)} AS ${name("dfr")},
        ${where(sql`${column.status} = 'expired'`)} AS ${name("exp")},
        ${where(column.overdue)} AS ${name("od")}`;
    }),
    sql`, `,
  );
}

function toModuleCounts(row: RawRow, columns: readonly ModuleColumn[], catalog: Catalog): ModuleCounts[] {
  return columns.map((column, index) => {
    const n = (field: string) => Number(row[`${field}${index}`] ?? 0);
    return {
      moduleId: column.moduleId,
      title: catalog.module(column.moduleId)?.title ?? column.moduleId,
      assigned: n("assigned"),
      notStarted: n("ns"),
      inProgress: n("ip"),
      completed: n("done"),
      dueForRenewal: n("dfr"),
      expired: n("exp"),
      overdue: n("od"),
    };
  });
}

/** The SQL of the grid's counts (exported so the bench can EXPLAIN it). */
export function gridSummaryQuery(context: QueryContext, filter: GridFilter): SQL {
  const columns = moduleColumns(context);
  return sql`SELECT count(*)::int AS learners, ${countSelect(columns)}
      FROM ${learnerFrom(columns)} WHERE ${learnerScope(context, columns, filter)}`;
}

/**
 * Runs a counting query. Counts read every matching learner, so on PostgreSQL they may use parallel workers,
 * which the app's pool turns off for its short page walks (db/client.ts): seconds at a million learners, on
 * the counts cache's first or background computation.
 */
async function countRows(db: Db, query: SQL): Promise<RawRow[]> {
  if (!((db as unknown as { $client?: unknown }).$client instanceof pg.Pool)) return rowsOf<RawRow>(db, query);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 2`);
    return rowsOf<RawRow>(tx, query);
  });
}

/**
 * Distinct people matching the filter, and per-module status counts among them: from the maintained aggregates
 * (trainer/counts.ts) when they answer the filter, else by the query over every matching learner.
 */
export async function gridSummary(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  filter: GridFilter,
): Promise<GridSummaryResponse> {
  const counted = await aggregateSummary(db, catalog, context, filter);
  if (counted) return { ...counted, countedAt: context.now.toISOString(), cached: false };
  return gridSummaryByQuery(db, catalog, context, filter);
}

/** {@link gridSummary} by the query alone (the property test's full recount, and filters the aggregates cannot answer). */
export async function gridSummaryByQuery(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  filter: GridFilter,
): Promise<GridSummaryResponse> {
  const columns = moduleColumns(context);
  const [row] = await countRows(db, gridSummaryQuery(context, filter));
  return {
    learners: Number(row?.learners ?? 0),
    modules: row ? toModuleCounts(row, columns, catalog) : [],
    countedAt: context.now.toISOString(),
    cached: false,
  };
}

const monthsBack = (now: Date, count: number): string[] => {
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push(date.toISOString().slice(0, 7));
  }
  return months;
};

/** Chart data: by module (the summary's counts), by unit, and people certified per month, all under one filter. */
export async function gridCharts(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  filter: GridFilter,
  options: { byQuery?: boolean } = {},
): Promise<ChartsResponse> {
  const columns = moduleColumns(context);
  const scope = learnerScope(context, columns, filter);
  const from = learnerFrom(columns);
  const anyOf = (expressions: SQL[]) => sql`(${sql.join(expressions, sql` OR `)})`;
  const chosen = filter.module === undefined ? columns : columns.filter((column) => column.moduleId === filter.module);
  const months = monthsBack(context.now, 12);
  const since = `${months[0] ?? context.now.toISOString().slice(0, 7)}-01T00:00:00Z`;
  const [summary, units, overTime] = await Promise.all([
    options.byQuery ? gridSummaryByQuery(db, catalog, context, filter) : gridSummary(db, catalog, context, filter),
    (options.byQuery ? Promise.resolve(null) : aggregateByUnit(db, context, filter)).then(
      (counted) =>
        counted ??
        rowsOf<RawRow>(
          db,
          sql`SELECT u.unit_id, un.name AS unit_name, count(*)::int AS learners,
          count(*) FILTER (WHERE ${anyOf(chosen.map((column) => column.current))})::int AS completed_any,
          count(*) FILTER (WHERE ${anyOf(chosen.map((column) => column.overdue))})::int AS overdue
        FROM ${from} LEFT JOIN units un ON un.id = u.unit_id
        WHERE ${scope}
        GROUP BY u.unit_id, un.name ORDER BY un.name NULLS LAST`,
        ).then((rows) =>
          rows.map((row) => ({
            unit: row.unit_id ? { id: row.unit_id as string, name: row.unit_name as string } : null,
            learners: Number(row.learners),
            completedAny: Number(row.completed_any),
            overdue: Number(row.overdue),
          })),
        ),
    ),
    rowsOf<RawRow>(
      db,
      sql`SELECT to_char(cert.issued_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(DISTINCT cert.user_id)::int AS people
        FROM certificates cert
        WHERE cert.force_id = ${context.forceId} AND cert.issued_at >= ${since}::timestamptz
          ${filter.module === undefined ? sql`` : sql`AND cert.module_id = ${filter.module}`}
          AND cert.user_id IN (SELECT u.id FROM ${from} WHERE ${scope})
        GROUP BY 1`,
    ),
  ]);
  const perMonth = new Map(overTime.map((row) => [row.month as string, Number(row.people)]));
  return {
    byModule: summary.modules,
    byUnit: units,
    overTime: months.map((month) => ({ month, people: perMonth.get(month) ?? 0 })),
    countedAt: context.now.toISOString(),
    cached: false,
  };
}
