import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, SessionResponseSchema } from "../../src/shared/api";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

describe.each(databaseTargets)("sessions, CSRF and security headers on $name", (target) => {
  let t: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    t = await startTestApp(target, {
      now: () => new Date(clock),
      env: { SIGN_IN_MAX_ATTEMPTS: "3", SESSION_TTL_MINUTES: "30" },
    });
  }, 120_000);
  afterAll(() => t?.close());

  it("answers GET /api/session for a signed-out visitor with a CSRF token and no user", async () => {
    const client = t.client();
    const session = await client.refreshSession();
    expect(session.user).toBeNull();
    expect(session.expiresAt).toBeNull();
    expect(client.cookie("srt_csrf")).toBe(session.csrfToken);
  });

  it("signs in by email and by collar number, with httpOnly SameSite=Strict cookies", async () => {
    const client = t.client();
    await client.refreshSession();
    const response = await client.post("/api/session", {
      identifier: t.people.officerA.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("srt_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Expires|Max-Age/i); // the server's sliding expiry governs, not a cookie date
    const session = SessionResponseSchema.parse(await response.json());
    expect(session.user).toMatchObject({ id: t.people.officerA.id, role: "officer", force: { id: "force-a" } });

    const byCollar = await t.client().signIn(t.people.officerA.collarNumber.toLowerCase(), PASSWORD);
    expect(byCollar.user?.id).toBe(t.people.officerA.id);
  });

  it("refuses a wrong password and an unknown account with the same 401 problem", async () => {
    const client = t.client();
    await client.refreshSession();
    const wrong = await expectProblem(
      await client.post("/api/session", { identifier: t.people.officerA2.email, password: "nope" }),
      401,
    );
    const unknown = await expectProblem(
      await client.post("/api/session", { identifier: "nobody@test.invalid", password: "nope" }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail);
    expect(wrong.errors?.[0]?.field).toBe("identifier");
  });

  it("names the missing fields of a sign-in body", async () => {
    const client = t.client();
    await client.refreshSession();
    const problem = await expectProblem(await client.post("/api/session", { identifier: "" }), 400);
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(["identifier", "password"]);
  });

  it("rejects sign-in without the CSRF token bound to the visitor's cookie", async () => {
    const client = t.client();
    await client.refreshSession();
    const missing = await client.request("POST", "/api/session", {
      json: { identifier: t.people.officerA.email, password: PASSWORD },
      csrf: false,
    });
    expect((await expectProblem(missing, 403)).type).toMatch(/\/csrf$/);
    // A token from someone else's visit does not work with this visitor's cookie.
    const other = await t.client().refreshSession();
    const forged = await client.request("POST", "/api/session", {
      json: { identifier: t.people.officerA.email, password: PASSWORD },
      csrf: false,
      headers: { [CSRF_HEADER]: other.csrfToken },
    });
    await expectProblem(forged, 403);
  });

  it("rejects a state-changing request from a signed-in user without the session's CSRF token", async () => {
    const client = await t.as(t.people.officerA);
    const module = t.catalog.modules[0];
    if (!module?.lessons[0]) throw new Error("course has no lessons");
    const path = `/api/modules/${module.id}/progress`;
    const body = { lessonId: module.lessons[0].id };
    await expectProblem(await client.request("PUT", path, { json: body, csrf: false }), 403);
    await expectProblem(
      await client.request("PUT", path, { json: body, csrf: false, headers: { [CSRF_HEADER]: "x".repeat(43) } }),
      403,
    );
    expect((await client.put(path, body)).status).toBe(200);
  });

  it("throttles failed sign-ins per account and address with a 429 problem and Retry-After", async () => {
    const client = t.client();
    await client.refreshSession();
    const attempt = (identifier: string) => client.post("/api/session", { identifier, password: "wrong" });
    for (let i = 0; i < 3; i += 1) expect((await attempt(t.people.trainerB.email)).status).toBe(401);
    const limited = await attempt(t.people.trainerB.email);
    await expectProblem(limited, 429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right password is refused while limited: the limit is what stops guessing.
    await expectProblem(
      await client.post("/api/session", { identifier: t.people.trainerB.email, password: PASSWORD }),
      429,
    );
    // Another account from the same address is not locked out by it.
    expect((await attempt(t.people.adminA.email)).status).toBe(401);
    // The window ends and the right password works again.
    clock += 16 * 60_000;
    expect(
      (await client.post("/api/session", { identifier: t.people.trainerB.email, password: PASSWORD })).status,
    ).toBe(200);
  });

  it("throttles an address that fails sign-in across many accounts, counting failures only", async () => {
    const client = t.client();
    await client.refreshSession();
    // Ten times the per-account allowance (3 here), spread over made-up accounts so no one account trips.
    for (let i = 0; i < 30; i += 1) {
      const response = await client.post("/api/session", {
        identifier: `spray${i}@test.invalid`,
        password: "Winter2026",
      });
      expect(response.status).toBe(401);
    }
    await expectProblem(
      await client.post("/api/session", { identifier: "spray-last@test.invalid", password: "x" }),
      429,
    );
    clock += 16 * 60_000;
    expect((await client.post("/api/session", { identifier: t.people.adminA.email, password: PASSWORD })).status).toBe(
      200,
    );
  });

  it("ends a session after its idle lifetime and slides it forward while in use", async () => {
    const client = await t.as(t.people.officerA2);
    clock += 20 * 60_000;
    expect((await client.get("/api/me/training")).status).toBe(200); // used at 20 min: now lives to 50 min
    clock += 20 * 60_000;
    expect((await client.get("/api/me/training")).status).toBe(200);
    clock += 31 * 60_000;
    await expectProblem(await client.get("/api/me/training"), 401);
    const session = await client.refreshSession();
    expect(session.user).toBeNull();
  });

  it("signs out: the session stops working even if the cookie is replayed", async () => {
    const client = await t.as(t.people.officerA);
    const stolen = client.cookie("srt_session");
    expect((await client.delete("/api/session")).status).toBe(204);
    expect(client.cookie("srt_session")).toBeUndefined();
    const replay = await fetch(`${t.base}/api/me/training`, { headers: { cookie: `srt_session=${stolen}` } });
    await expectProblem(replay, 401);
  });

  it("issues a new session on every sign-in, so a planted session id is useless", async () => {
    const client = await t.as(t.people.officerA);
    const first = client.cookie("srt_session");
    await client.post("/api/session", { identifier: t.people.officerA.email, password: PASSWORD });
    expect(client.cookie("srt_session")).not.toBe(first);
    const old = await fetch(`${t.base}/api/me/training`, { headers: { cookie: `srt_session=${first}` } });
    await expectProblem(old, 401);
  });

  it("sends secure headers with a CSP that allows only same-origin scripts", async () => {
    const response = await fetch(`${t.base}/api/health`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("answers unknown API routes with a 404 problem and other paths with the SPA", async () => {
    const problem = await expectProblem(await fetch(`${t.base}/api/no-such-thing`), 404);
    expect(problem.detail).toMatch(/no-such-thing/);
    await expectProblem(await fetch(`${t.base}/api/no-such-thing`, { method: "POST" }), 404);
    const page = await fetch(`${t.base}/modules/stalking-protection-orders`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);
  });

  it("answers unreadable bodies with a 4xx problem naming the body or content type", async () => {
    const client = await t.as(t.people.officerA);
    const badJson = await client.request("POST", "/api/statements", {
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect((await expectProblem(badJson, 400)).errors?.[0]?.field).toBe("body");
    const wrongType = await client.request("POST", "/api/statements", {
      body: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await expectProblem(wrongType, 415)).errors?.[0]?.field).toBe("header.content-type");
    const huge = await client.request("POST", "/api/statements", {
      body: JSON.stringify({ pad: "x".repeat(1_100_000) }),
      headers: { "content-type": "application/json" },
    });
    await expectProblem(huge, 413);
  });

  it("publishes an OpenAPI document generated from the route schemas", async () => {
    const response = await fetch(`${t.base}/api/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe("3.0.3");
    for (const path of [
      "/api/session",
      "/api/me/training",
      "/api/modules/{moduleId}",
      "/api/modules/{moduleId}/attempts",
      "/api/certificates/{certificateId}",
      "/api/statements",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(document.paths["/api/modules/{moduleId}/attempts"]?.post?.responses).toHaveProperty("200");
    expect(JSON.stringify(document.paths["/api/modules/{moduleId}"])).not.toMatch(/correctOptionIds/);
  });
});
