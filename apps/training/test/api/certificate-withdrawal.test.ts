import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/server/db/schema";
import { CertificateCheckSchema, CertificateResponseSchema, WITHDRAWAL_REASON_MAX } from "../../src/shared/api";
import { api as apiPath } from "../../src/shared/paths";
import { answersTo, drawAttempt } from "../support/attempts";
import { startTestApp } from "../support/app";
import type { Person, TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

const moduleId = "stalking-protection-orders";

describe.each(databaseTargets)("withdrawing a certificate on $name", (target) => {
  let t: TestApp;
  let clock = Date.parse("2026-06-01T09:00:00Z");
  /** A new pass of officer A's (a new certificate each time, so each test withdraws its own). */
  const passAgain = async (person: Person = t.people.officerA): Promise<string> => {
    // A day later each time: a learner has three attempts in 24 hours.
    clock += 24 * 60 * 60_000;
    const officer = await t.as(person);
    const module = t.catalog.module(moduleId);
    if (!module) throw new Error(`${moduleId} missing`);
    const draw = await drawAttempt(officer, moduleId);
    const result = await officer.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: draw.attemptId,
      answers: answersTo(module, draw, () => true),
    });
    return ((await result.json()) as { certificateId: string }).certificateId;
  };
  const withdraw = async (who: Person | null, certificateId: string, body: unknown) => {
    // A signed-out visitor still has a pre-session CSRF token, so the refusal is about signing in.
    const client = who === null ? t.client() : await t.as(who);
    if (who === null) await client.refreshSession();
    return client.post(apiPath.certificateWithdrawal(certificateId), body);
  };
  const withdrawalsOf = (certificateId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate-withdraw"), eq(auditLog.details, { certificateId })));

  beforeAll(async () => {
    t = await startTestApp(target, { now: () => new Date(clock) });
  }, 120_000);
  afterAll(() => t?.close());

  it.each(["trainerA", "adminA"] as const)(
    "lets %s withdraw one of their force's certificates with a reason, audited without the reason",
    async (who) => {
      const certificateId = await passAgain();
      const response = await withdraw(t.people[who], certificateId, {
        reason: "  Passed using another officer's account  ",
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const answered = CertificateResponseSchema.parse(await response.json());
      expect(answered.state).toBe("revoked");
      expect(answered.withdrawal).toEqual({
        on: new Date(clock).toISOString(),
        reason: "Passed using another officer's account",
      });
      // Everyone checking it is told it is withdrawn, and nothing of why.
      const check = await t.client().get(apiPath.certificateCheck(certificateId));
      const checked = CertificateCheckSchema.strict().parse(await check.json());
      expect(checked.state).toBe("revoked");
      expect(JSON.stringify(checked)).not.toContain("account");
      // The holder sees it withdrawn, and why.
      const own = await (await t.as(t.people.officerA)).get(apiPath.certificate(certificateId));
      expect(CertificateResponseSchema.parse(await own.json()).withdrawal?.reason).toBe(
        "Passed using another officer's account",
      );
      const entries = await withdrawalsOf(certificateId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorUserId: t.people[who].id,
        subject: t.people.officerA.id,
        forceId: "force-a",
      });
      expect(JSON.stringify(entries[0])).not.toContain("another officer");
    },
  );

  it("keeps the first withdrawal when asked again: same date and reason, one audit entry", async () => {
    const certificateId = await passAgain();
    expect((await withdraw(t.people.trainerA, certificateId, { reason: "First reason" })).status).toBe(200);
    const again = await withdraw(t.people.adminA, certificateId, { reason: "Second reason" });
    expect(again.status).toBe(200);
    expect(CertificateResponseSchema.parse(await again.json()).withdrawal?.reason).toBe("First reason");
    expect(await withdrawalsOf(certificateId)).toHaveLength(1);
  });

  it("refuses officers, signed-out callers and another force's trainer, and withdraws nothing", async () => {
    const certificateId = await passAgain();
    const body = { reason: "Should not happen" };
    await expectProblem(await withdraw(null, certificateId, body), 401);
    await expectProblem(await withdraw(t.people.officerA, certificateId, body), 403);
    await expectProblem(await withdraw(t.people.officerA2, certificateId, body), 403);
    // Another force's certificate is not disclosed to exist.
    await expectProblem(await withdraw(t.people.trainerB, certificateId, body), 404);
    await expectProblem(await withdraw(t.people.trainerA, "SRT-0000-0000-0000", body), 404);
    const check = await t.client().get(apiPath.certificateCheck(certificateId));
    expect(CertificateCheckSchema.parse(await check.json()).state).toBe("valid");
    expect(await withdrawalsOf(certificateId)).toHaveLength(0);
  });

  it("refuses a missing, blank or overlong reason, naming the field", async () => {
    const certificateId = await passAgain();
    for (const body of [{}, { reason: "   " }, { reason: "x".repeat(WITHDRAWAL_REASON_MAX + 1) }, { reason: 7 }]) {
      const problem = await expectProblem(await withdraw(t.people.trainerA, certificateId, body), 400);
      expect(
        problem.errors?.map((error) => error.field),
        JSON.stringify(body),
      ).toEqual(["reason"]);
    }
    const unknown = await expectProblem(
      await withdraw(t.people.trainerA, certificateId, { reason: "ok", extra: 1 }),
      400,
    );
    expect(JSON.stringify(unknown)).toContain("extra");
    expect(await withdrawalsOf(certificateId)).toHaveLength(0);
  });
});
