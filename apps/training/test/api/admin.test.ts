import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnit } from "../../src/server/accounts";
import { completions } from "../../src/server/db/schema";
import { AdminUserSchema, AdminUsersResponseSchema, UnitResponseSchema } from "../../src/shared/admin-api";
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
});
