/**
 * The trainer's distinct-person counts and per-unit chart from the maintained aggregates (migration 0019,
 * docs/decisions/0006-trainer-counts.md) instead of a pass over every learner. A filter by unit (a command covers
 * its teams) and job role is a sum over the aggregate's rows; a status filter or a search picks people by their
 * cells, which the aggregates do not keep, so those fall back to the query (`null` here).
 *
 * The aggregates keep days, not instants: the day an expiry falls on. Two days are split by the instant the rules
 * use — today (expired before now, due for renewal after) and the day the renewal window ends — with an indexed
 * read of that day's expiries, so the numbers equal the query's to the instant.
 */
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { RENEWAL_WINDOW_DAYS } from "@stalking-response/curriculum";
import type { ChartsResponse, GridFilter, ModuleCounts } from "../../shared/trainer-api";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { rollTrainerCounts } from "../db/trainer-counts";
import type { QueryContext } from "./query";
import { rowsOf } from "./query";

const NONE = "1970-01-01";
const NIL_UNIT = "00000000-0000-0000-0000-000000000000";
const DAY = 86_400_000;

/** Whether the aggregates answer this filter (no status filter, no search). */
export const aggregatesAnswer = (filter: GridFilter): boolean => filter.status === undefined && filter.q === undefined;

/** A stored day as a number for comparisons: epoch ms, or ±Infinity; null for "no date". */
function dayValue(text: string): number | null {
  if (text === NONE) return null;
  if (text === "infinity") return Infinity;
  if (text === "-infinity") return -Infinity;
  return Date.parse(text);
}

interface Scope {
  unitIds: readonly string[] | null;
  jobRole: string | undefined;
}

function scopeOf(context: QueryContext, filter: GridFilter): Scope | "nobody" {
  if (filter.unit === undefined) return { unitIds: null, jobRole: filter.jobRole };
  const ids = context.unitTree.get(filter.unit) ?? [];
  return ids.length === 0 ? "nobody" : { unitIds: ids, jobRole: filter.jobRole };
}

/** The WHERE conditions of a scope over a table with `unit_id` and `job_role` columns, aliased `alias`. */
function scopeConditions(scope: Scope, alias: SQL): SQL[] {
  const conditions: SQL[] = [];
  if (scope.unitIds)
    conditions.push(
      sql`${alias}.unit_id IN (${sql.join(
        scope.unitIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (scope.jobRole !== undefined) conditions.push(sql`${alias}.job_role = ${scope.jobRole}`);
  return conditions;
}

const and = (conditions: SQL[]) => (conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `));

/** The instants and days the rules compare with. */
function clock(now: Date) {
  const today = now.toISOString().slice(0, 10);
  const todayStart = Date.parse(today);
  const renewalFrom = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY);
  const renewalDay = renewalFrom.toISOString().slice(0, 10);
  return {
    today,
    todayValue: todayStart,
    tomorrowStart: new Date(todayStart + DAY),
    renewalFrom,
    renewalDay,
    renewalDayValue: Date.parse(renewalDay),
  };
}

interface AggregateRow {
  unit_id: string;
  module_id: string;
  state: number;
  e: string;
  d: string;
  n: number;
}

async function aggregateRows(db: Db, context: QueryContext, scope: Scope, byUnit: boolean): Promise<AggregateRow[]> {
  await rollTrainerCounts(db, context.forceId, context.now.toISOString().slice(0, 10));
  const unit = byUnit ? sql`t.unit_id::text` : sql`''`;
  return rowsOf<AggregateRow>(
    db,
    sql`SELECT ${unit} AS unit_id, t.module_id, t.state, t.expires_day::text AS e, t.due_day::text AS d, sum(t.n)::int AS n
      FROM trainer_counts t
      WHERE t.force_id = ${context.forceId} AND ${and(scopeConditions(scope, sql`t`))}
      GROUP BY 1, 2, 3, 4, 5`,
  );
}

/**
 * Overdue: assigned, and the expiry day (if any) or else the due day is before today. A '*' row keeps that day
 * already folded (the earliest over the person's assigned modules) in `due_day`.
 */
