/**
 * Property test of the maintained trainer counts (migration 0019, issue 21): after random concurrent ingestion
 * (group-committed batches and the ledger), assignments made and withdrawn, transfers between units, job-role
 * changes, disabling and enabling, projection rows rewritten by other writers and days rolling over, the counts
 * read from the aggregates equal the grid's own query (a full recount) for every filter the aggregates answer,
 * and the aggregate table equals a from-scratch recount of it. Seeded; on PGlite and on PostgreSQL.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeUser } from "../../src/server/accounts";
import { compactTrainerCounts } from "../../src/server/db/trainer-counts";
import type { IngestRequest } from "../../src/server/learning/ingest";
import { storeStatementBatch } from "../../src/server/learning/ingest";
import type { Learner } from "../../src/server/learning/statement";
import { serverStatement } from "../../src/server/learning/record";
import { aggregateByUnit, aggregateSummary } from "../../src/server/trainer/counts";
import { gridCharts, gridSummaryByQuery } from "../../src/server/trainer/grid";
import { queryContext, rowsOf } from "../../src/server/trainer/query";
import type { JobRole } from "../../src/shared/api";
import { lessonActivityId } from "../../src/shared/api";
import type { GridFilter } from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import type { FixtureLearner } from "../api/trainer-fixture";
import { addLearner, history, northUnits, testClock } from "../api/trainer-fixture";

const ROLES: JobRole[] = ["response-officer", "investigator", "staff"];
const DAY = 86_400_000;
const START = Date.parse("2026-06-15T12:00:00.000Z");

type Op =
  | { kind: "batch"; who: number[]; module: number; lesson: number }
  | { kind: "attempt"; who: number; module: number; pass: boolean; daysAgo: number; minutes: number }
  | { kind: "transfer"; who: number; unit: number }
  | { kind: "role"; who: number; role: number }
  | { kind: "disable"; who: number; disabled: boolean }
  | { kind: "assign"; module: number; unit: number; role: number; dueIn: number }
  | { kind: "unassign"; which: number }
  | { kind: "expiry"; who: number; module: number; minutesFromNow: number }
  | { kind: "day"; days: number; minutes: number };

const PEOPLE = 8;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("batch" as const),
    who: fc.uniqueArray(fc.nat(PEOPLE - 1), { minLength: 1, maxLength: 4 }),
    module: fc.nat(4),
    lesson: fc.nat(5),
  }),
  fc.record({
    kind: fc.constant("attempt" as const),
    who: fc.nat(PEOPLE - 1),
    module: fc.nat(4),
    pass: fc.boolean(),
    // Validity is 12 months or more: around a year ago lands expiries on today, the renewal window's edge, or past.
    daysAgo: fc.oneof(fc.integer({ min: 330, max: 400 }), fc.integer({ min: 0, max: 800 })),
    minutes: fc.integer({ min: -720, max: 720 }),
  }),
  fc.record({ kind: fc.constant("transfer" as const), who: fc.nat(PEOPLE - 1), unit: fc.nat(3) }),
  fc.record({ kind: fc.constant("role" as const), who: fc.nat(PEOPLE - 1), role: fc.nat(ROLES.length - 1) }),
  fc.record({ kind: fc.constant("disable" as const), who: fc.nat(PEOPLE - 1), disabled: fc.boolean() }),
  fc.record({
    kind: fc.constant("assign" as const),
    module: fc.nat(4),
    unit: fc.nat(3),
    role: fc.nat(ROLES.length),
    dueIn: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({ kind: fc.constant("unassign" as const), which: fc.nat(10) }),
  fc.record({
    kind: fc.constant("expiry" as const),
    who: fc.nat(PEOPLE - 1),
    module: fc.nat(4),
    // Around now and around the renewal window's end (30 days), to the minute.
    minutesFromNow: fc.oneof(
      fc.integer({ min: -1500, max: 1500 }),
      fc.integer({ min: 30 * 1440 - 1500, max: 30 * 1440 + 1500 }),
    ),
  }),
  fc.record({ kind: fc.constant("day" as const), days: fc.integer({ min: 0, max: 2 }), minutes: fc.nat(1440) }),
);

describe.each(databaseTargets)("maintained trainer counts on $name", (target) => {
  let t: TestApp;
  const clock = testClock(new Date(START).toISOString());
  let units: (string | null)[] = [];
  let unitTeam = "";
  let unitCommand = "";
  const people: FixtureLearner[] = [];
  const admin = () => ({ id: t.people.adminA.id, forceId: "force-a" });

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    const north = await northUnits(t);
    unitTeam = north.team;
    unitCommand = north.command;
    units = [t.unitA, north.team, north.command, null];
    for (let index = 0; index < PEOPLE; index += 1) {
      people.push(
        await addLearner(t, {
          displayName: `Counted ${index}`,
          collar: `TC${target.name === "pglite" ? 1 : 2}${index}`,
          unitId: units[index % units.length] ?? null,
          jobRole: ROLES[index % ROLES.length] ?? "staff",
        }),
      );
    }
  }, 180_000);
  afterAll(() => t?.close());

  /** The learner as the database has them now (unit and role move). */
  const learnerOf = async (index: number): Promise<Learner> => {
    const person = people[index] as FixtureLearner;
    const [row] = await rowsOf<{ unit_id: string | null; job_role: JobRole }>(
      t.database.db,
      sql`SELECT unit_id, job_role FROM users WHERE id = ${person.id}::uuid`,
    );
    return { id: person.id, forceId: "force-a", unitId: row?.unit_id ?? null, jobRole: row?.job_role ?? "staff" };
  };
  const moduleAt = (index: number) => t.catalog.modules[index % t.catalog.modules.length] ?? t.catalog.modules[0];

  const run = async (step: Op): Promise<void> => {
    const db = t.database.db;
    const now = clock.now();
    switch (step.kind) {
      case "batch": {
        const module = moduleAt(step.module);
        if (!module) return;
        const requests: IngestRequest[] = [];
        for (const who of step.who) {
          const learner = await learnerOf(who);
          const lesson = module.lessons[step.lesson % module.lessons.length];
          requests.push({
            learner,
            statements: [
              serverStatement(learner, {
                verb: "experienced",
                objectId: lessonActivityId(module.id, lesson?.id ?? ""),
                moduleId: module.id,
                timestamp: now,
              }),
            ],
          });
        }
        const results = await storeStatementBatch(
          t.database,
          requests,
          (id) => t.catalog.module(id)?.validityMonths ?? 12,
        );
        for (const result of results) expect(result.ok).toBe(true);
        return;
      }
      case "attempt": {
        const module = moduleAt(step.module);
        if (!module) return;
        const at = new Date(now.getTime() - step.daysAgo * DAY + step.minutes * 60_000);
        await history(db, t.catalog, await learnerOf(step.who)).attempt(module.id, at.toISOString(), step.pass);
        return;
      }
      case "transfer":
        await changeUser(
          db,
          admin(),
          (people[step.who] as FixtureLearner).id,
          { unitId: units[step.unit] ?? null },
          now,
        );
        return;
      case "role":
        await changeUser(db, admin(), (people[step.who] as FixtureLearner).id, { jobRole: ROLES[step.role] }, now);
        return;
      case "disable":
        await changeUser(db, admin(), (people[step.who] as FixtureLearner).id, { disabled: step.disabled }, now);
        return;
      case "assign": {
        const module = moduleAt(step.module);
        const unit = units[step.unit] ?? null;
        const role = ROLES[step.role] ?? null;
        const due = new Date(now.getTime() + step.dueIn * DAY).toISOString().slice(0, 10);
        await db.execute(sql`INSERT INTO assignments (id, force_id, module_id, unit_id, job_role, due_date, created_at)
          VALUES (gen_random_uuid(), 'force-a', ${module?.id ?? ""}, ${unit}::uuid, ${role}, ${due}::date, ${now.toISOString()}::timestamptz)`);
        return;
      }
      case "unassign":
        await db.execute(sql`DELETE FROM assignments WHERE id IN (
          SELECT id FROM assignments WHERE force_id = 'force-a' ORDER BY created_at, id OFFSET ${step.which} LIMIT 1)`);
        return;
      case "expiry": {
        // Another writer of the projection (as content changes and reopened passes are).
        const module = moduleAt(step.module);
        await db.execute(sql`UPDATE completions SET expires_at = ${new Date(now.getTime() + step.minutesFromNow * 60_000).toISOString()}::timestamptz
          WHERE user_id = ${(people[step.who] as FixtureLearner).id}::uuid AND module_id = ${module?.id ?? ""} AND status = 'completed'`);
        return;
      }
      case "day":
        clock.set(new Date(now.getTime() + step.days * DAY + step.minutes * 60_000).toISOString());
        return;
    }
  };

  const filters = (): GridFilter[] => [
    { withinDays: 30 },
    { withinDays: 30, unit: unitTeam },
    { withinDays: 30, unit: unitCommand },
    { withinDays: 30, unit: t.unitA, jobRole: "staff" },
    { withinDays: 30, jobRole: "response-officer" },
    { withinDays: 30, module: "recognising-stalking" },
    { withinDays: 30, module: "online-stalking", unit: unitCommand },
  ];

  const expectCountsAgree = async (label: string) => {
    const db = t.database.db;
    // The table itself equals a recount from scratch (the recount rolled back).
    const sums = sql`SELECT unit_id::text AS u, job_role AS r, module_id AS m, state AS s, expires_day::text AS e, due_day::text AS d, sum(n)::int AS n
      FROM trainer_counts WHERE force_id = 'force-a' GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`;
    const kept = await rowsOf(db, sums);
    const recounted = await db
      .transaction(async (tx) => {
        await tx.execute(sql`SELECT trainer_counts_recount('force-a', false, NULL, NULL)`);
        const rows = await rowsOf(tx, sums);
        throw Object.assign(new Error("roll back the recount"), { rows });
      })
      .catch((error: unknown) => (error as { rows?: unknown[] }).rows);
    // Days gathered into '-infinity' on one side and still separate on the other mean the same; compare as read.
    const gather = (rows: unknown[] | undefined) => {
      const today = clock.now().toISOString().slice(0, 10);
      const out = new Map<string, number>();
      for (const row of (rows ?? []) as Record<string, string | number>[]) {
        const past = (day: string) => (day !== "1970-01-01" && day < today && day !== "infinity" ? "past" : day);
        const key = [row.u, row.r, row.m, row.s, past(String(row.e)), past(String(row.d))].join("|");
        out.set(key, (out.get(key) ?? 0) + Number(row.n));
      }
      return [...out.entries()].filter(([, n]) => n !== 0).sort();
    };
    expect(gather(kept), `${label}: table against a recount`).toEqual(gather(recounted));
    for (const filter of filters()) {
      const context = await queryContext(db, t.catalog, "force-a", clock.now());
      const fromAggregates = await aggregateSummary(db, t.catalog, context, filter);
      const byQuery = await gridSummaryByQuery(db, t.catalog, context, filter);
      expect(fromAggregates, `${label}: summary ${JSON.stringify(filter)}`).toEqual({
        learners: byQuery.learners,
        modules: byQuery.modules,
      });
      const units = await aggregateByUnit(db, context, filter);
      const charts = await gridCharts(db, t.catalog, context, filter, { byQuery: true });
      expect(units, `${label}: by unit ${JSON.stringify(filter)}`).toEqual(charts.byUnit);
    }
  };

  it("equals a full recount after random concurrent changes", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 10 }),
        async (rounds) => {
          let label = "";
          for (const round of rounds) {
            label += `${JSON.stringify(round)}\n`;
            // Each round's changes run at once: on PostgreSQL on separate connections of the pool.
            const results = await Promise.allSettled(round.map((step) => run(step)));
            for (const result of results) if (result.status === "rejected") throw result.reason;
            if (round.length % 2 === 0) await compactTrainerCounts(t.database.db, "force-a");
          }
          await expectCountsAgree(label);
        },
      ),
      { seed: 20261206, numRuns: target.name === "pglite" ? 12 : 12, endOnFailure: true },
    );
  });
});
