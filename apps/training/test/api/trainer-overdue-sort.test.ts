import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobRole } from "../../src/shared/api";
import type { GridRow } from "../../src/shared/trainer-api";
import { trainerPaths, trainerQuery } from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import type { FixtureLearner } from "./trainer-fixture";
import { addLearner, gridReader, history, northUnits, pagesBothWays, testClock } from "./trainer-fixture";

const RS = "recognising-stalking";
const SPO = "stalking-protection-orders";
const NOW = "2026-06-15T12:00:00.000Z";

/**
 * The order "most overdue first" promises, computed from the cells the grid shows: the earliest due date among
 * the learner's overdue cells (only `moduleId`'s when given), people overdue on nothing last, ties by id.
 */
function referenceOrder(rows: readonly GridRow[], direction: "asc" | "desc", moduleId?: string): string[] {
  const none = direction === "asc" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const key = (row: GridRow): number => {
    const days = row.cells
      .filter((cell) => (moduleId === undefined || cell.moduleId === moduleId) && cell.overdue)
      .map((cell) => Date.parse(`${cell.dueDate ?? ""}T00:00:00Z`));
    return days.length === 0 ? none : Math.min(...days);
  };
  const sign = direction === "asc" ? 1 : -1;
  const compare = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
  return [...rows]
    .sort((a, b) => sign * (compare(key(a), key(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .map((row) => row.id);
}

describe.each(databaseTargets)("the grid's most-overdue-first sort on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let north: { command: string; team: string };
  const clock = testClock("2025-01-01T09:00:00.000Z");
  const people: Record<string, FixtureLearner> = {};

  const { grid, walk } = gridReader(() => trainer);
  const idsOf = (...keys: string[]) => keys.map((key) => (people[key] as FixtureLearner).id).sort();

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    north = await northUnits(t);
    const prefix = target.name === "pglite" ? "O1" : "O2";
    const add = async (key: string, unitId: string | null, jobRole: JobRole) => {
      people[key] = await addLearner(t, {
        displayName: `Overdue ${key}`,
        collar: `${prefix}${Object.keys(people).length}`,
        unitId,
        jobRole,
      });
      return history(t.database.db, t.catalog, people[key]);
    };
    trainer = await t.as(t.people.trainerA);
    // Response officers must take RS by 1 March 2025; the north team must take SPO by 1 February 2025.
    for (const body of [
      { moduleId: RS, jobRole: "response-officer", dueDate: "2025-03-01" },
      { moduleId: SPO, unitId: north.team, dueDate: "2025-02-01" },
    ]) {
      const response = await trainer.post(trainerPaths.assignments, body);
      expect(response.status, await response.clone().text()).toBe(201);
    }
    await add("rsTie1", t.unitA, "response-officer"); // overdue on RS since 1 March 2025
    await add("rsTie2", t.unitA, "response-officer"); // the same day: the id decides
    await add("both", north.team, "response-officer"); // RS and SPO: the earlier, 1 February 2025, counts
    await add("spoOnly", north.team, "investigator"); // SPO since 1 February 2025
    await (await add("started", t.unitA, "response-officer")).started(RS, "2025-02-15T10:00:00.000Z"); // since 1 March
    await (await add("expiredEarly", t.unitA, "response-officer")).attempt(RS, "2025-01-10T10:00:00.000Z", true);
    await (await add("expiredLate", t.unitA, "response-officer")).attempt(RS, "2025-05-01T10:00:00.000Z", true);
    await (await add("current", t.unitA, "response-officer")).attempt(RS, "2026-02-01T10:00:00.000Z", true);
    await add("unassigned", t.unitA, "investigator");
    await (await add("unassignedStarted", t.unitA, "investigator")).started(RS, "2025-02-01T10:00:00.000Z");
    // Passed RS (so not overdue on it) but overdue on SPO since 1 February 2025.
    await (await add("spoOverRs", north.team, "response-officer")).attempt(RS, "2026-03-01T10:00:00.000Z", true);
    clock.set(NOW);
    trainer = await t.as(t.people.trainerA);
  }, 240_000);
  afterAll(() => t?.close());

  it("puts the longest overdue first, ties in id order, and people overdue on nothing last", async () => {
    const everyone = await grid({ limit: 200 });
    const ordered = (await grid({ sort: "overdue", limit: 200 })).rows.map((row) => row.id);
    expect(ordered).toEqual(referenceOrder(everyone.rows, "asc"));
    // What the fixture means, independently of the cells (force A's own officers join the 1 March 2025 group,
    // so only this file's learners are compared): 1 February 2025 first, then 1 March 2025, then the passes
    // that have run out, earlier expiry first, then everyone overdue on nothing, each group in id order.
    const fixtureIds = new Set(Object.values(people).map((person) => person.id));
    const mine = ordered.filter((id) => fixtureIds.has(id));
    expect(mine).toEqual([
      ...idsOf("both", "spoOnly", "spoOverRs"),
      ...idsOf("rsTie1", "rsTie2", "started"),
      ...idsOf("expiredEarly"),
      ...idsOf("expiredLate"),
      ...idsOf("current", "unassigned", "unassignedStarted"),
    ]);
    // Nobody overdue on nothing comes before anybody overdue.
    const overdue = new Set(everyone.rows.filter((row) => row.cells.some((cell) => cell.overdue)).map((row) => row.id));
    expect(ordered.slice(0, overdue.size).every((id) => overdue.has(id))).toBe(true);
  });

  it.each(["asc", "desc"] as const)(
    "walks %s in (key, id) order on every page size, with and without a module or filter",
    async (direction) => {
      for (const [filter, moduleId] of [
        [{}, undefined],
        [{ status: "overdue" }, undefined],
        [{ module: RS }, RS],
        [{ module: SPO, status: "overdue" }, SPO],
        [{ unit: north.team }, undefined],
        [{ q: "overdue" }, undefined],
      ] as const) {
        const matching = await grid({ ...filter, limit: 200 });
        expect(matching.rows.length, JSON.stringify(filter)).toBeGreaterThan(1);
        const expected = referenceOrder(matching.rows, direction, moduleId);
        for (const limit of [1, 2, 3, 7, 200]) {
          expect(
            await walk({ ...filter, sort: "overdue", direction }, limit),
            `${JSON.stringify(filter)} limit ${limit}`,
          ).toEqual(expected);
        }
      }
    },
  );

  it("pages back with before: the forward pages exactly, in reverse", async () => {
    const expected = referenceOrder((await grid({ status: "overdue", limit: 200 })).rows, "asc");
    for (const limit of [1, 2, 3]) {
      const { forward, backward } = await pagesBothWays(grid, { status: "overdue", sort: "overdue" }, limit);
      expect(forward.flatMap((page) => page.rows.map((row) => row.id))).toEqual(expected);
      expect(backward).toEqual(forward.slice(0, -1).reverse());
    }
  });

  it("refuses a cursor from another sort, and exports in the same order", async () => {
    const byName = await grid({ limit: 1 });
    const response = await trainer.get(
      `${trainerPaths.grid}${trainerQuery({ sort: "overdue", after: byName.nextCursor ?? "" })}`,
    );
    expect(response.status).toBe(400);
    const csv = await (
      await trainer.get(`${trainerPaths.gridCsv}${trainerQuery({ status: "overdue", sort: "overdue" })}`)
    ).text();
    const names = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    const page = await grid({ status: "overdue", sort: "overdue", limit: 200 });
    expect(names).toEqual(page.rows.map((row) => row.displayName));
  });
});
