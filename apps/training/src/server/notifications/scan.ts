/**
 * The reminder scan: for each force, every learner's assigned modules are read in batches of learners (one
 * query per batch, assignments inlined as in the trainer grid) and run through the rules; what they decide is
 * stored under its dedupe key, so a scan repeated (a retried job, a second instance, a restart mid-way)
 * stores nothing twice. Trainers' digests are decided in the same pass from one grouped count per force.
 */
import { eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { channelOf, insertNotices, preferencesOf, storedKeys } from "../db/notifications";
import { forces, units, users } from "../db/schema";
import { contentChangeOf } from "../learning/content-change";
import { dueDateFor, leastCovering, learnerFrom, moduleColumns, queryContext, rowsOf } from "../trainer/query";
import type { AssignedModule, Notice, SendingHours } from "./rules";
import { isMandatory, learnerNotices, sendAfter } from "./rules";

/** Learners read per query. */
const SCAN_BATCH = 2_000;
/** Days ahead that count as "due soon" in a digest. */
export const DIGEST_DUE_SOON_DAYS = 14;

/** Sending hours when a force has not configured its channel yet (its messages wait for one). */
export const DEFAULT_HOURS: SendingHours = { quietStartHour: 21, quietEndHour: 8, timeZone: "Europe/London" };

export interface ScanResult {
  learners: number;
  decided: number;
  stored: number;
  queries: number;
  readMs?: number;
}

/** Scans every force. */
export async function scanAll(db: Db, catalog: Catalog, now: Date): Promise<ScanResult> {
  const total: ScanResult = { learners: 0, decided: 0, stored: 0, queries: 1 };
  const all = await db.select({ id: forces.id }).from(forces);
  for (const force of all) {
    const result = await scanForce(db, catalog, force.id, now);
    total.learners += result.learners;
    total.decided += result.decided;
    total.stored += result.stored;
    total.queries += result.queries;
  }
  return total;
}

/** Scans one force's learners and trainers at `now`. */
export async function scanForce(db: Db, catalog: Catalog, forceId: string, now: Date): Promise<ScanResult> {
  const result: ScanResult = { learners: 0, decided: 0, stored: 0, queries: 0 };
  const channel = await channelOf(db, forceId);
  const [grace] = await db.select({ days: forces.contentChangeGraceDays }).from(forces).where(eq(forces.id, forceId));
  const made = (await queryContext(db, catalog, forceId, now)).assignments;
  result.queries += 4;
  const hours = channel ?? DEFAULT_HOURS;
  // Every message decided in this scan goes at one of two times: now (or when quiet hours end), or with the
  // next daily batch; each person's preference picks which, in the store.
  const sendAt = { immediate: sendAfter(now, hours, "immediate"), daily: sendAfter(now, hours, "daily") };
  const store = async (notices: Notice[]) => {
    if (notices.length === 0) return;
    result.decided += notices.length;
    result.stored += await insertNotices(
      db,
      forceId,
      notices.map((notice) => ({ ...notice, mandatory: isMandatory(notice.kind) })),
      now,
      sendAt,
    );
    result.queries += 1;
  };

  const modules = catalog.modules.filter((module) => made.some((assignment) => assignment.moduleId === module.id));
  if (modules.length > 0) {
    const graceDays = grace?.days ?? 90;
    const columns = modules.map((module, index) => {
      const c = sql.raw(`c${index}`);
      // Only a module whose history has a material change can reopen a pass: the others skip the certificate join.
      const reopens = module.history.some((release) => contentChangeOf(module, release.version, graceDays) !== null);
      return {
        module,
        reopens,
        // The same due date as the grid and the officer's list, joiners included.
        due: leastCovering(made, module.id, dueDateFor),
        at: leastCovering(
          made,
          module.id,
          (assignment) => sql`${assignment.createdAt.toISOString()}::timestamptz`,
          sql`NULL::timestamptz`,
        ),
        // A lateral probe per learner and module (LIMIT 1 keeps the planner from flattening it into a hash join
        // over the module's every completion, which each batch would then pay again).
        join: sql`LEFT JOIN LATERAL (SELECT cc.completed_at, cc.expires_at, cc.certificate_id${
          reopens
            ? sql`, (SELECT kk.module_version FROM certificates kk WHERE kk.id = cc.certificate_id) AS module_version`
            : sql``
        } FROM completions cc WHERE cc.user_id = u.id AND cc.module_id = ${module.id} AND cc.status = 'completed' LIMIT 1) ${c} ON TRUE`,
        select: sql`${c}.completed_at AS ${sql.raw(`done${index}`)}, ${c}.expires_at AS ${sql.raw(`exp${index}`)}, ${c}.certificate_id AS ${sql.raw(`cert${index}`)}, ${
          reopens ? sql`${c}.module_version` : sql`NULL::text`
        } AS ${sql.raw(`ver${index}`)}`,
      };
    });
    const anyAssigned = sql.join(
      columns.map((column) => sql`${column.due} IS NOT NULL`),
      sql` OR `,
    );
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const readStart = performance.now();
      // The batch's learners are picked first, then their completions probed by primary key: joined to the
      // whole table, the planner merge-joined each module's completions from the start for every batch.
      const batch = await rowsOf<Record<string, unknown>>(
        db,
        sql`SELECT u.id, ${sql.join(
          columns.map(
            (column, index) =>
              sql`(${column.due})::text AS ${sql.raw(`due${index}`)}, ${column.at} AS ${sql.raw(`at${index}`)}, ${column.select}`,
          ),
          sql`, `,
        )}
        FROM (SELECT u.id, u.unit_id, u.job_role, u.placed_at FROM users u
              WHERE u.force_id = ${forceId} AND u.disabled_at IS NULL AND u.id > ${after}::uuid AND (${anyAssigned})
              ORDER BY u.id LIMIT ${SCAN_BATCH}) u
        ${sql.join(
          columns.map((column) => column.join),
          sql` `,
        )}
        ORDER BY u.id`,
      );
      result.queries += 1;
      result.readMs = (result.readMs ?? 0) + (performance.now() - readStart);
      const notices: Notice[] = [];
      for (const row of batch) {
        const userId = String(row.id);
        columns.forEach((column, index) => {
          const due = row[`due${index}`];
          if (typeof due !== "string") return;
          const version = row[`ver${index}`];
          const change = typeof version === "string" ? contentChangeOf(column.module, version, graceDays) : null;
          const item: AssignedModule = {
            userId,
            moduleId: column.module.id,
            assignedDue: due,
            assignedAt: asDate(row[`at${index}`]) ?? now,
            completedAt: asDate(row[`done${index}`]),
            expiresAt: asDate(row[`exp${index}`]),
            certificateId: typeof row[`cert${index}`] === "string" ? (row[`cert${index}`] as string) : null,
            contentChange: change ? { changedVersion: change.changedVersion, renewBy: change.renewBy } : null,
          };
          notices.push(...learnerNotices(item, now));
        });
      }
      result.learners += batch.length;
      await store(notices);
      const last = batch[batch.length - 1];
      if (batch.length < SCAN_BATCH || !last) break;
      after = String(last.id);
    }
  }

  const digests = await trainerDigests(db, catalog, forceId, now);
  result.queries += digests.queries;
  await store(digests.notices);
  return result;
}