function isOverdue(row: AggregateRow, todayValue: number): boolean {
  const due = dayValue(row.d);
  if (due === null) return false;
  if (row.module_id === "*") return due < todayValue;
  return (dayValue(row.e) ?? due) < todayValue;
}

/**
 * Per module and unit, how many completed rows of today's expiry bucket have already expired, and how many of
 * the renewal day's are within the window (the two days the instant splits).
 */
async function boundaryCorrections(db: Db, context: QueryContext, scope: Scope, byUnit: boolean) {
  const t = clock(context.now);
  const todayStart = new Date(t.todayValue).toISOString();
  const renewalDayStart = new Date(t.renewalDayValue).toISOString();
  const now = context.now.toISOString();
  const rows = await rowsOf<{ unit_id: string; module_id: string; expired_today: number; renewal_day: number }>(
    db,
    sql`SELECT ${byUnit ? sql`coalesce(u.unit_id, ${NIL_UNIT}::uuid)::text` : sql`''`} AS unit_id, c.module_id,
        count(*) FILTER (WHERE c.expires_at <= ${now}::timestamptz)::int AS expired_today,
        count(*) FILTER (WHERE c.expires_at >= ${renewalDayStart}::timestamptz)::int AS renewal_day
      FROM completions c JOIN users u ON u.id = c.user_id
      WHERE c.force_id = ${context.forceId} AND c.module_id IN (${sql.join(
        context.moduleIds.map((id) => sql`${id}`),
        sql`, `,
      )}) AND c.status = 'completed'
        AND ((c.expires_at >= ${todayStart}::timestamptz AND c.expires_at <= ${now}::timestamptz)
          OR (c.expires_at >= ${renewalDayStart}::timestamptz AND c.expires_at <= ${t.renewalFrom.toISOString()}::timestamptz))
        AND u.force_id = ${context.forceId} AND u.disabled_at IS NULL AND ${and(scopeConditions(scope, sql`u`))}
      GROUP BY 1, 2`,
  );
  const key = (unit: string, module: string) => `${unit}|${module}`;
  return new Map(rows.map((row) => [key(row.unit_id, row.module_id), row]));
}

const emptyCounts = (moduleId: string, title: string): ModuleCounts => ({
  moduleId: moduleId as ModuleCounts["moduleId"],
  title,
  assigned: 0,
  notStarted: 0,
  inProgress: 0,
  completed: 0,
  dueForRenewal: 0,
  expired: 0,
  overdue: 0,
});

/** Distinct learners in scope and per-module status counts among them, or null if the filter needs the query. */
export async function aggregateSummary(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  filter: GridFilter,
): Promise<{ learners: number; modules: ModuleCounts[] } | null> {
  if (!aggregatesAnswer(filter)) return null;
  const title = (id: string) => catalog.module(id)?.title ?? id;
  const modules = new Map(context.moduleIds.map((id) => [id as string, emptyCounts(id, title(id))]));
  const scope = scopeOf(context, filter);
  if (scope === "nobody") return { learners: 0, modules: [...modules.values()] };
  const t = clock(context.now);
  const [rows, corrections] = await Promise.all([
    aggregateRows(db, context, scope, false),
    boundaryCorrections(db, context, scope, false),
  ]);
  let learners = 0;
  for (const row of rows) {
    if (row.module_id === "*") {
      learners += row.n;
      continue;
    }
    const counts = modules.get(row.module_id);
    if (!counts) continue;
    if (row.d !== NONE) counts.assigned += row.n;
    if (isOverdue(row, t.todayValue)) counts.overdue += row.n;
    if (row.state === 0) counts.notStarted += row.n;
    else if (row.state === 1) counts.inProgress += row.n;
    else {
      const expires = dayValue(row.e);
      if (expires === null || expires >= t.renewalDayValue) counts.completed += row.n;
      else if (expires < t.todayValue) counts.expired += row.n;
      else counts.dueForRenewal += row.n;
    }
  }
  for (const [id, counts] of modules) {
    const correction = corrections.get(`|${id}`);
    if (!correction) continue;
    counts.expired += correction.expired_today;
    counts.dueForRenewal += correction.renewal_day - correction.expired_today;
    counts.completed -= correction.renewal_day;
  }
  return { learners, modules: [...modules.values()] };
}

