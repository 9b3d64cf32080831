import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/server/db/schema";
import { ProblemSchema, TrainingListResponseSchema } from "../../src/shared/api";
import { AssignmentSchema, AssignmentsResponseSchema, trainerPaths } from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import type { FixtureLearner } from "./trainer-fixture";
import { addLearner, history, northUnits, testClock } from "./trainer-fixture";

const RS = "recognising-stalking";
const SPO = "stalking-protection-orders";
const ONLINE = "online-stalking";
const VICTIMS = "victims-rights";

describe.each(databaseTargets)("trainer assignments on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let north: { command: string; team: string };
  let northInvestigator: FixtureLearner;
  let northResponder: FixtureLearner;
  const clock = testClock("2026-01-10T09:00:00.000Z");

  const assign = (body: Record<string, unknown>) => trainer.post(trainerPaths.assignments, body);
  const trainingOf = async (client: TestClient, moduleId: string) => {
    const list = TrainingListResponseSchema.parse(await (await client.get("/api/me/training")).json());
    const item = list.items.find((entry) => entry.moduleId === moduleId);
    if (!item) throw new Error(`no ${moduleId} in the list`);
    return item;
  };

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    north = await northUnits(t);
    const tag = target.name === "pglite" ? 1 : 2;
    northInvestigator = await addLearner(t, {
      displayName: "Nia North",
      collar: `N${tag}01`,
      unitId: north.team,
      jobRole: "investigator",
    });
    northResponder = await addLearner(t, {
      displayName: "Rhys North",
      collar: `N${tag}02`,
      unitId: north.team,
      jobRole: "response-officer",
    });
    trainer = await t.as(t.people.trainerA);
  }, 180_000);
  afterAll(() => t?.close());

  it("assigns a module to a job role and the officer sees it at once in My training", async () => {
    const officer = await t.as(t.people.officerA);
    expect(await trainingOf(officer, RS)).toMatchObject({ assigned: false, dueDate: null });
    const response = await assign({ moduleId: RS, jobRole: "response-officer", dueDate: "2026-02-01" });
    expect(response.status).toBe(201);
    const created = AssignmentSchema.parse(await response.json());
    // officerA, and Rhys North: the two response officers in force A.
    expect(created).toMatchObject({
      moduleId: RS,
      jobRole: "response-officer",
      unit: null,
      validityMonths: 12,
      people: 2,
    });
    expect(await trainingOf(officer, RS)).toMatchObject({ assigned: true, dueDate: "2026-02-01", overdue: false });
    const investigator = await t.as(t.people.officerA2);
    expect(await trainingOf(investigator, RS)).toMatchObject({ assigned: false });
  });

  it("assigns to a unit, and to a job role within a unit", async () => {
    expect((await assign({ moduleId: SPO, unitId: north.team, dueDate: "2026-03-01" })).status).toBe(201);
    const onlyInvestigators = await assign({
      moduleId: ONLINE,
      unitId: north.team,
      jobRole: "investigator",
      dueDate: "2026-03-01",
    });
    expect(AssignmentSchema.parse(await onlyInvestigators.json())).toMatchObject({
      unit: { id: north.team, name: "A North Team" },
      jobRole: "investigator",
      people: 1,
    });
    const nia = await t.as(northInvestigator);
    const rhys = await t.as(northResponder);
    const officerA = await t.as(t.people.officerA);
    expect(await trainingOf(nia, SPO)).toMatchObject({ assigned: true, dueDate: "2026-03-01" });
    expect(await trainingOf(rhys, SPO)).toMatchObject({ assigned: true });
    expect(await trainingOf(officerA, SPO)).toMatchObject({ assigned: false });
    expect(await trainingOf(nia, ONLINE)).toMatchObject({ assigned: true });
    expect(await trainingOf(rhys, ONLINE)).toMatchObject({ assigned: false });
  });

  it("uses the earliest due date when two assignments cover a learner", async () => {
    expect((await assign({ moduleId: RS, unitId: north.team, dueDate: "2026-01-20" })).status).toBe(201);
    const rhys = await t.as(northResponder);
    expect(await trainingOf(rhys, RS)).toMatchObject({ dueDate: "2026-01-20" });
    const officerA = await t.as(t.people.officerA);
    expect(await trainingOf(officerA, RS)).toMatchObject({ dueDate: "2026-02-01" });
  });

  it("lists the force's assignments with the people each covers, and audits each one", async () => {
    const response = await trainer.get(trainerPaths.assignments);
    const list = AssignmentsResponseSchema.parse(await response.json());
    expect(list.map((entry) => [entry.moduleId, entry.dueDate, entry.people])).toEqual([
      [RS, "2026-01-20", 2],
      [RS, "2026-02-01", 2],
      [ONLINE, "2026-03-01", 1],
      [SPO, "2026-03-01", 2],
    ]);
    const trainerB = await t.as(t.people.trainerB);
    expect(AssignmentsResponseSchema.parse(await (await trainerB.get(trainerPaths.assignments)).json())).toEqual([]);
    const audited = (await t.database.db.select().from(auditLog)).filter(
      (entry) => entry.action === "assignment-create",
    );
    expect(audited).toHaveLength(4);
    expect(audited.every((entry) => entry.actorUserId === t.people.trainerA.id && entry.forceId === "force-a")).toBe(
      true,
    );
  });

  it("follows the module's validity period for recertification once completed", async () => {
    await history(t.database.db, t.catalog, northResponder).attempt(RS, "2026-01-12T10:00:00.000Z", true);
    clock.set("2026-01-13T09:00:00.000Z");
    const rhys = await t.as(northResponder);
    // Completed: the next due date is the expiry, twelve months on, not the assignment's date.
    expect(await trainingOf(rhys, RS)).toMatchObject({ status: "completed", dueDate: "2027-01-12", overdue: false });
    clock.set("2026-12-20T09:00:00.000Z");
    expect(await trainingOf(await t.as(northResponder), RS)).toMatchObject({
      status: "due-for-renewal",
      overdue: false,
    });
    clock.set("2027-01-13T09:00:00.000Z");
    expect(await trainingOf(await t.as(northResponder), RS)).toMatchObject({
      status: "expired",
      dueDate: "2027-01-12",
      overdue: true,
    });
    clock.set("2026-01-13T09:00:00.000Z");
    trainer = await t.as(t.people.trainerA);
  });

  it.each([
    [{ moduleId: RS, dueDate: "2026-06-01" }, "jobRole", "choose a job role, a unit, or both"],
    [{ moduleId: "basket-weaving", jobRole: "staff", dueDate: "2026-06-01" }, "moduleId", ""],
    [{ moduleId: RS, jobRole: "chief", dueDate: "2026-06-01" }, "jobRole", ""],
    [{ moduleId: RS, jobRole: "staff", dueDate: "1 June" }, "dueDate", ""],
    [{ moduleId: RS, jobRole: "staff", dueDate: "2026-01-12" }, "dueDate", "must be today or in the future"],
    [{ moduleId: RS, unitId: "not-a-uuid", dueDate: "2026-06-01" }, "unitId", ""],
    [{ moduleId: RS, jobRole: "staff", dueDate: "2026-06-01", userId: "x" }, "body", ""],
  ])("refuses %j naming %s", async (body, field, reason) => {
    const response = await assign(body);
    expect(response.status).toBe(400);
    const problem = ProblemSchema.parse(await response.json());
    const error = problem.errors?.find((entry) => entry.field === field);
    expect(error, JSON.stringify(problem)).toBeDefined();
    if (reason) expect(error?.reason).toBe(reason);
  });

  it("refuses a unit of another force", async () => {
    const [unitB] = (await t.database.db.query.units.findMany()).filter((unit) => unit.forceId === "force-b");
    const response = await assign({ moduleId: VICTIMS, unitId: unitB?.id, dueDate: "2026-06-01" });
    expect(response.status).toBe(400);
    expect(ProblemSchema.parse(await response.json()).errors).toEqual([
      { field: "unitId", reason: "is not a unit of your force" },
    ]);
  });

  it("accepts a due date of today", async () => {
    expect((await assign({ moduleId: VICTIMS, jobRole: "staff", dueDate: "2026-01-13" })).status).toBe(201);
  });
});