const asDate = (value: unknown): Date | null =>
  value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;

/** The Monday (UTC) of `now`'s week, `YYYY-MM-DD`. */
const weekOf = (now: Date) => {
  const monday = new Date(now.getTime() - ((now.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
};

/**
 * Each trainer's digest: per unit they look after (their unit and the teams under it, or every unit when
 * they have none), the overdue and due-soon module counts and the distinct people behind them. One grouped
 * query per force counts every unit; each trainer's digest picks its units from it.
 */
export async function trainerDigests(
  db: Db,
  catalog: Catalog,
  forceId: string,
  now: Date,
): Promise<{ notices: Notice[]; queries: number }> {
  const trainers = await db
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .where(sql`${users.forceId} = ${forceId} AND ${users.role} = 'trainer' AND ${users.disabledAt} IS NULL`);
  if (trainers.length === 0) return { notices: [], queries: 1 };
  const preferences = await preferencesOf(
    db,
    trainers.map((trainer) => trainer.id),
  );
  const today = now.toISOString().slice(0, 10);
  const due = trainers.flatMap((trainer) => {
    const frequency = preferences.get(trainer.id)?.digestFrequency ?? "weekly";
    if (frequency === "off") return [];
    const period = frequency === "daily" ? today : weekOf(now);
    return [{ ...trainer, frequency, period, dedupeKey: `digest:${frequency}:${period}` }];
  });
  // The hourly scan counts a force's units only when some trainer's digest for this period is still to come.
  const stored = await storedKeys(
    db,
    due.map((trainer) => ({ userId: trainer.id, dedupeKey: trainer.dedupeKey })),
  );
  const wanted = due.filter((trainer) => !stored.has(`${trainer.id} ${trainer.dedupeKey}`));
  if (wanted.length === 0) return { notices: [], queries: 3 };
  const context = await queryContext(db, catalog, forceId, now);
  const counts = await unitCounts(db, context);
  const names = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.forceId, forceId))).map((unit) => [
      unit.id,
      unit.name,
    ]),
  );
  const notices = wanted.map((trainer) => {
    const scope = trainer.unitId ? (context.unitTree.get(trainer.unitId) ?? [trainer.unitId]) : [...names.keys()];
    return {
      userId: trainer.id,
      kind: "digest" as const,
      dedupeKey: trainer.dedupeKey,
      details: {
        frequency: trainer.frequency,
        period: trainer.period,
        units: counts
          .filter((row) => row.unitId !== null && scope.includes(row.unitId))
          .map((row) => ({ ...row, name: names.get(row.unitId ?? "") ?? "" }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      } as unknown as Record<string, string | number>,
    };
  });
  return { notices, queries: 7 };
}

/** Per unit: overdue and due-soon module counts and the distinct people behind each. */
async function unitCounts(db: Db, context: Awaited<ReturnType<typeof queryContext>>) {
  // Only assigned modules can be overdue or due: the others are left out of the query.
  const assigned = new Set(context.assignments.map((assignment) => assignment.moduleId));
  const columns = moduleColumns({ ...context, moduleIds: context.moduleIds.filter((id) => assigned.has(id)) });
  if (columns.length === 0) return [];
  const today = context.now.toISOString().slice(0, 10);
  const dueSoon = (column: (typeof columns)[number]): SQL =>
    sql`(${column.assignedDue} IS NOT NULL AND ${column.dueDate} BETWEEN ${today}::date AND ${today}::date + ${DIGEST_DUE_SOON_DAYS}::int)`;
  const sum = (parts: SQL[]) =>
    sql.join(
      parts.map((part) => sql`(CASE WHEN ${part} THEN 1 ELSE 0 END)`),
      sql` + `,
    );
  const overdue = sum(columns.map((column) => column.overdue));
  const soon = sum(columns.map(dueSoon));
  const rows = await rowsOf<{
    unitId: string | null;
    overdue: number;
    overduePeople: number;
    dueSoon: number;
    dueSoonPeople: number;
  }>(
    db,
    sql`SELECT unit_id AS "unitId", sum(o)::int AS overdue, count(*) FILTER (WHERE o > 0)::int AS "overduePeople",
          sum(s)::int AS "dueSoon", count(*) FILTER (WHERE s > 0)::int AS "dueSoonPeople"
        FROM (SELECT u.unit_id, ${overdue} AS o, ${soon} AS s FROM ${learnerFrom(columns)}
              WHERE u.force_id = ${context.forceId} AND u.disabled_at IS NULL ) per_person
        GROUP BY unit_id`,
  );
  return rows;
}