/**
 * The chart's per-unit rows (learners, people with a current completion of any chosen module, people overdue on
 * one), or null if the filter needs the query.
 */
export async function aggregateByUnit(
  db: Db,
  context: QueryContext,
  filter: GridFilter,
): Promise<ChartsResponse["byUnit"] | null> {
  if (!aggregatesAnswer(filter)) return null;
  const scope = scopeOf(context, filter);
  if (scope === "nobody") return [];
  const t = clock(context.now);
  const chosen = filter.module ?? "*";
  const [rows, corrections, unitRows] = await Promise.all([
    aggregateRows(db, context, scope, true),
    chosen === "*" ? personCurrentToday(db, context, scope) : boundaryCorrections(db, context, scope, true),
    rowsOf<{ id: string; name: string }>(
      db,
      sql`SELECT id::text AS id, name FROM units WHERE force_id = ${context.forceId}`,
    ),
  ]);
  const names = new Map(unitRows.map((unit) => [unit.id, unit.name]));
  const byUnit = new Map<string, { learners: number; completedAny: number; overdue: number }>();
  for (const row of rows) {
    if (row.module_id !== chosen) continue;
    const entry = byUnit.get(row.unit_id) ?? { learners: 0, completedAny: 0, overdue: 0 };
    byUnit.set(row.unit_id, entry);
    entry.learners += row.n;
    if (isOverdue(row, t.todayValue)) entry.overdue += row.n;
    // '*' keeps the latest expiry among completed modules; a module's row is current only when completed.
    const expires = dayValue(row.e);
    if ((chosen === "*" || row.state === 2) && expires !== null && expires > t.todayValue) entry.completedAny += row.n;
    // Today's bucket: current unless already expired (split by the corrections below).
    if ((chosen === "*" || row.state === 2) && expires === t.todayValue && chosen !== "*") entry.completedAny += row.n;
  }
  for (const [unit, entry] of byUnit) {
    if (chosen === "*") entry.completedAny += (corrections as Map<string, number>).get(unit) ?? 0;
    else {
      const correction = (corrections as Awaited<ReturnType<typeof boundaryCorrections>>).get(`${unit}|${chosen}`);
      entry.completedAny -= correction?.expired_today ?? 0;
    }
  }
  return [...byUnit.entries()]
    .filter(([, entry]) => entry.learners > 0)
    .map(([unit, entry]) => ({
      unit: unit === NIL_UNIT ? null : { id: unit, name: names.get(unit) ?? "" },
      ...entry,
    }))
    .sort((a, b) => {
      // The query's order: unit name, no unit last.
      if (a.unit === null || b.unit === null) return a.unit === null ? (b.unit === null ? 0 : 1) : -1;
      return a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0;
    });
}

/**
 * Per unit, the people whose latest completed expiry falls later today: current until then (the '*' rows keep the
 * day only, so today's are split by the instant here).
 */
async function personCurrentToday(db: Db, context: QueryContext, scope: Scope): Promise<Map<string, number>> {
  const t = clock(context.now);
  const modules = sql.join(
    context.moduleIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await rowsOf<{ unit_id: string; n: number }>(
    db,
    sql`SELECT coalesce(u.unit_id, ${NIL_UNIT}::uuid)::text AS unit_id, count(DISTINCT c.user_id)::int AS n
      FROM completions c JOIN users u ON u.id = c.user_id
      WHERE c.force_id = ${context.forceId} AND c.module_id IN (${modules}) AND c.status = 'completed'
        AND c.expires_at > ${context.now.toISOString()}::timestamptz AND c.expires_at < ${t.tomorrowStart.toISOString()}::timestamptz
        AND u.force_id = ${context.forceId} AND u.disabled_at IS NULL AND ${and(scopeConditions(scope, sql`u`))}
        AND NOT EXISTS (SELECT 1 FROM completions later WHERE later.user_id = c.user_id AND later.module_id IN (${modules})
          AND later.status = 'completed' AND later.expires_at >= ${t.tomorrowStart.toISOString()}::timestamptz)
      GROUP BY 1`,
  );
  return new Map(rows.map((row) => [row.unit_id, row.n]));
}
