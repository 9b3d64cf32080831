import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivedUuid } from "../../src/server/learning/xapi";
import { XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId, moduleActivityId } from "../../src/shared/api";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { answersTo, drawAttempt } from "../support/attempts";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

// Issue 14: each numbered finding of the outside probe, reproduced.
describe.each(databaseTargets)("security and integrity hardening on $name", (target) => {
  let t: TestApp;
  let clock = Date.parse("2026-06-01T09:00:00Z");
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => new Date(clock) });
  }, 120_000);
  afterAll(() => t?.close());

  const statement = (actor: string, overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    actor: { account: { homePage: XAPI_IRI_BASE, name: actor } },
    verb: { id: XAPI_VERBS.experienced },
    object: { id: lessonActivityId("online-stalking", t.catalog.module("online-stalking")?.lessons[0]?.id ?? "") },
    ...overrides,
  });

  describe("finding 2 and 3: poison text and dates get a 400 naming the field, never a 500", () => {
    it("refuses a NUL byte or a lone surrogate in a statement, and its batch neighbours are stored", async () => {
      const client = await t.as(t.people.officerA);
      const me = t.people.officerA.id;
      const nul = await client.post("/api/statements", statement(me, { context: { platform: "a\u0000b" } }));
      expect((await expectProblem(nul, 400)).errors?.[0]?.field).toBe("context.platform");
      const lone = await client.post("/api/statements", [
        statement(me),
        statement(me, { context: { platform: "\ud800" } }),
      ]);
      expect((await expectProblem(lone, 400)).errors?.[0]?.field).toBe("1.context.platform");
      // Concurrent honest writers beside a poisoning one: every honest statement is stored.
      const honest = Array.from({ length: 20 }, () => statement(me));
      const responses = await Promise.all([
        ...honest.map((body) => client.post("/api/statements", body)),
        ...Array.from({ length: 5 }, () =>
          client.post("/api/statements", statement(me, { context: { platform: "\u0000" } })),
        ),
      ]);
      expect(responses.slice(0, 20).map((response) => response.status)).toEqual(honest.map(() => 200));
      expect(responses.slice(20).map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
    });

    it("refuses NUL and lone surrogates in sign-in identifiers, names, searches and cursors", async () => {
      const anonymous = t.client();
      await anonymous.refreshSession();
      for (const identifier of ["x\u0000y", "\udc00abc", "\u202eadmin@test.invalid"]) {
        const problem = await expectProblem(await anonymous.post("/api/session", { identifier, password: "x" }), 400);
        expect(problem.errors?.[0]?.field).toBe("identifier");
      }
      const admin = await t.as(t.people.adminA);
      const unit = await admin.post("/api/admin/units", { name: "Team\u0000A", kind: "team" });
      expect((await expectProblem(unit, 400)).errors?.[0]?.field).toBe("name");
      for (const displayName of ["Ann\u202eeK", "Bo\u200bb", "\ud83dx"]) {
        const user = await admin.post("/api/admin/users", {
          email: `n.${randomUUID()}@test.invalid`,
          displayName,
          role: "officer",
          jobRole: "staff",
          password: "a long first password",
        });
        expect((await expectProblem(user, 400)).errors?.[0]?.field).toBe("displayName");
      }
      const trainer = await t.as(t.people.trainerA);
      const search = await trainer.get(`/api/trainer/grid?q=${encodeURIComponent("a\u0000")}`);
      expect((await expectProblem(search, 400)).errors?.[0]?.field).toBe("query.q");
      const badCursor = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");
      for (const [sort, key] of [
        ["name", "a\u0000"],
        ["score", 2 ** 31],
        ["score", 1e300],
      ] as const) {
        const module = sort === "score" ? "&module=online-stalking" : "";
        const page = await trainer.get(
          `/api/trainer/grid?sort=${sort}${module}&after=${badCursor([sort, key, randomUUID()])}`,
        );
        expect((await expectProblem(page, 400)).errors?.[0]?.field).toBe("query.after");
      }
      const adminCursor = await admin.get(`/api/admin/users?after=${badCursor(["a\u0000", randomUUID()])}`);
      expect((await expectProblem(adminCursor, 400)).errors?.[0]?.field).toBe("query.after");
      const older = await trainer.get(`/api/trainer/learners/${t.people.officerA.id}?before=${2 ** 63}`);
      expect((await expectProblem(older, 400)).errors?.[0]?.field).toBe("query.before");
    });

    it("normalises text to NFC, so a name typed either way is one name", async () => {
      const admin = await t.as(t.people.adminA);
      const composed = await admin.post("/api/admin/units", { name: "Caf\u00e9 team", kind: "team" });
      expect(composed.status).toBe(201);
      const decomposed = await admin.post("/api/admin/units", { name: "Cafe\u0301 team", kind: "team" });
      expect((await expectProblem(decomposed, 409)).errors?.[0]?.field).toBe("name");
    });

    it("refuses impossible, far-future and odd-offset timestamps", async () => {
      const client = await t.as(t.people.officerA);
      const me = t.people.officerA.id;
      for (const timestamp of [
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59-14:00",
        "2026-06-01T09:00:00+15:00",
        "2026-06-01T09:00:00+05:17",
        "2027-06-01T09:00:00Z",
      ]) {
        const response = await client.post("/api/statements", statement(me, { timestamp }));
        expect((await expectProblem(response, 400)).errors?.[0]?.field, timestamp).toBe("timestamp");
      }
      const trainer = await t.as(t.people.trainerA);
      const assignment = await trainer.post("/api/trainer/assignments", {
        moduleId: "online-stalking",
        jobRole: "staff",
        dueDate: "0000-01-01",
      });
      expect((await expectProblem(assignment, 400)).errors?.[0]?.field).toBe("dueDate");
      expect(
        await client.post("/api/statements", statement(me, { timestamp: "2026-06-01T08:59:00+05:45" })),
      ).toHaveProperty("status", 200);
    });

    it("reads an attempt after the learner planted a statement under its future verdict id without a 500", async () => {
      const client = await t.as(t.people.officerA2);
      const me = t.people.officerA2.id;
      const module = t.catalog.module("online-stalking");
      if (!module) throw new Error("module missing");
      for (const lesson of module.lessons) {
        await client.put(`/api/modules/${module.id}/progress`, { lessonId: lesson.id });
      }
      const draw = await drawAttempt(client, module.id);
      const verdictId = derivedUuid("attempt", draw.attemptId, me, "verdict");
      const planted = await client.post(
        "/api/statements",
        statement(me, {
          id: verdictId,
          object: { id: moduleActivityId(module.id) },
          verb: { id: XAPI_VERBS.launched },
        }),
      );
      expect(planted.status).toBe(200);
      await expectProblem(await client.get(`/api/modules/${module.id}/attempts/${draw.attemptId}`), 404);
      const submitted = await client.post(`/api/modules/${module.id}/attempts`, {
        attemptId: draw.attemptId,
        answers: answersTo(module, draw, () => true),
      });
      expect(submitted.status).toBeLessThan(500);
      expect((await client.get(`/api/modules/${module.id}/attempts/${draw.attemptId}`)).status).toBeLessThan(500);
    });
  });

  describe("finding 4: a pass needs knowledge", () => {
    it("limits attempts per day, and re-reading the lessons named allows one more", async () => {
      const client = await t.as(t.people.officerB);
      const module = t.catalog.module("victims-rights");
      if (!module) throw new Error("module missing");
      for (const lesson of module.lessons)
        await client.put(`/api/modules/${module.id}/progress`, { lessonId: lesson.id });
      let lastResult: { lessonsToRevisit: { id: string }[] } | undefined;
      const asked = new Set<string>();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const draw = await drawAttempt(client, module.id);
        for (const question of draw.questions) asked.add(question.id);
        const response = await client.post(`/api/modules/${module.id}/attempts`, {
          attemptId: draw.attemptId,
          answers: answersTo(module, draw, () => false),
        });
        lastResult = (await response.json()) as { lessonsToRevisit: { id: string }[] };
        clock += 60_000;
      }
      // Three draws covered more of the bank than one attempt asks: each retake was a different test.
      expect(asked.size).toBeGreaterThan(module.knowledgeCheck.questionsPerAttempt ?? 0);
      const refused = await client.request("POST", `/api/modules/${module.id}/attempt-draws`);
      const problem = await expectProblem(refused, 429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(problem.errors?.map((error) => error.field)).toEqual(
        lastResult?.lessonsToRevisit.map((lesson) => `lessons.${lesson.id}`),
      );
      for (const lesson of lastResult?.lessonsToRevisit ?? []) {
        await client.put(`/api/modules/${module.id}/progress`, { lessonId: lesson.id });
      }
      const fourth = await drawAttempt(client, module.id);
      const response = await client.post(`/api/modules/${module.id}/attempts`, {
        attemptId: fourth.attemptId,
        answers: answersTo(module, fourth, () => false),
      });
      expect(response.status).toBe(200);
      await expectProblem(await client.request("POST", `/api/modules/${module.id}/attempt-draws`), 429);
      // A day after the first of them, attempts are allowed again without re-reading.
      clock += 24 * 60 * 60_000;
      const later = await t.as(t.people.officerB);
      expect((await drawAttempt(later, module.id)).questions.length).toBe(module.knowledgeCheck.questionsPerAttempt);
    });
  });

  describe("finding 6: CSRF, headers, cookies and admins", () => {
    it("decides CSRF on the routed path: POST /%61pi/session without a token is refused", async () => {
      const anonymous = t.client();
      await anonymous.refreshSession();
      const response = await anonymous.request("POST", "/%61pi/session", {
        json: { identifier: t.people.officerA.email, password: PASSWORD },
        csrf: false,
      });
      expect((await expectProblem(response, 403)).errors?.[0]?.field).toBe("header.x-csrf-token");
    });

    it("refuses a state-changing request from a foreign Origin or another site, even with a valid token", async () => {
      const client = await t.as(t.people.officerA);
      const body = { lessonId: t.catalog.module("online-stalking")?.lessons[0]?.id ?? "" };
      const foreign = await client.request("PUT", "/api/modules/online-stalking/progress", {
        json: body,
        headers: { origin: "https://evil.example" },
      });
      expect((await expectProblem(foreign, 403)).errors?.[0]?.field).toBe("header.origin");
      const crossSite = await client.request("PUT", "/api/modules/online-stalking/progress", {
        json: body,
        headers: { "sec-fetch-site": "cross-site" },
      });
      expect((await expectProblem(crossSite, 403)).errors?.[0]?.field).toBe("header.sec-fetch-site");
      const own = await client.request("PUT", "/api/modules/online-stalking/progress", {
        json: body,
        headers: { origin: t.base, "sec-fetch-site": "same-origin" },
      });
      expect(own.status).toBe(200);
    });

    it("marks every API answer no-store, frames nowhere, and clears cookies with the flags they were set with", async () => {
      const client = await t.as(t.people.officerA);
      for (const path of ["/api/me/training", "/api/session", "/api/modules/online-stalking", "/api/no-such-thing"]) {
        expect((await client.get(path)).headers.get("cache-control"), path).toBe("no-store");
      }
      const headers = (await client.get("/api/me/training")).headers;
      expect(headers.get("x-frame-options")).toBe("DENY");
      expect(headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      const signOut = await client.delete("/api/session");
      const cleared = signOut.headers.getSetCookie().find((line) => line.startsWith("srt_session="));
      expect(cleared).toMatch(/HttpOnly/i);
      expect(cleared).toMatch(/SameSite=Strict/i);
    });

    it("answers a create that collides with another force's email, collar number or statement id exactly as one that collides in its own", async () => {
      // Emails and collar numbers are sign-in identifiers, so they are unique across the whole service, and a
      // statement id is unique across the log. A collision cannot be hidden, but the answer must not say where it
      // is: byte for byte the same problem whether the holder is in the admin's force or another.
      const admin = await t.as(t.people.adminA);
      const body = (problem: Response) => problem.text();
      const userWith = (fields: Record<string, unknown>) => ({
        email: `starter.${randomUUID()}@test.invalid`,
        displayName: "New Starter",
        role: "officer",
        jobRole: "staff",
        password: "a long first password",
        ...fields,
      });
      for (const field of ["email", "collarNumber"] as const) {
        const own = await admin.post("/api/admin/users", userWith({ [field]: t.people.officerA2[field] }));
        const foreign = await admin.post("/api/admin/users", userWith({ [field]: t.people.officerB[field] }));
        expect(own.status).toBe(409);
        expect(foreign.status).toBe(409);
        expect(await body(foreign)).toBe(await body(own));
      }

      const mine = await t.as(t.people.officerA);
      const theirs = await t.as(t.people.officerB);
      const ownStatement = statement(t.people.officerA2.id);
      const foreignStatement = statement(t.people.officerB.id);
      expect((await (await t.as(t.people.officerA2)).post("/api/statements", ownStatement)).status).toBeLessThan(300);
      expect((await theirs.post("/api/statements", foreignStatement)).status).toBeLessThan(300);
      const reuse = (id: string) => mine.post("/api/statements", statement(t.people.officerA.id, { id }));
      const ownClash = await reuse(ownStatement.id);
      const foreignClash = await reuse(foreignStatement.id);
      expect(foreignClash.status).toBe(ownClash.status);
      expect((await body(foreignClash)).replaceAll(foreignStatement.id, "ID")).toBe(
        (await body(ownClash)).replaceAll(ownStatement.id, "ID"),
      );
    });

    it("never leaves a force without an admin, even when two admins demote each other at once", async () => {
      const admin = await t.as(t.people.adminA);
      const second = await admin.post("/api/admin/users", {
        email: `admin2.${randomUUID()}@test.invalid`,
        displayName: "Second Admin",
        role: "admin",
        jobRole: "staff",
        password: "a long first password",
      });
      const secondAdmin = (await second.json()) as { id: string; email: string };
      const other = t.client();
      await other.signIn(secondAdmin.email, "a long first password");
      // The password an admin gave is temporary: nothing else works until it is changed.
      const changed = await other.post("/api/me/password", {
        currentPassword: "a long first password",
        newPassword: "the second admin's own passphrase",
      });
      expect(changed.status).toBe(204);
      const [one, two] = await Promise.all([
        admin.request("PATCH", `/api/admin/users/${secondAdmin.id}`, { json: { role: "officer" } }),
        other.request("PATCH", `/api/admin/users/${t.people.adminA.id}`, { json: { role: "officer" } }),
      ]);
      const statuses = [one.status, two.status].sort();
      expect(statuses).toEqual([200, 409]);
      const refused = one.status === 409 ? one : two;
      expect((await expectProblem(refused, 409)).errors?.[0]?.field).toBe("role");
    });
  });
});
