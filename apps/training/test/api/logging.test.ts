import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeError } from "../../src/server/logger";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { captureLog } from "../support/log-capture";

const pglite = databaseTargets[0];
if (!pglite) throw new Error("no PGlite target");

describe("logs carry no passwords, emails, names or cookies", () => {
  let t: TestApp;
  const captured = captureLog();
  beforeAll(async () => {
    t = await startTestApp(pglite, { env: { LOG_LEVEL: "trace" }, logStream: captured.stream });
  }, 120_000);
  afterAll(() => t?.close());

  it("logs requests through sign-in, failed sign-in, use and sign-out without personal data", async () => {
    const officer = t.people.officerA;
    const client = await t.as(officer);
    const session = client.cookie("srt_session") ?? "";
    await client.get("/api/me/training");
    await client.post("/api/modules/stalking-protection-orders/attempts", { attemptId: randomUUID(), answers: [] });
    const visitor = t.client();
    await visitor.refreshSession();
    await visitor.post("/api/session", { identifier: t.people.officerA2.email, password: "a wrong password guess" });
    await visitor.post("/api/session", { identifier: t.people.officerA2.collarNumber, password: PASSWORD });
    const trainer = await t.as(t.people.trainerA);
    await trainer.get(`/api/trainer/grid?q=${encodeURIComponent(t.people.officerA2.collarNumber)}`);
    await client.delete("/api/session");

    const log = captured.text();
    expect(log).toMatch(/request completed/); // the capture works, so the absences below mean something
    expect(log).toMatch(/"url":"\/api\/session"/);
    // The trainer's search is logged as its path: the collar number searched for stays out.
    expect(log).toMatch(/"url":"\/api\/trainer\/grid"/);
    for (const secret of [
      PASSWORD,
      "a wrong password guess",
      officer.email,
      t.people.officerA2.email,
      t.people.officerA2.collarNumber,
      "Test officerA",
      session,
      client.csrfToken ?? "",
    ]) {
      expect(secret.length).toBeGreaterThan(4);
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/argon2id/);
  });

  it("cuts query parameters out of logged database errors", () => {
    const error = new Error('Failed query: insert into "users" ... params: someone@test.invalid,$argon2id$v=19$secret');
    const serialized = serializeError(error);
    expect(JSON.stringify(serialized)).not.toMatch(/someone@test\.invalid|argon2id/);
    expect(serialized.message).toMatch(/Failed query/);
  });
});
