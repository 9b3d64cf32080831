import { TrainingStatusSchema, trainingStatusRank } from "@stalking-response/curriculum";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gridSummary } from "../../src/server/trainer/grid";
import { CountsCache } from "../../src/server/trainer/counts-cache";
import { csvHeader, csvRow } from "../../src/server/trainer/export";
import { queryContext } from "../../src/server/trainer/query";
import type { JobRole } from "../../src/shared/api";
import type { GridRow } from "../../src/shared/trainer-api";
import {
  ChartsResponseSchema,
  GridSummaryResponseSchema,
  trainerPaths,
  trainerQuery,
} from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import type { FixtureLearner } from "./trainer-fixture";
import { addLearner, gridReader, history, northUnits, pagesBothWays, testClock } from "./trainer-fixture";

const RS = "recognising-stalking";
const NOW = "2026-06-15T12:00:00.000Z";
const GridSummaryOrCharts = GridSummaryResponseSchema.or(ChartsResponseSchema);

/** The order a module sort promises, computed from the cells the grid shows: (key, id), both reversed for desc. */
function referenceOrder(rows: readonly GridRow[], sort: string, direction: "asc" | "desc", moduleId: string) {
  // A learner with no value comes last whichever way the sort runs.
  const none = direction === "asc" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const key = (row: GridRow): number => {
    const cell = row.cells.find((item) => item.moduleId === moduleId);
    if (!cell) throw new Error(`no ${moduleId} cell`);
    switch (sort) {
      case "status":
        return trainingStatusRank[cell.status];
      case "score":
        return cell.scorePercent ?? none;
      case "completedAt":
        return cell.completedAt === null ? none : Date.parse(cell.completedAt);
      default:
        return cell.expiresAt === null ? none : Date.parse(cell.expiresAt);
    }
  };
  const sign = direction === "asc" ? 1 : -1;
  const compare = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
  return [...rows]
    .sort((a, b) => sign * (compare(key(a), key(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .map((row) => row.id);
}

describe.each(databaseTargets)("trainer module sorts and counts on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let north: { command: string; team: string };
  const clock = testClock("2025-01-01T09:00:00.000Z");
  let tickMs = 0;
  const learners: FixtureLearner[] = [];

  const { grid, walk } = gridReader(() => trainer);

  beforeAll(async () => {
    // While `tickMs` is set, every reading of the clock moves it on, so a count "takes" long enough to be cached.
    t = await startTestApp(target, {
      now: () => {
        const at = clock.now();
        if (tickMs > 0) clock.set(new Date(at.getTime() + tickMs).toISOString());
        return at;
      },
    });
    north = await northUnits(t);
    const prefix = target.name === "pglite" ? "S1" : "S2";
    const add = async (n: number, unitId: string | null, jobRole: JobRole) => {
      // One name needs CSV quoting (a comma and quotes), which the export must do as csvRow does.
      const displayName = n === 13 ? `Sorter ${n}, "Jr"` : `Sorter ${n}`;
      const learner = await addLearner(t, { displayName, collar: `${prefix}${n}`, unitId, jobRole });
      learners.push(learner);
      return history(t.database.db, t.catalog, learner);
    };
    // Every run of each module sort, several learners per run so keys tie and the id decides:
    // nothing on the module (no projection row), started (no score, no dates), failed (0%), and passed (100%)
    // long enough ago to have expired, recently enough to be due for renewal, and well within validity.
    const plans: ((on: ReturnType<typeof history>) => Promise<unknown>)[] = [
      () => Promise.resolve(),
      () => Promise.resolve(),
      () => Promise.resolve(),
      (on) => on.started(RS, "2026-05-01T10:00:00.000Z"),
      (on) => on.started(RS, "2026-05-02T10:00:00.000Z"),
      (on) => on.attempt(RS, "2026-04-01T10:00:00.000Z", false),
      (on) => on.attempt(RS, "2026-04-01T10:00:00.000Z", false),
      (on) => on.attempt(RS, "2025-03-01T10:00:00.000Z", true),
      (on) => on.attempt(RS, "2025-03-01T10:00:00.000Z", true),
      (on) => on.attempt(RS, "2025-06-25T10:00:00.000Z", true),
      (on) => on.attempt(RS, "2026-02-01T10:00:00.000Z", true),
      (on) => on.attempt(RS, "2026-02-01T10:00:00.000Z", true),
      (on) => on.attempt(RS, "2026-05-20T10:00:00.000Z", true),
      (on) => on.attempt(RS, "2026-05-21T10:00:00.000Z", true),
    ];
    for (const [n, plan] of plans.entries()) {
      await plan(await add(n, n % 2 === 0 ? north.team : t.unitA, n % 3 === 0 ? "investigator" : "response-officer"));
    }
    clock.set(NOW);
    trainer = await t.as(t.people.trainerA);
  }, 240_000);
  afterAll(() => t?.close());

  const sorts = ["status", "score", "completedAt", "expiresAt"] as const;
  const directions = ["asc", "desc"] as const;

  it.each(sorts.flatMap((sort) => directions.map((direction) => [sort, direction] as const)))(
    "sorts by %s %s in (key, id) order on every page size, across runs and ties",
    async (sort, direction) => {
      const everyone = await grid({ limit: 200 });
      expect(everyone.rows.length).toBeGreaterThanOrEqual(learners.length);
      // The fixture covers every run of every sort: each status, empty and equal scores and dates.
      const statuses = new Set(everyone.rows.map((row) => row.cells.find((item) => item.moduleId === RS)?.status));
      expect([...statuses].sort()).toEqual([...TrainingStatusSchema.options].sort());
      const expected = referenceOrder(everyone.rows, sort, direction, RS);
      for (const limit of [1, 2, 3, 7, 200]) {
        expect(await walk({ sort, direction, module: RS }, limit), `limit ${limit}`).toEqual(expected);
      }
    },
  );

  /** Forward pages, then `before` back from the last page: exactly the same pages (rows and cursors) in reverse. */
  const expectSamePagesBack = async (query: Record<string, string | number | undefined>, expected: string[]) => {
    for (const limit of [1, 2, 3]) {
      const { forward, backward } = await pagesBothWays(grid, query, limit);
      expect(
        forward.flatMap((page) => page.rows.map((row) => row.id)),
        `limit ${limit}`,
      ).toEqual(expected);
      expect(forward[0]?.previousCursor, `limit ${limit}`).toBeNull();
      expect(backward, `limit ${limit}`).toEqual(forward.slice(0, -1).reverse());
      expect(backward.length, `limit ${limit}`).toBe(forward.length - 1);
    }
  };

  it.each([
    ...sorts.flatMap((sort) => directions.map((direction) => [sort, direction, {}] as const)),
    ["score", "desc", { unit: "north team" }],
    ["status", "asc", { jobRole: "response-officer" }],
    ["completedAt", "desc", { module: RS, status: "completed" }],
    ["expiresAt", "asc", { q: "sorter 1" }],
  ] as const)(
    "pages back with before by %s %s under %j: the forward pages exactly, in reverse, across runs and ties",
    async (sort, direction, filterSpec) => {
      const filter = "unit" in filterSpec ? { unit: north.team } : filterSpec;
      const matching = await grid({ ...filter, limit: 200 });
      expect(matching.rows.length).toBeGreaterThan(3);
      const expected = referenceOrder(matching.rows, sort, direction, RS);
      await expectSamePagesBack({ ...filter, sort, direction, module: RS }, expected);
    },
  );

  it.each(["asc", "desc"] as const)("pages back with before through a search in name %s order", async (direction) => {
    const whole = await grid({ q: "sorter", sort: "name", direction, limit: 200 });
    await expectSamePagesBack(
      { q: "sorter", sort: "name", direction },
      whole.rows.map((row) => row.id),
    );
  });

  it.each([
    ["score", "desc", { unit: "north team" }],
    ["status", "asc", { jobRole: "response-officer" }],
    ["completedAt", "asc", { module: RS, status: "completed" }],
    ["status", "desc", { status: "in-progress" }],
    ["expiresAt", "asc", { q: "sorter 1" }],
  ] as const)("sorts by %s %s under the filter %j, page by page", async (sort, direction, filterSpec) => {
    // The team's id is only known once beforeAll has run, after this table was built.
    const filter = "unit" in filterSpec ? { unit: north.team } : filterSpec;
    const matching = await grid({ ...filter, limit: 200 });
    expect(matching.rows.length).toBeGreaterThan(0);
    const expected = referenceOrder(matching.rows, sort, direction, RS);
    for (const limit of [1, 4, 200]) {
      expect(await walk({ ...filter, sort, direction, module: RS }, limit), `limit ${limit}`).toEqual(expected);
    }
  });

  it.each([
    {},
    { sort: "name", direction: "desc" },
    { sort: "score", direction: "desc", module: RS },
    { sort: "status", module: RS, jobRole: "response-officer" },
    { sort: "expiresAt", module: RS, status: "completed", q: "sorter" },
  ])("exports exactly the grid's rows and cells as CSV, in the grid's order: %j", async (query) => {
    const page = await grid({ ...query, limit: 200 });
    expect(page.nextCursor).toBeNull();
    const response = await trainer.get(`${trainerPaths.gridCsv}${trainerQuery(query)}`);
    expect(response.status).toBe(200);
    const header = csvHeader(
      t.catalog,
      t.catalog.modules.map((module) => module.id),
    );
    // fetch's text() drops the byte-order mark the export starts with.
    expect((await response.text()).replace(/^\uFEFF/, "")).toBe(`${header}${page.rows.map(csvRow).join("")}`);
  });

  it("finds learners by part of a name and the start of a collar number, wildcards taken literally", async () => {
    const byName = await grid({ q: "orter 1", limit: 200 });
    expect(byName.rows.map((row) => row.displayName).sort()).toEqual([
      "Sorter 1",
      "Sorter 10",
      "Sorter 11",
      "Sorter 12",
      'Sorter 13, "Jr"',
    ]);
    const collar = learners[5]?.collarNumber ?? "";
    expect((await grid({ q: collar.toLowerCase(), limit: 200 })).rows.map((row) => row.collarNumber)).toEqual([collar]);
    // The collar number must start with the search; a middle part of it finds nobody by collar.
    expect((await grid({ q: collar.slice(1), limit: 200 })).rows).toEqual([]);
    expect((await grid({ q: "sorter%", limit: 200 })).rows).toEqual([]);
    expect((await grid({ q: "sorter_1", limit: 200 })).rows).toEqual([]);
  });

  it.each(["asc", "desc"] as const)(
    "pages through a search in name %s order with keyset cursors",
    async (direction) => {
      const whole = await grid({ q: "sorter", sort: "name", direction, limit: 200 });
      const names = whole.rows.map((row) => row.displayName);
      expect(names).toHaveLength(learners.length);
      const byName = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), "en"));
      expect(names).toEqual(direction === "asc" ? byName : byName.reverse());
      for (const limit of [1, 2, 5]) {
        expect(await walk({ q: "sorter", sort: "name", direction }, limit)).toEqual(whole.rows.map((row) => row.id));
      }
    },
  );

  it("serves slow counts from a short-lived cache with the time they were counted, then refreshes them", async () => {
    const db = t.database.db;
    let now = new Date(NOW);
    const options = { slowMs: 100, refreshAfterMs: 15_000, maxAgeMs: 300_000, maxEntries: 2 };
    const cache = new CountsCache(() => now, options);
    let computed = 0;
    const summary = () =>
      cache.get("force-a\u0000summary", async () => {
        computed += 1;
        const counts = await gridSummary(db, t.catalog, await queryContext(db, t.catalog, "force-a", now), {
          withinDays: 30,
        });
        // Each count "takes" 200 ms on this clock, so it is slow enough to keep.
        now = new Date(now.getTime() + 200);
        return counts;
      });
    const notStarted = (counts: Awaited<ReturnType<typeof summary>>) =>
      counts.modules.find((module) => module.moduleId === RS)?.notStarted;

    const first = await summary();
    expect(first.countedAt).toBe(NOW);
    expect(computed).toBe(1);
    // A learner with nothing on the module starts it: the cached counts do not show it yet.
    const fresh = learners[0];
    if (!fresh) throw new Error("no learner");
    await history(db, t.catalog, fresh).started(RS, NOW);
    now = new Date(Date.parse(NOW) + 10_000);
    expect(await summary()).toEqual(first);
    expect(computed).toBe(1);

    // Past refreshAfterMs the old counts are still served, while a refresh runs behind them.
    now = new Date(Date.parse(NOW) + 20_000);
    expect(await summary()).toEqual(first);
    await expect.poll(() => computed).toBe(2);
    await expect.poll(async () => (await summary()).countedAt).toBe(new Date(Date.parse(NOW) + 20_000).toISOString());
    const refreshed = await summary();
    expect(notStarted(refreshed)).toBe((notStarted(first) ?? 0) - 1);

    // Past maxAgeMs nothing stale is served: the request waits for a new count.
    now = new Date(Date.parse(NOW) + 20_000 + 300_001);
    const asked = now.toISOString();
    expect((await summary()).countedAt).toBe(asked);
    expect(computed).toBe(3);
  });

  it("marks counts the API served from its cache, with the time they were counted, and live ones as not cached", async () => {
    const filter = trainerQuery({ jobRole: "staff", withinDays: 29 });
    const read = async (path: string) => {
      const response = await trainer.get(`${path}${filter}`);
      const body: unknown = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      return body as { countedAt: string; cached: boolean };
    };
    const live = await read(trainerPaths.gridSummary);
    expect(live.cached).toBe(false);
    tickMs = 300;
    try {
      for (const path of [trainerPaths.gridSummary, trainerPaths.charts]) {
        const first = GridSummaryOrCharts.parse(await read(path));
        expect(first.cached).toBe(false);
        const again = GridSummaryOrCharts.parse(await read(path));
        expect(again).toEqual({ ...first, cached: true });
        expect(Date.parse(again.countedAt)).toBeLessThan(clock.now().getTime());
      }
    } finally {
      tickMs = 0;
    }
  });

  it("never caches counts that are quick to compute, and forgets a force's counts on request", async () => {
    let now = new Date(NOW);
    const cache = new CountsCache(() => now, { slowMs: 100, refreshAfterMs: 1000, maxAgeMs: 10_000, maxEntries: 10 });
    let value = 1;
    const quick = () => cache.get("a\u0000quick", () => Promise.resolve(value));
    const slow = () =>
      cache.get("a\u0000slow", () => {
        now = new Date(now.getTime() + 150);
        return Promise.resolve(value);
      });
    expect(await quick()).toBe(1);
    expect(await slow()).toBe(1);
    value = 2;
    expect(await quick()).toBe(2);
    expect(await slow()).toBe(1);
    cache.forget("a\u0000");
    expect(await slow()).toBe(2);
  });
});
