import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnit } from "../../src/server/accounts";
import { auditLog, completions } from "../../src/server/db/schema";
import {
  AdminUnitSchema,
  AdminUnitsResponseSchema,
  AdminUserDetailSchema,
  AdminUserSchema,
  AdminUsersResponseSchema,
  UnitResponseSchema,
} from "../../src/shared/admin-api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

describe.each(databaseTargets)("admins manage their force's users and units on $name", (target) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp(target);
    admin = await t.as(t.people.adminA);
  }, 120_000);
  afterAll(() => t?.close());

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `starter.${randomUUID()}@test.invalid`,
    collarNumber: `N${Math.floor(Math.random() * 1e9)}`,
    displayName: "New Starter",
    role: "officer",
    jobRole: "call-handler",
    password: "a long first password",
    ...overrides,
  });

  it("creates a unit under a command, and refuses a duplicate name or another force's parent", async () => {
    const command = UnitResponseSchema.parse(
      await (await admin.post("/api/admin/units", { name: "A Command", kind: "command" })).json(),
    );
    const team = await admin.post("/api/admin/units", { name: "A Team", kind: "team", parentId: command.id });
    expect(team.status).toBe(201);
    expect(UnitResponseSchema.parse(await team.json()).parentId).toBe(command.id);
    const duplicate = await admin.post("/api/admin/units", { name: "A Team", kind: "team" });
    expect((await expectProblem(duplicate, 409)).errors?.[0]?.field).toBe("name");
    const foreign = await createUnit(t.database.db, { forceId: "force-b", name: "B Command", kind: "command" });
    const crossForce = await admin.post("/api/admin/units", { name: "Sneaky", kind: "team", parentId: foreign });
    expect((await expectProblem(crossForce, 400)).errors?.[0]?.field).toBe("parentId");
  });

  it("creates a user who can then sign in; duplicates and bad fields are named", async () => {
    const body = newUser({ unitId: t.unitA });
    const created = AdminUserSchema.parse(await (await admin.post("/api/admin/users", body)).json());
    expect(created).toMatchObject({ email: body.email, role: "officer", unitId: t.unitA, disabled: false });
    const session = await t.client().signIn(body.email, body.password);
    expect(session.user?.force.id).toBe("force-a");

    const again = await admin.post("/api/admin/users", { ...body, collarNumber: null });
    expect((await expectProblem(again, 409)).errors?.[0]?.field).toBe("email");
    const short = await admin.post("/api/admin/users", newUser({ password: "short" }));
    expect((await expectProblem(short, 400)).errors?.[0]?.field).toBe("password");
    const foreignUnit = await createUnit(t.database.db, { forceId: "force-b", name: "B Team", kind: "team" });
    const crossForce = await admin.post("/api/admin/users", newUser({ unitId: foreignUnit }));
    expect((await expectProblem(crossForce, 400)).errors?.[0]?.field).toBe("unitId");
  });

  it("lists only its own force's users, a page at a time", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `?limit=2&after=${after}` : "?limit=2";
      const page = AdminUsersResponseSchema.parse(await (await admin.get(`/api/admin/users${query}`)).json());
      seen.push(...page.users.map((user) => user.id));
      after = page.next;
    } while (after);
    expect(seen).toContain(t.people.officerA.id);
    expect(seen).not.toContain(t.people.officerB.id);
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await admin.get("/api/admin/users?after=not-a-cursor");
    expect((await expectProblem(bad, 400)).errors?.[0]?.field).toBe("query.after");
  });

  it("moves a learner to another unit and job role, keeping the completion projection in step", async () => {
    const officer = await t.as(t.people.officerA2);
    const lessonId = t.catalog.module("victims-rights")?.lessons[0]?.id ?? "";
    expect((await officer.put("/api/modules/victims-rights/progress", { lessonId })).status).toBe(200);
    const unit = await createUnit(t.database.db, { forceId: "force-a", name: "A Investigations", kind: "team" });
    const response = await admin.request("PATCH", `/api/admin/users/${t.people.officerA2.id}`, {
      json: { unitId: unit, jobRole: "supervisor" },
    });
    expect(AdminUserSchema.parse(await response.json())).toMatchObject({ unitId: unit, jobRole: "supervisor" });
    const [row] = await t.database.db
      .select()
      .from(completions)
      .where(and(eq(completions.userId, t.people.officerA2.id), eq(completions.moduleId, "victims-rights")));
    expect(row).toMatchObject({ unitId: unit, jobRole: "supervisor" });
  });

  it("disables a user: their sessions end at once and they cannot sign in again", async () => {
    const created = AdminUserSchema.parse(await (await admin.post("/api/admin/users", newUser())).json());
    const body = { identifier: created.email, password: "a long first password" };
    const person = t.client();
    await person.signIn(body.identifier, body.password);
    const patch = await admin.request("PATCH", `/api/admin/users/${created.id}`, { json: { disabled: true } });
    expect(AdminUserSchema.parse(await patch.json()).disabled).toBe(true);
    await expectProblem(await person.get("/api/me/training"), 401);
    const retry = t.client();
    await retry.refreshSession();
    await expectProblem(await retry.post("/api/session", body), 401);
  });

  it("refuses to disable or demote itself, to touch another force's user, or an empty change", async () => {
    const self = await admin.request("PATCH", `/api/admin/users/${t.people.adminA.id}`, { json: { disabled: true } });
    expect((await expectProblem(self, 400)).errors?.[0]?.field).toBe("disabled");
    const demote = await admin.request("PATCH", `/api/admin/users/${t.people.adminA.id}`, {
      json: { role: "officer" },
    });
    expect((await expectProblem(demote, 400)).errors?.[0]?.field).toBe("role");
    const other = await admin.request("PATCH", `/api/admin/users/${t.people.officerB.id}`, {
      json: { jobRole: "staff" },
    });
    await expectProblem(other, 404);
    await expectProblem(await admin.request("PATCH", `/api/admin/users/${t.people.officerA.id}`, { json: {} }), 400);
  });

  describe("units page (issue 15)", () => {
    const units = async () => AdminUnitsResponseSchema.parse(await (await admin.get("/api/admin/units")).json());
    const patchUnit = (id: string, json: unknown) => admin.request("PATCH", `/api/admin/units/${id}`, { json });

    it("lists units with people counts, renames, moves a team under a command, and audits each change", async () => {
      const command = UnitResponseSchema.parse(
        await (await admin.post("/api/admin/units", { name: "North Command", kind: "command" })).json(),
      );
      const team = UnitResponseSchema.parse(
        await (await admin.post("/api/admin/units", { name: "North Team", kind: "team" })).json(),
      );
      const listed = await units();
      expect(listed.find((unit) => unit.id === t.unitA)).toMatchObject({ name: "A Response", closed: false });
      expect(listed.find((unit) => unit.id === t.unitA)?.people).toBeGreaterThan(0);
      expect(listed.every((unit) => unit.name !== "B Response")).toBe(true);

      const renamed = await patchUnit(team.id, { name: "North Patrol", parentId: command.id });
      expect(AdminUnitSchema.parse(await renamed.json())).toMatchObject({ name: "North Patrol", parentId: command.id });
      const underTeam = await patchUnit(command.id, { parentId: team.id });
      expect((await expectProblem(underTeam, 400)).errors?.[0]).toEqual({
        field: "parentId",
        reason: "must be empty for a command",
      });
      const teamUnderTeam = await patchUnit(t.unitA, { parentId: team.id });
      expect((await expectProblem(teamUnderTeam, 400)).errors?.[0]?.reason).toBe("is not a command");
      const taken = await patchUnit(team.id, { name: "A Response" });
      expect((await expectProblem(taken, 409)).errors?.[0]?.field).toBe("name");
      const foreign = await createUnit(t.database.db, { forceId: "force-b", name: "B Somewhere", kind: "team" });
      await expectProblem(await patchUnit(foreign, { name: "Mine now" }), 404);

      const audited = await t.database.db.select().from(auditLog).where(eq(auditLog.subject, team.id));
      expect(audited.map((entry) => entry.action)).toEqual(["unit.create", "unit.update"]);
    });

    it("closes a unit only once its people and teams have moved, and takes nobody new into it", async () => {
      const command = UnitResponseSchema.parse(
        await (await admin.post("/api/admin/units", { name: "South Command", kind: "command" })).json(),
      );
      const team = UnitResponseSchema.parse(
        await (await admin.post("/api/admin/units", { name: "South Team", kind: "team", parentId: command.id })).json(),
      );
      const person = AdminUserSchema.parse(
        await (await admin.post("/api/admin/users", newUser({ unitId: team.id }))).json(),
      );
      const busy = await expectProblem(await patchUnit(command.id, { closed: true }), 400);
      expect(busy.errors?.[0]).toEqual({ field: "closed", reason: "the unit still has 1 open team" });
      const peopled = await expectProblem(await patchUnit(team.id, { closed: true }), 400);
      expect(peopled.errors?.[0]).toEqual({ field: "closed", reason: "the unit still has 1 person" });
      await admin.request("PATCH", `/api/admin/users/${person.id}`, { json: { unitId: t.unitA } });
      expect(AdminUnitSchema.parse(await (await patchUnit(team.id, { closed: true })).json()).closed).toBe(true);
      const intoClosed = await admin.post("/api/admin/users", newUser({ unitId: team.id }));
      expect((await expectProblem(intoClosed, 400)).errors?.[0]).toEqual({
        field: "unitId",
        reason: "is a closed unit",
      });
      expect(AdminUnitSchema.parse(await (await patchUnit(team.id, { closed: false })).json()).closed).toBe(false);
    });
  });

  describe("users pages (issue 15)", () => {
    it("finds people by part of their name, email address or collar number, in this force only", async () => {
      const created = AdminUserSchema.parse(
        await (
          await admin.post(
            "/api/admin/users",
            newUser({
              displayName: "Findable O'Brien",
              collarNumber: "FIND42",
              email: `obrien.${randomUUID()}@test.invalid`,
            }),
          )
        ).json(),
      );
      const find = async (q: string) =>
        AdminUsersResponseSchema.parse(
          await (await admin.get(`/api/admin/users?q=${encodeURIComponent(q)}`)).json(),
        ).users.map((user) => user.id);
      expect(await find("findable o'b")).toEqual([created.id]);
      expect(await find("find42")).toEqual([created.id]);
      expect(await find("OBRIEN.")).toEqual([created.id]);
      // LIKE's wildcards are taken literally.
      expect(await find("%")).toEqual([]);
      expect(await find("_")).toEqual([]);
      expect(await find(t.people.officerB.email)).toEqual([]);
    });

    it("shows one person with their latest sign-ins, newest first", async () => {
      const person = t.people.officerA;
      const visitor = t.client();
      await visitor.refreshSession();
      await visitor.post("/api/session", { identifier: person.email, password: "not the password" });
      await t.as(person);
      const detail = AdminUserDetailSchema.parse(await (await admin.get(`/api/admin/users/${person.id}`)).json());
      expect(detail).toMatchObject({ id: person.id, email: person.email, disabled: false });
      expect(detail.signIns.slice(0, 2).map((entry) => entry.outcome)).toEqual(["signed-in", "failed"]);
      await expectProblem(await admin.get(`/api/admin/users/${t.people.officerB.id}`), 404);
    });
  });
});
