import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { TrainingStatus } from "../../shared/api";
import type {
  ChartsResponse,
  GridFilter,
  GridQuery,
  GridRow,
  GridSummaryResponse,
  ModuleCounts,
} from "../../shared/trainer-api";
import { MODULE_SORTS } from "../../shared/trainer-api";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { HttpProblem } from "../http/problem";
import type { ModuleColumn, QueryContext } from "./query";
import { learnerFrom, learnerScope, moduleColumns, rowsOf, sortKey, textSort } from "./query";

/** Where the next page starts: the last row's sort key and id. */
interface Cursor {
  key: string | number;
  id: string;
}

const badCursor = () =>
  new HttpProblem(400, "validation", "The request is not valid", "query.after: is not a cursor from this grid", [
    { field: "query.after", reason: "is not a cursor from this grid; start again from the first page" },
  ]);

/** Encodes a cursor; it carries the sort it belongs to so it cannot be replayed against another one. */
export function encodeCursor(sort: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.key, cursor.id])).toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor} for this sort, or answers 400 naming `query.after`. */
export function decodeCursor(sort: GridQuery["sort"], text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== 3) throw badCursor();
  const [cursorSort, key, id] = value as unknown[];
  const keyFits = textSort(sort) ? typeof key === "string" : typeof key === "number" && Number.isFinite(key);
  const idFits = typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
  if (cursorSort !== sort || !keyFits || !idFits) throw badCursor();
  return { key: key as string | number, id };
}

type RawRow = Record<string, unknown>;

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

type PageQuery = Pick<GridQuery, "sort" | "direction" | "limit" | "after"> & GridFilter;

/** The SQL of one grid page (exported so the bench can EXPLAIN exactly what the API runs). */
export function gridPageQuery(context: QueryContext, query: PageQuery): { sql: SQL; columns: ModuleColumn[] } {
  if (MODULE_SORTS.includes(query.sort) && query.module === undefined) {
    throw new HttpProblem(
      400,
      "validation",
      "The request is not valid",
      `query.module: is needed to sort by ${query.sort}`,
    );
  }
  const columns = moduleColumns(context);
  const key = sortKey(columns, query.sort, query.module);
  const cursor = query.after === undefined ? undefined : decodeCursor(query.sort, query.after);
  const descending = query.direction === "desc";
  const conditions = [learnerScope(context, columns, query)];
  if (cursor) {
    const value = textSort(query.sort) ? sql`${cursor.key}::text` : sql`${cursor.key}::float8`;
    conditions.push(
      descending
        ? sql`(${key}, u.id) < (${value}, ${cursor.id}::uuid)`
        : sql`(${key}, u.id) > (${value}, ${cursor.id}::uuid)`,
    );
  }
  const order = descending ? sql`DESC` : sql`ASC`;
  return {
    columns,
    sql: sql`SELECT u.id, u.display_name, u.collar_number, u.unit_id, un.name AS unit_name, u.job_role, ${key} AS sort_key, ${cellSelect(columns)}
      FROM ${learnerFrom(columns)} LEFT JOIN units un ON un.id = u.unit_id
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${key} ${order}, u.id ${order}
      LIMIT ${query.limit + 1}`,
  };
}

/** One keyset page of the grid: `limit` learners after the cursor, in the requested order. */
export async function gridPage(
  db: Db,
  context: QueryContext,
  query: PageQuery,
): Promise<{ rows: GridRow[]; nextCursor: string | null }> {
  const { sql: pageSql, columns } = gridPageQuery(context, query);
  const rows = await rowsOf<RawRow>(db, pageSql);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const more = rows.length > query.limit && last !== undefined;
  return {
    rows: page.map((row) => toGridRow(row, columns)),
    nextCursor: more
      ? encodeCursor(query.sort, {
          key: textSort(query.sort) ? String(last.sort_key) : Number(last.sort_key),
          id: last.id as string,
        })
      : null,
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

/** Distinct people matching the filter, and per-module status counts among them. */
export async function gridSummary(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  filter: GridFilter,
): Promise<GridSummaryResponse> {
  const columns = moduleColumns(context);
  const [row] = await rowsOf<RawRow>(db, gridSummaryQuery(context, filter));
  return { learners: Number(row?.learners ?? 0), modules: row ? toModuleCounts(row, columns, catalog) : [] };
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
): Promise<ChartsResponse> {
  const columns = moduleColumns(context);
  const scope = learnerScope(context, columns, filter);
  const from = learnerFrom(columns);
  const anyOf = (expressions: SQL[]) => sql`(${sql.join(expressions, sql` OR `)})`;
  const chosen = filter.module === undefined ? columns : columns.filter((column) => column.moduleId === filter.module);
  const months = monthsBack(context.now, 12);
  const since = `${months[0] ?? context.now.toISOString().slice(0, 7)}-01T00:00:00Z`;
  const [summary, units, overTime] = await Promise.all([
    gridSummary(db, catalog, context, filter),
    rowsOf<RawRow>(
      db,
      sql`SELECT u.unit_id, un.name AS unit_name, count(*)::int AS learners,
          count(*) FILTER (WHERE ${anyOf(chosen.map((column) => column.current))})::int AS completed_any,
          count(*) FILTER (WHERE ${anyOf(chosen.map((column) => column.overdue))})::int AS overdue
        FROM ${from} LEFT JOIN units un ON un.id = u.unit_id
        WHERE ${scope}
        GROUP BY u.unit_id, un.name ORDER BY un.name NULLS LAST`,
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
    byUnit: units.map((row) => ({
      unit: row.unit_id ? { id: row.unit_id as string, name: row.unit_name as string } : null,
      learners: Number(row.learners),
      completedAny: Number(row.completed_any),
      overdue: Number(row.overdue),
    })),
    overTime: months.map((month) => ({ month, people: perMonth.get(month) ?? 0 })),
  };
}
