import { isOverdue, trainingStatus, trainingStatusRank } from "@stalking-response/curriculum";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog } from "../../src/server/db/schema";
import { exportCsv } from "../../src/server/trainer/export";
import { queryContext } from "../../src/server/trainer/query";
import type { JobRole } from "../../src/shared/api";
import { ProblemSchema, TrainingListResponseSchema } from "../../src/shared/api";
import type { GridResponse, GridRow } from "../../src/shared/trainer-api";
import {
  ChartsResponseSchema,
  GridResponseSchema,
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
const SPO = "stalking-protection-orders";
const NOW = "2026-06-15T12:00:00.000Z";

describe.each(databaseTargets)("trainer completion grid on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let north: { command: string; team: string };
  const clock = testClock("2026-03-01T09:00:00.000Z");
  const people: Record<string, FixtureLearner> = {};

  const { grid } = gridReader(() => trainer);
  const names = (page: GridResponse) => page.rows.map((row) => row.displayName);
  const allPages = async (query: Record<string, string | number | undefined>, limit: number) => {
    const rows: GridRow[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await grid({ ...query, limit, after });
      rows.push(...page.rows);
      after = page.nextCursor ?? undefined;
      pages += 1;
      if (page.nextCursor !== null) expect(page.rows).toHaveLength(limit);
    } while (after !== undefined);
    return { rows, pages };
  };
  const cell = (row: GridRow | undefined, moduleId: string) => row?.cells.find((item) => item.moduleId === moduleId);
  const problemOf = async (response: Response) => ProblemSchema.parse(await response.json());

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    north = await northUnits(t);
    const { db } = t.database;
    const add = async (key: string, displayName: string, unitId: string | null, jobRole: JobRole) => {
      people[key] = await addLearner(t, {
        displayName,
        collar: `G${target.name === "pglite" ? 1 : 2}${Object.keys(people).length}0${key.length}`,
        unitId,
        jobRole,
      });
    };
    await add("alice", "Alice Archer", north.team, "response-officer");
    await add("bob", "Bob Brown", t.unitA, "response-officer");
    await add("cara", "Cara Cole", north.team, "response-officer");
    await add("dev", "Dev Dutta", north.team, "investigator");
    // A name that a spreadsheet would run as a formula, to prove the CSV neutralises it.
    await add("eve", "=Eve Example", t.unitA, "staff");
    const outsider = await addLearner(t, {
      forceId: "force-b",
      displayName: "Zed Outsider",
      collar: `GB${target.name === "pglite" ? 1 : 2}`,
      unitId: null,
      jobRole: "response-officer",
    });

    trainer = await t.as(t.people.trainerA);
    for (const body of [
      { moduleId: RS, jobRole: "response-officer", dueDate: "2026-04-01" },
      { moduleId: SPO, unitId: north.team, dueDate: "2026-05-01" },
    ]) {
      const response = await trainer.post(trainerPaths.assignments, body);
      expect(response.status, await response.clone().text()).toBe(201);
    }
    const on = (learner: FixtureLearner) => history(db, t.catalog, learner);
    await on(people.alice as FixtureLearner).attempt(RS, "2025-06-20T10:00:00.000Z", true); // due for renewal
    await on(people.bob as FixtureLearner).attempt(RS, "2025-05-01T10:00:00.000Z", true); // expired, so overdue
    await on(people.cara as FixtureLearner).started(RS, "2026-03-10T10:00:00.000Z"); // in progress, overdue
    await on(people.dev as FixtureLearner).attempt(RS, "2026-03-05T10:00:00.000Z", false);
    await on(people.dev as FixtureLearner).attempt(RS, "2026-03-05T11:00:00.000Z", true); // completed
    await on(outsider).attempt(RS, "2026-03-05T10:00:00.000Z", true);
    clock.set(NOW);
    // Sessions expire by the same clock, so sign in again at "now".
    trainer = await t.as(t.people.trainerA);
  }, 180_000);
  afterAll(() => t?.close());

  it("lists every learner of the trainer's force by name, and nobody from another force", async () => {
    const page = await grid({});
    expect(page.modules.map((module) => module.id)).toEqual(t.catalog.modules.map((module) => module.id));
    expect(page.rows).toHaveLength(9);
    expect(names(page)).not.toContain("Zed Outsider");
    expect(names(page)).toEqual(
      expect.arrayContaining(["Alice Archer", "Bob Brown", "Cara Cole", "Dev Dutta", "Test officerA", "Test adminA"]),
    );
    expect(page.nextCursor).toBeNull();
  });

  it("shows force B's trainer force B only: grid, counts and export", async () => {
    const trainerB = await t.as(t.people.trainerB);
    const page = GridResponseSchema.parse(await (await trainerB.get(trainerPaths.grid)).json());
    expect(names(page).sort()).toEqual(["Test officerB", "Test trainerB", "Zed Outsider"]);
    const summary = GridSummaryResponseSchema.parse(await (await trainerB.get(trainerPaths.gridSummary)).json());
    expect(summary.learners).toBe(3);
    const csv = await (await trainerB.get(trainerPaths.gridCsv)).text();
    expect(csv).toContain("Zed Outsider");
    expect(csv).not.toContain("Alice Archer");
  });

  it("shows each cell as the learner sees it in their own training list", async () => {
    const page = await grid({ limit: 200 });
    for (const row of page.rows) {
      const response = await trainer.get(`/api/users/${row.id}/training`);
      const own = TrainingListResponseSchema.parse(await response.json());
      for (const item of own.items) {
        const mine = cell(row, item.moduleId);
        expect({ name: row.displayName, module: item.moduleId, ...mine }).toMatchObject({
          status: item.status,
          assigned: item.assigned,
          dueDate: item.dueDate,
          overdue: item.overdue,
          scorePercent: item.scorePercent,
          completedAt: item.completedAt,
          expiresAt: item.expiresAt,
          attempts: item.attempts,
        });
      }
      // The SQL builder's status and overdue are the curriculum's rule: completions read against the clock.
      for (const mine of row.cells) {
        if (mine.completedAt !== null) {
          const recorded = {
            status: "completed" as const,
            expiresAt: mine.expiresAt ? new Date(mine.expiresAt) : null,
          };
          expect(mine.status).toBe(trainingStatus(recorded, clock.now()));
        }
        const today = clock.now().toISOString().slice(0, 10);
        expect(mine.overdue).toBe(isOverdue(mine, today));
      }
    }
    const byName = new Map(page.rows.map((row) => [row.displayName, row]));
    expect(cell(byName.get("Alice Archer"), RS)).toMatchObject({ status: "due-for-renewal", overdue: false });
    expect(cell(byName.get("Bob Brown"), RS)).toMatchObject({
      status: "expired",
      overdue: true,
      dueDate: "2026-05-01",
    });
    expect(cell(byName.get("Cara Cole"), RS)).toMatchObject({ status: "in-progress", overdue: true });
    expect(cell(byName.get("Dev Dutta"), RS)).toMatchObject({ status: "completed", attempts: 2, scorePercent: 100 });
    expect(cell(byName.get("Dev Dutta"), SPO)).toMatchObject({ status: "not-started", overdue: true });
  });

  it.each([
    [{ module: RS, status: "overdue" }, ["Bob Brown", "Cara Cole", "Test officerA"]],
    [{ status: "overdue" }, ["Alice Archer", "Bob Brown", "Cara Cole", "Dev Dutta", "Test officerA"]],
    [{ module: RS, status: "due-for-renewal" }, ["Alice Archer"]],
    [{ module: RS, status: "expired" }, ["Bob Brown"]],
    [{ module: RS, status: "completed" }, ["Dev Dutta"]],
    [{ module: RS, status: "in-progress" }, ["Cara Cole"]],
    [{ module: RS, status: "renewal-due", withinDays: 3 }, []],
    [{ module: RS, status: "renewal-due", withinDays: 10 }, ["Alice Archer"]],
    [{ module: RS, status: "renewal-due", withinDays: 366 }, ["Alice Archer", "Dev Dutta"]],
    [{ jobRole: "investigator" }, ["Dev Dutta", "Test officerA2"]],
    [{ jobRole: "investigator", status: "overdue" }, ["Dev Dutta"]],
    [{ q: "arch" }, ["Alice Archer"]],
    [{ q: "ALICE ARCHER" }, ["Alice Archer"]],
    [{ q: "100%" }, []],
    [{ q: "_" }, []],
  ])("filters %j", async (filter, expected) => {
    const page = await grid({ ...filter, limit: 200 });
    expect(names(page).sort()).toEqual([...expected].sort());
  });

  it("filters by unit, a command including the teams under it", async () => {
    const team = names(await grid({ unit: north.team })).sort();
    expect(team).toEqual(["Alice Archer", "Cara Cole", "Dev Dutta"]);
    expect(names(await grid({ unit: north.command })).sort()).toEqual(team);
    const unitA = names(await grid({ unit: t.unitA })).sort();
    expect(unitA).toEqual([
      "=Eve Example",
      "Bob Brown",
      "Test adminA",
      "Test officerA",
      "Test officerA2",
      "Test trainerA",
    ]);
    expect(names(await grid({ unit: north.team, module: RS, status: "overdue" }))).toEqual(["Cara Cole"]);
  });

  it("finds a learner by the start of their collar number", async () => {
    const dev = people.dev as FixtureLearner;
    expect(names(await grid({ q: dev.collarNumber.toLowerCase() }))).toEqual(["Dev Dutta"]);
  });

  it("refuses a unit of another force by matching nobody", async () => {
    const [unitB] = (await t.database.db.query.units.findMany()).filter((unit) => unit.forceId === "force-b");
    expect(names(await grid({ unit: unitB?.id }))).toEqual([]);
  });

  it.each([
    ["name", "asc"],
    ["name", "desc"],
    ["collarNumber", "asc"],
    ["status", "asc"],
    ["status", "desc"],
    ["completedAt", "asc"],
    ["expiresAt", "desc"],
    ["score", "desc"],
  ])("sorts by %s %s and pages through the same order with keyset cursors", async (sort, direction) => {
    const query = { sort, direction, module: RS };
    const whole = await grid({ ...query, limit: 200 });
    for (const limit of [1, 3, 5, 10]) {
      const { rows, pages } = await allPages(query, limit);
      expect(rows.map((row) => row.id)).toEqual(whole.rows.map((row) => row.id));
      expect(pages).toBe(Math.max(1, Math.ceil(whole.rows.length / limit)));
    }
    if (sort === "score") {
      const scores = whole.rows.map((row) => cell(row, RS)?.scorePercent ?? -1);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    if (sort === "status") {
      const ranks = whole.rows.map((row) => trainingStatusRank[cell(row, RS)?.status ?? "not-started"]);
      const sorted = [...ranks].sort((a, b) => a - b);
      expect(ranks).toEqual(direction === "asc" ? sorted : sorted.reverse());
    }
  });

  it.each([
    ["name", "asc"],
    ["name", "desc"],
    ["collarNumber", "asc"],
    ["collarNumber", "desc"],
    ["status", "desc"],
    ["score", "asc"],
  ])("pages back with before by %s %s: the forward pages exactly, in reverse", async (sort, direction) => {
    const query = { sort, direction, module: RS };
    const whole = await grid({ ...query, limit: 200 });
    expect(whole.previousCursor).toBeNull();
    for (const limit of [1, 2, 3]) {
      const { forward, backward } = await pagesBothWays(grid, query, limit);
      expect(forward.flatMap((page) => page.rows.map((row) => row.id))).toEqual(whole.rows.map((row) => row.id));
      expect(forward[0]?.previousCursor).toBeNull();
      expect(forward.slice(1).every((page) => page.previousCursor !== null)).toBe(true);
      expect(backward).toEqual(forward.slice(0, -1).reverse());
    }
  });

  it("goes back from a page reached by before, and forward again from it", async () => {
    const first = await grid({ limit: 2 });
    const second = await grid({ limit: 2, after: first.nextCursor ?? undefined });
    const third = await grid({ limit: 2, after: second.nextCursor ?? undefined });
    const back = await grid({ limit: 2, before: third.previousCursor ?? undefined });
    expect(back).toEqual(second);
    expect(await grid({ limit: 2, after: back.nextCursor ?? undefined })).toEqual(third);
    expect(await grid({ limit: 2, before: back.previousCursor ?? undefined })).toEqual(first);
  });

  it("refuses after and before together, naming before", async () => {
    const first = await grid({ limit: 2 });
    const second = await grid({ limit: 2, after: first.nextCursor ?? undefined });
    const response = await trainer.get(
      `${trainerPaths.grid}${trainerQuery({ limit: 2, after: second.nextCursor, before: second.previousCursor })}`,
    );
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors?.map((error) => error.field)).toEqual(["query.before"]);
    expect(problem.errors?.[0]?.reason).toMatch(/after/);
  });

  it("ends exactly on a full last page with no next cursor", async () => {
    const { rows, pages } = await allPages({}, 3);
    expect(rows).toHaveLength(9);
    expect(pages).toBe(3);
  });

  it.each([
    [{ sort: "score" }, "query.module"],
    [{ limit: 0 }, "query.limit"],
    [{ limit: 201 }, "query.limit"],
    [{ status: "lost" }, "query.status"],
    [{ unit: "north" }, "query.unit"],
    [{ after: "not-a-cursor" }, "query.after"],
    [{ before: "not-a-cursor" }, "query.before"],
    [{ colour: "red" }, "query"],
  ])("refuses %j naming %s", async (query, field) => {
    const response = await trainer.get(`${trainerPaths.grid}${trainerQuery(query)}`);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors?.map((error) => error.field)).toContain(field);
  });

  it("refuses a cursor from another sort", async () => {
    const first = await grid({ limit: 2 });
    const response = await trainer.get(
      `${trainerPaths.grid}${trainerQuery({ limit: 2, sort: "collarNumber", after: first.nextCursor })}`,
    );
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors?.[0]?.field).toBe("query.after");
    const before = await trainer.get(
      `${trainerPaths.grid}${trainerQuery({ limit: 2, sort: "collarNumber", before: first.nextCursor })}`,
    );
    expect(before.status).toBe(400);
    expect((await problemOf(before)).errors?.[0]?.field).toBe("query.before");
  });

  it("counts distinct people: a learner overdue on two modules is one person", async () => {
    const summary = async (query: Record<string, string | undefined>) => {
      const response = await trainer.get(`${trainerPaths.gridSummary}${trainerQuery(query)}`);
      expect(response.status).toBe(200);
      return GridSummaryResponseSchema.parse(await response.json());
    };
    const overdue = await summary({ status: "overdue" });
    expect(overdue.learners).toBe(5);
    const modules = new Map(overdue.modules.map((counts) => [counts.moduleId, counts]));
    // Six overdue learner × module pairs among five people (Cara is overdue on both).
    expect((modules.get(RS)?.overdue ?? 0) + (modules.get(SPO)?.overdue ?? 0)).toBe(6);
    const all = await summary({});
    expect(all.learners).toBe(9);
    expect(all.modules.find((counts) => counts.moduleId === RS)).toMatchObject({
      assigned: 4,
      notStarted: 5,
      inProgress: 1,
      completed: 1,
      dueForRenewal: 1,
      expired: 1,
      overdue: 3,
    });
    const team = await summary({ unit: north.team });
    expect(team.learners).toBe((await grid({ unit: north.team })).rows.length);
  });

  it("draws charts from the grid's own query", async () => {
    const response = await trainer.get(`${trainerPaths.charts}${trainerQuery({ jobRole: "response-officer" })}`);
    const charts = ChartsResponseSchema.parse(await response.json());
    const learners = charts.byUnit.reduce((sum, unit) => sum + unit.learners, 0);
    const summaryResponse = await trainer.get(`${trainerPaths.gridSummary}?jobRole=response-officer`);
    const summary = GridSummaryResponseSchema.parse(await summaryResponse.json());
    expect(learners).toBe(summary.learners);
    expect(charts.byModule).toEqual(summary.modules);
    const northRow = charts.byUnit.find((unit) => unit.unit?.id === north.team);
    expect(northRow).toEqual({
      unit: { id: north.team, name: "A North Team" },
      learners: 2,
      completedAny: 1,
      overdue: 2,
    });
    expect(charts.overTime).toHaveLength(12);
    expect(charts.overTime.at(-1)?.month).toBe("2026-06");
    // Dev (an investigator) certified in March; the response-officer filter leaves him out.
    expect(charts.overTime.find((month) => month.month === "2026-03")?.people).toBe(0);
    const everyone = ChartsResponseSchema.parse(await (await trainer.get(trainerPaths.charts)).json());
    expect(everyone.overTime.find((month) => month.month === "2026-03")?.people).toBe(1);
  });

  it("exports the filtered grid as CSV, row for row, and audits who exported what", async () => {
    const filter = { unit: t.unitA, sort: "name" };
    const response = await trainer.get(`${trainerPaths.gridCsv}${trainerQuery(filter)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    // The file name says the force, the filter (the unit's name, "A Response") and the day.
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="training-records-force-a-a-response-${NOW.slice(0, 10)}.csv"`,
    );
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Name,Collar number,Unit,Job role,Recognising stalking: status/);
    const page = await grid({ unit: t.unitA, limit: 200 });
    expect(lines).toHaveLength(page.rows.length + 1);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(
      page.rows.map((row) => (row.displayName.startsWith("=") ? `'${row.displayName}` : row.displayName)),
    );
    const bob = lines.find((line) => line.startsWith("Bob Brown"));
    // In the grid's words: the job role and status as the pages name them, not their codes.
    expect(bob).toContain(",Response officer,");
    expect(bob).toContain("Expired (Overdue),100,2025-05-01,2026-05-01,2026-05-01");
    expect(text).not.toMatch(/response-officer|not-started|in-progress|\(overdue\)/);

    const entries = (await t.database.db.select().from(auditLog)).filter(
      (entry) => entry.action === "completion-export",
    );
    const last = entries.at(-1);
    expect(last).toMatchObject({ forceId: "force-a", actorUserId: t.people.trainerA.id });
    expect(last?.details).toEqual({
      filter: { unit: t.unitA, sort: "name", direction: "asc", withinDays: 30 },
    });
  });

  it("exports across many batches in the grid's order", async () => {
    const context = await queryContext(t.database.db, t.catalog, "force-a", new Date(NOW));
    const filter = { sort: "name", direction: "desc", withinDays: 30 } as const;
    const read = async (batch: number) => {
      let text = "";
      for await (const chunk of exportCsv(t.database.db, t.catalog, context, filter, batch)) text += String(chunk);
      return text;
    };
    const whole = await read(1000);
    expect(await read(1)).toBe(whole);
    expect(await read(3)).toBe(whole);
    expect(whole.split("\r\n").filter((line) => line !== "")).toHaveLength(10);
  });

  it("refuses a bad export filter before writing anything", async () => {
    const before = (await t.database.db.select().from(auditLog)).length;
    const response = await trainer.get(`${trainerPaths.gridCsv}?sort=score`);
    expect(response.status).toBe(400);
    expect(z.array(z.unknown()).parse(await t.database.db.select().from(auditLog))).toHaveLength(before);
  });
});
