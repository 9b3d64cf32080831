import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/server/accounts";
import { XAPI_IRI_BASE, lessonActivityId } from "../../src/shared/api";
import type { TestClient } from "../support/client";
import { answersTo, drawAttempt } from "../support/attempts";
import { startTestApp } from "../support/app";
import type { Person, TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

type Who = "anonymous" | "officer" | "otherOfficer" | "trainer" | "admin" | "trainerOtherForce";

interface Case {
  /** Method and path template as in the OpenAPI document, to prove every route is covered. */
  route: string;
  /** Expected status per caller. */
  expect: Record<Who, number>;
  /** Sends the request as `who`; the subject of every request is officer A (or their certificate). */
  send(client: TestClient, who: Who, self: Person | null): Promise<Response>;
}

const everyone = (status: number): Record<Who, number> => ({
  anonymous: status,
  officer: status,
  otherOfficer: status,
  trainer: status,
  admin: status,
  trainerOtherForce: status,
});
const signedIn = (status: number): Record<Who, number> => ({ ...everyone(status), anonymous: 401 });
/** Trainer and admin views: officers are refused whoever they are. */
const adminOnly = (status: number): Record<Who, number> => ({
  anonymous: 401,
  officer: 403,
  otherOfficer: 403,
  trainer: 403,
  admin: status,
  trainerOtherForce: 403,
});
const trainerOnly = (status: number): Record<Who, number> => ({
  ...signedIn(status),
  officer: 403,
  otherOfficer: 403,
});

describe.each(databaseTargets)("role × endpoint matrix on $name", (target) => {
  let t: TestApp;
  let clients: Record<Who, TestClient>;
  let selves: Record<Who, Person | null>;
  let certificateId: string;
  let attemptId: string;
  /** Someone whose password the admin cases reset, so nobody signed in here loses their session. */
  let spareId: string;
  const moduleId = "stalking-protection-orders";

  beforeAll(async () => {
    t = await startTestApp(target);
    const { officerA, officerA2, trainerA, adminA, trainerB } = t.people;
    const anonymous = t.client();
    await anonymous.refreshSession(); // a visitor with a valid pre-session CSRF token: refusals are about auth
    clients = {
      anonymous,
      officer: await t.as(officerA),
      otherOfficer: await t.as(officerA2),
      trainer: await t.as(trainerA),
      admin: await t.as(adminA),
      trainerOtherForce: await t.as(trainerB),
    };
    selves = {
      anonymous: null,
      officer: officerA,
      otherOfficer: officerA2,
      trainer: trainerA,
      admin: adminA,
      trainerOtherForce: trainerB,
    };
    spareId = await createAccount(t.database.db, {
      forceId: "force-a",
      email: `spare.${target.name}@test.invalid`,
      displayName: "Spare Person",
      role: "officer",
      jobRole: "staff",
      password: "a spare person's password",
    });
    // Officer A passes module 3, so there is a certificate to try to read.
    const module = t.catalog.module(moduleId);
    if (!module) throw new Error("module 3 missing");
    const draw = await drawAttempt(clients.officer, moduleId);
    const result = await clients.officer.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: draw.attemptId,
      answers: answersTo(module, draw, () => true),
    });
    const passed = (await result.json()) as { certificateId: string; attemptId: string };
    certificateId = passed.certificateId;
    attemptId = passed.attemptId;
  }, 120_000);
  afterAll(() => t?.close());

  /** The caller's own drawn attempt at the module, or a made-up id for a caller who cannot draw (signed out). */
  const ownDraw = async (c: TestClient) => {
    const drawn = await c.request("POST", `/api/modules/${moduleId}/attempt-draws`);
    return drawn.ok ? ((await drawn.json()) as { attemptId: string }).attemptId : randomUUID();
  };
  const firstLesson = () => t.catalog.module(moduleId)?.lessons[0]?.id ?? "";
  const statementAbout = (userId: string) => ({
    id: randomUUID(),
    actor: { account: { homePage: XAPI_IRI_BASE, name: userId } },
    verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
    object: { id: lessonActivityId(moduleId, firstLesson()) },
  });

  const cases: Case[] = [
    { route: "GET /api/health", expect: everyone(200), send: (c) => c.get("/api/health") },
    { route: "GET /api/openapi.json", expect: everyone(200), send: (c) => c.get("/api/openapi.json") },
    { route: "GET /api/session", expect: everyone(200), send: (c) => c.get("/api/session") },
    {
      route: "POST /api/session",
      expect: everyone(401),
      send: (c) => c.post("/api/session", { identifier: "nobody@test.invalid", password: "wrong" }),
    },
    {
      route: "DELETE /api/session",
      expect: everyone(204),
      send: (c) => c.request("DELETE", "/api/session", { headers: { "x-probe": "1" } }),
    },
    { route: "GET /api/me/training", expect: signedIn(200), send: (c) => c.get("/api/me/training") },
    // Issue 15: a signed-in person's own password (the body is refused once access is granted).
    { route: "POST /api/me/password", expect: signedIn(400), send: (c) => c.post("/api/me/password", {}) },
    ...["/api/password-reset/check", "/api/password-reset"].map((path): Case => ({
      route: `POST ${path}`,
      // Open to anyone: a well-formed token that was never issued is refused as a link that does not work.
      expect: everyone(400),
      send: (c) => c.post(path, { token: "A".repeat(43), newPassword: "a long new passphrase" }),
    })),
    {
      route: "GET /api/users/{userId}/training",
      // Officer A reads their own list; another officer may not; trainers and admins of force A may;
      // force B's trainer is told it does not exist.
      expect: { anonymous: 401, officer: 200, otherOfficer: 403, trainer: 200, admin: 200, trainerOtherForce: 404 },
      send: (c) => c.get(`/api/users/${t.people.officerA.id}/training`),
    },
    { route: "GET /api/modules/{moduleId}", expect: signedIn(200), send: (c) => c.get(`/api/modules/${moduleId}`) },
    {
      route: "PUT /api/modules/{moduleId}/progress",
      expect: signedIn(200),
      send: (c) => c.put(`/api/modules/${moduleId}/progress`, { lessonId: firstLesson() }),
    },
    {
      route: "POST /api/modules/{moduleId}/attempt-draws",
      expect: signedIn(200),
      send: (c) => c.request("POST", `/api/modules/${moduleId}/attempt-draws`),
    },
    {
      route: "PUT /api/modules/{moduleId}/attempt-draws/{attemptId}/answers-so-far",
      expect: signedIn(200),
      // Each caller keeps answers on their own drawn attempt (a signed-out caller sends a made-up id).
      send: async (c) => {
        const id = await ownDraw(c);
        return c.put(`/api/modules/${moduleId}/attempt-draws/${id}/answers-so-far`, { answers: [] });
      },
    },
    {
      route: "POST /api/modules/{moduleId}/attempts",
      expect: signedIn(200),
      // Answers to the caller's own drawn attempt (a signed-out caller cannot draw, and sends a made-up id).
      send: async (c) => {
        const id = await ownDraw(c);
        return c.post(`/api/modules/${moduleId}/attempts`, { attemptId: id, answers: [] });
      },
    },
    {
      route: "GET /api/modules/{moduleId}/attempts/{attemptId}",
      // Only officer A's own attempt: anyone else, whatever their role or force, is told it does not exist.
      expect: { anonymous: 401, officer: 200, otherOfficer: 404, trainer: 404, admin: 404, trainerOtherForce: 404 },
      send: (c) => c.get(`/api/modules/${moduleId}/attempts/${attemptId}`),
    },
    {
      route: "GET /api/certificates/{certificateId}",
      expect: { anonymous: 401, officer: 200, otherOfficer: 404, trainer: 200, admin: 200, trainerOtherForce: 404 },
      send: (c) => c.get(`/api/certificates/${certificateId}`),
    },
    {
      // Trainers and admins of the holder's force; idempotent, so the second withdrawal answers as the first.
      route: "POST /api/certificates/{certificateId}/withdrawal",
      expect: { anonymous: 401, officer: 403, otherOfficer: 403, trainer: 200, admin: 200, trainerOtherForce: 404 },
      send: (c) => c.post(`/api/certificates/${certificateId}/withdrawal`, { reason: "Matrix test" }),
    },
    {
      // Anyone may check a certificate, signed in or not; what it shows is the same for all.
      route: "GET /api/certificate-checks/{certificateId}",
      expect: everyone(200),
      send: (c) => c.get(`/api/certificate-checks/${certificateId}`),
    },
    {
      route: "POST /api/statements",
      expect: signedIn(200),
      send: (c, _who, self) => c.post("/api/statements", statementAbout(self?.id ?? randomUUID())),
    },
    // Trainer views (issue 8): trainers and admins of a force; every query is scoped to the caller's force, so
    // force B's trainer gets force B's (empty) view, and officer A's record is "not found" to them.
    ...["/api/trainer/grid", "/api/trainer/grid/summary", "/api/trainer/charts", "/api/trainer/units"].map(
      (path): Case => ({ route: `GET ${path}`, expect: trainerOnly(200), send: (c) => c.get(path) }),
    ),
    {
      route: "GET /api/trainer/grid.csv",
      expect: trainerOnly(200),
      send: (c) => c.get("/api/trainer/grid.csv?status=overdue"),
    },
    // Exports for other platforms (issue 19): trainers and admins; always of their own force, so another force's
    // trainer gets their own force's (empty) file, and another force's learner is "not found".
    {
      route: "GET /api/trainer/exports/completions.csv",
      expect: trainerOnly(200),
      send: (c) => c.get("/api/trainer/exports/completions.csv?module=stalking-protection-orders"),
    },
    {
      route: "GET /api/trainer/exports/totara-certifications.csv",
      expect: trainerOnly(200),
      send: (c) => c.get("/api/trainer/exports/totara-certifications.csv?module=stalking-protection-orders"),
    },
    {
      route: "GET /api/trainer/exports/statements.jsonl",
      expect: { ...trainerOnly(200), trainerOtherForce: 404 },
      send: (c) => c.get(`/api/trainer/exports/statements.jsonl?learner=${t.people.officerA.id}`),
    },
    {
      route: "GET /api/trainer/learners/{userId}",
      expect: { ...trainerOnly(200), trainerOtherForce: 404 },
      send: (c) => c.get(`/api/trainer/learners/${t.people.officerA.id}`),
    },
    { route: "GET /api/trainer/assignments", expect: trainerOnly(200), send: (c) => c.get("/api/trainer/assignments") },
    {
      route: "POST /api/trainer/assignments",
      expect: trainerOnly(201),
      send: (c) => c.post("/api/trainer/assignments", { moduleId, jobRole: "investigator", dueDate: "2999-01-01" }),
    },
    {
      route: "GET /api/trainer/content-changes",
      expect: trainerOnly(200),
      send: (c) => c.get("/api/trainer/content-changes"),
    },
    {
      route: "PUT /api/trainer/content-changes/grace",
      expect: trainerOnly(200),
      send: (c) => c.put("/api/trainer/content-changes/grace", { graceDays: 90 }),
    },
    {
      route: "GET /api/trainer/course-packages",
      expect: trainerOnly(200),
      send: (c) => c.get("/api/trainer/course-packages"),
    },
    {
      route: "GET /api/trainer/course-packages/{standard}/{scope}",
      expect: trainerOnly(200),
      send: (c) => c.get(`/api/trainer/course-packages/scorm12/${moduleId}`),
    },
    ...["/api/trainer/evidence", "/api/trainer/publish/plan.json", "/api/trainer/publish/plan.html"].map(
      (path): Case => ({ route: `GET ${path}`, expect: trainerOnly(200), send: (c) => c.get(path) }),
    ),
    // Admin (users and units of their own force): nobody else, not even trainers.
    {
      route: "POST /api/admin/units",
      expect: adminOnly(201),
      send: (c) => c.post("/api/admin/units", { name: `Unit ${randomUUID()}`, kind: "team" }),
    },
    { route: "GET /api/admin/users", expect: adminOnly(200), send: (c) => c.get("/api/admin/users?q=test") },
    { route: "GET /api/admin/units", expect: adminOnly(200), send: (c) => c.get("/api/admin/units") },
    {
      route: "PATCH /api/admin/units/{unitId}",
      expect: adminOnly(200),
      send: (c) => c.request("PATCH", `/api/admin/units/${t.unitA}`, { json: { name: "A Response" } }),
    },
    {
      route: "GET /api/admin/users/{userId}",
      expect: adminOnly(200),
      send: (c) => c.get(`/api/admin/users/${t.people.officerA.id}`),
    },
    {
      route: "POST /api/admin/users",
      expect: adminOnly(201),
      send: (c) =>
        c.post("/api/admin/users", {
          email: `new.${randomUUID()}@test.invalid`,
          displayName: "New Starter",
          role: "officer",
          jobRole: "call-handler",
          password: "a long first password",
        }),
    },
    {
      route: "PATCH /api/admin/users/{userId}",
      expect: adminOnly(200),
      send: (c) =>
        c.request("PATCH", `/api/admin/users/${t.people.officerA2.id}`, { json: { jobRole: "investigator" } }),
    },
    // CSV imports (issues 15 and 19): admins only. The files name nobody, so previews change nothing and an
    // apply with a fingerprint no preview gave is refused as outdated.
    ...(
      [
        ["people/preview?load=change-only", "employee_number,given_name,family_name,email,job_role\n", 400],
        [
          "people/apply?load=full&fingerprint=" + "0".repeat(64),
          "employee_number,given_name,family_name,email,job_role\nE9,A,B,matrix@test.invalid,staff\n",
          409,
        ],
        [
          "completions/preview",
          "collar_number,module,completion_date,source\nNOBODY,stalking-protection-orders,2026-01-01,X\n",
          200,
        ],
        [
          "completions/apply?fingerprint=" + "0".repeat(64),
          "collar_number,module,completion_date,source\nNOBODY,stalking-protection-orders,2026-01-01,X\n",
          409,
        ],
      ] as const
    ).map(([path, file, status]): Case => ({
      route: `POST /api/admin/imports/${path.split("?")[0]}`,
      expect: adminOnly(status),
      send: (c) =>
        c.request("POST", `/api/admin/imports/${path}`, { body: file, headers: { "content-type": "text/csv" } }),
    })),
    // xAPI LRS clients (issue 19): admins of the force only; another force's client is "not found".
    { route: "GET /api/admin/lrs-clients", expect: adminOnly(200), send: (c) => c.get("/api/admin/lrs-clients") },
    {
      route: "POST /api/admin/lrs-clients",
      expect: adminOnly(201),
      send: (c) => c.post("/api/admin/lrs-clients", { name: `Platform ${randomUUID()}`, read: true, write: false }),
    },
    {
      route: "DELETE /api/admin/lrs-clients/{clientId}",
      expect: adminOnly(204),
      send: async (c, who) => {
        // A fresh client per caller, made by force A's admin, so each attempt meets a live one.
        const made = await clients.admin.post("/api/admin/lrs-clients", {
          name: `For ${who}`,
          read: true,
          write: true,
        });
        const { id } = (await made.json()) as { id: string };
        return c.request("DELETE", `/api/admin/lrs-clients/${id}`);
      },
    },
    // Forwarding to the force's own LRS (issue 19): admins of the force only. The address is this app's own /xapi
    // (nothing is sent here: forwarding runs in the job queue, which this app does not run).
    {
      route: "PUT /api/admin/lrs-forwarding",
      expect: adminOnly(200),
      send: (c) =>
        c.put("/api/admin/lrs-forwarding", {
          endpoint: `${t.base}/xapi/`,
          username: "lrs-key",
          password: "lrs secret",
          enabled: false,
        }),
    },
    { route: "GET /api/admin/lrs-forwarding", expect: adminOnly(200), send: (c) => c.get("/api/admin/lrs-forwarding") },
    {
      route: "POST /api/admin/lrs-forwarding/retry",
      expect: adminOnly(200),
      send: (c) => c.request("POST", "/api/admin/lrs-forwarding/retry"),
    },
    {
      route: "DELETE /api/admin/lrs-forwarding",
      expect: adminOnly(204),
      send: async (c) => {
        // Set up again for each caller, so the admin's delete meets something to delete.
        await clients.admin.put("/api/admin/lrs-forwarding", {
          endpoint: `${t.base}/xapi/`,
          username: "lrs-key",
          password: "lrs secret",
          enabled: false,
        });
        return c.request("DELETE", "/api/admin/lrs-forwarding");
      },
    },
    // The LRS itself takes only its clients' Basic credentials: no session, whatever its role, opens it.
    {
      route: "GET /xapi/statements",
      expect: everyone(401),
      send: (c) => c.request("GET", "/xapi/statements", { headers: { "x-experience-api-version": "2.0.0" } }),
    },
    // The document resources (issue 19, second part): the same Basic credentials only, for reads and writes.
    ...(["/xapi/activities/state", "/xapi/activities/profile", "/xapi/agents/profile"] as const).flatMap((url) =>
      (["GET", "PUT", "POST", "DELETE"] as const).map((method) => ({
        route: `${method} ${url}`,
        expect: everyone(401),
        send: (c: TestClient) =>
          c.request(method, `${url}?activityId=https%3A%2F%2Fx.example%2Fa&profileId=p`, {
            headers: { "x-experience-api-version": "2.0.0" },
            ...(method === "PUT" || method === "POST" ? { json: { a: 1 } } : {}),
          }),
      })),
    ),
    // Single sign-on (issue 15): the sign-in page's buttons and the browser's redirects are for anyone (this
    // app has no provider set up, so a start is sent back to sign-in); the settings are the admin's.
    { route: "GET /api/sso/providers", expect: everyone(200), send: (c) => c.get("/api/sso/providers") },
    {
      route: "GET /api/sso/{forceId}/start",
      expect: everyone(303),
      send: (c) => c.request("GET", "/api/sso/force-a/start", { redirect: "manual" }),
    },
    {
      route: "GET /api/sso/callback",
      expect: everyone(303),
      send: (c) => c.request("GET", "/api/sso/callback?state=unknown&code=x", { redirect: "manual" }),
    },
    { route: "GET /api/admin/sso", expect: adminOnly(200), send: (c) => c.get("/api/admin/sso") },
    {
      route: "PUT /api/admin/sso",
      expect: adminOnly(200),
      send: (c) =>
        c.put("/api/admin/sso", {
          label: "Force A",
          issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
          clientId: "client",
          clientSecret: "secret value",
          collarNumberClaim: "employee_id",
        }),
    },
    {
      route: "POST /api/admin/scim-token",
      expect: adminOnly(201),
      send: (c) => c.request("POST", "/api/admin/scim-token"),
    },
    {
      route: "POST /api/admin/users/{userId}/reset-links",
      expect: adminOnly(201),
      send: (c) => c.request("POST", `/api/admin/users/${spareId}/reset-links`),
    },
    {
      route: "PUT /api/admin/users/{userId}/temporary-password",
      expect: adminOnly(204),
      send: (c) => c.put(`/api/admin/users/${spareId}/temporary-password`, { password: "a new temporary one" }),
    },
    // Notifications: everyone signed in has their own list and preferences; the channel and queue are the admin's.
    { route: "GET /api/me/notifications", expect: signedIn(200), send: (c) => c.get("/api/me/notifications") },
    {
      route: "POST /api/me/notifications/read",
      expect: signedIn(204),
      send: (c) => c.post("/api/me/notifications/read", {}),
    },
    {
      route: "GET /api/me/notification-preferences",
      expect: signedIn(200),
      send: (c) => c.get("/api/me/notification-preferences"),
    },
    {
      route: "PUT /api/me/notification-preferences",
      expect: signedIn(200),
      send: (c) =>
        c.request("PUT", "/api/me/notification-preferences", {
          json: { optionalFrequency: "daily", mandatoryFrequency: "immediate", digestFrequency: "weekly" },
        }),
    },
    {
      route: "GET /api/admin/notification-channel",
      expect: adminOnly(200),
      send: (c) => c.get("/api/admin/notification-channel"),
    },
    {
      route: "PUT /api/admin/notification-channel",
      expect: adminOnly(200),
      send: (c) =>
        c.request("PUT", "/api/admin/notification-channel", {
          json: {
            kind: "smtp",
            senderName: "Force A",
            fromAddress: "training@force-a.invalid",
            smtpUrl: "smtp://127.0.0.1:2525",
          },
        }),
    },
    { route: "GET /api/admin/jobs", expect: adminOnly(200), send: (c) => c.get("/api/admin/jobs") },
    // No such failed job: the admin is told it is not found; everyone else is refused before the lookup.
    {
      route: "POST /api/admin/jobs/{jobId}/retry",
      expect: adminOnly(404),
      send: (c) => c.request("POST", `/api/admin/jobs/${randomUUID()}/retry`),
    },
    {
      route: "POST /api/admin/notification-channel/notify-callback-token",
      expect: adminOnly(201),
      send: (c) => c.request("POST", "/api/admin/notification-channel/notify-callback-token"),
    },
    {
      route: "DELETE /api/admin/users/{userId}/email-failure",
      expect: adminOnly(204),
      send: (c) => c.delete(`/api/admin/users/${spareId}/email-failure`),
    },
    // GOV.UK Notify's receipts take the force's callback bearer token only: no session of any role gets in.
    {
      route: "POST /callbacks/notify/{forceId}/delivery-receipts",
      expect: everyone(401),
      send: (c) =>
        c.post("/callbacks/notify/force-a/delivery-receipts", {
          id: randomUUID(),
          reference: null,
          to: "someone@force-a.invalid",
          status: "delivered",
          created_at: "2027-03-01T10:00:01.000000Z",
          completed_at: "2027-03-01T10:00:05.000000Z",
          sent_at: "2027-03-01T10:00:02.000000Z",
          notification_type: "email",
          template_id: randomUUID(),
          template_version: 1,
        }),
    },
    {
      route: "POST /api/password-reset/request",
      expect: everyone(202),
      send: (c) => c.post("/api/password-reset/request", { email: `someone.${randomUUID()}@test.invalid` }),
    },
  ];

  it.each(cases)("$route answers each role as the matrix says", async (testCase) => {
    const actual: Record<string, number> = {};
    for (const who of Object.keys(testCase.expect) as Who[]) {
      // Sign-out is the one request that ends the session; give it a throwaway session per role.
      const client =
        testCase.route === "DELETE /api/session" && who !== "anonymous"
          ? await t.as(selves[who] as Person)
          : clients[who];
      const response = await testCase.send(client, who, selves[who]);
      actual[who] = response.status;
      if (response.status >= 400) {
        expect(response.headers.get("content-type"), `${testCase.route} as ${who}`).toMatch(/problem\+json/);
      }
      await response.body?.cancel();
    }
    expect(actual).toEqual(testCase.expect);
  });

  it("lets no session into SCIM, whatever the role: only the force's bearer token", async () => {
    for (const who of Object.keys(clients) as Who[]) {
      const response = await clients[who].get("/scim/v2/Users");
      expect(response.status, who).toBe(401);
      expect(response.headers.get("content-type"), who).toMatch(/scim\+json/);
    }
  });

  it("refuses to write statements about anyone else, whatever the role", async () => {
    for (const who of ["officer", "trainer", "admin", "trainerOtherForce"] as const) {
      const response = await clients[who].post("/api/statements", statementAbout(t.people.officerA2.id));
      expect(response.status, who).toBe(403);
    }
  });

  it("covers every route in the OpenAPI document", async () => {
    const document = (await (await fetch(`${t.base}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(cases.map((testCase) => testCase.route));
    for (const route of documented) expect(covered, route).toContain(route);
  });

  it("checks a trainer's force, not just their role, when reading another force's learner", async () => {
    const response = await clients.trainerOtherForce.get(`/api/users/${t.people.officerA2.id}/training`);
    expect(response.status).toBe(404);
    const ownForce = await clients.trainerOtherForce.get(`/api/users/${t.people.officerB.id}/training`);
    expect(ownForce.status).toBe(200);
  });
});
