import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificates } from "../../src/server/db/schema";
import { CERTIFICATE_CHECKS_PER_WINDOW } from "../../src/server/routes/certificates";
import { CertificateCheckSchema } from "../../src/shared/api";
import { answersTo, drawAttempt } from "../support/attempts";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

const moduleId = "stalking-protection-orders";

describe.each(databaseTargets)("checking a certificate by its id on $name", (target) => {
  let t: TestApp;
  let clock = Date.parse("2026-06-01T09:00:00Z");
  let certificateId: string;
  const check = (id: string, client = t.client()) => client.get(`/api/certificate-checks/${encodeURIComponent(id)}`);
  const checked = async (id: string, client = t.client()) => {
    const response = await check(id, client);
    expect(response.status).toBe(200);
    return CertificateCheckSchema.strict().parse(await response.json());
  };

  beforeAll(async () => {
    t = await startTestApp(target, { now: () => new Date(clock) });
    const officer = await t.as(t.people.officerA);
    const module = t.catalog.module(moduleId);
    if (!module) throw new Error(`${moduleId} missing`);
    const draw = await drawAttempt(officer, moduleId);
    const result = await officer.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: draw.attemptId,
      answers: answersTo(module, draw, () => true),
    });
    certificateId = ((await result.json()) as { certificateId: string }).certificateId;
  }, 120_000);
  afterAll(() => t?.close());

  it("tells a signed-out visitor the holder, module, dates and that it is valid, and nothing more", async () => {
    const module = t.catalog.module(moduleId);
    // strict(): the answer has no force, score, collar number or account id beyond these fields.
    const { holderName, ...rest } = await checked(certificateId);
    expect(holderName).toMatch(/\S/);
    expect(rest).toEqual({
      id: certificateId,
      viewerIsHolder: false,
      module: { title: module?.title, version: module?.version },
      passedOn: "2026-06-01",
      validUntil: "2027-06-01",
      state: "valid",
    });
    const response = await check(certificateId);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(JSON.stringify(await response.json())).not.toContain(t.people.officerA.id);
  });

  it("knows the holder when they are signed in, and reads an id typed in lower case with spaces", async () => {
    expect((await checked(certificateId, await t.as(t.people.officerA))).viewerIsHolder).toBe(true);
    expect((await checked(certificateId, await t.as(t.people.trainerB))).viewerIsHolder).toBe(false);
    expect((await checked(` ${certificateId.toLowerCase()} `)).id).toBe(certificateId);
  });

  it("answers an id that names no certificate with a 404 problem", async () => {
    for (const id of ["SRT-0000-0000-0000", "not a certificate"]) {
      const response = await check(id);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    }
  });

  it("shows expired after the valid-until date, superseded after a newer pass, and revoked when withdrawn", async () => {
    clock = Date.parse("2027-06-02T09:00:00Z");
    expect((await checked(certificateId)).state).toBe("expired");
    clock = Date.parse("2026-06-02T09:00:00Z");
    const [first] = await t.database.db.select().from(certificates).where(eq(certificates.id, certificateId));
    if (!first) throw new Error("certificate row missing");
    await t.database.db.insert(certificates).values({
      ...first,
      id: "SRT-NEWR-0000-0001",
      issuedAt: new Date("2026-06-02T08:00:00Z"),
      expiresAt: new Date("2027-06-02T08:00:00Z"),
    });
    expect((await checked(certificateId)).state).toBe("superseded");
    expect((await checked("SRT-NEWR-0000-0001")).state).toBe("valid");
    await t.database.db
      .update(certificates)
      .set({ revokedAt: new Date("2026-06-02T08:30:00Z"), revokedReason: "Issued in error" })
      .where(eq(certificates.id, certificateId));
    expect((await checked(certificateId)).state).toBe("revoked");
    // The holder's printable certificate says the same.
    const own = await (await t.as(t.people.officerA)).get(`/api/certificates/${certificateId}`);
    expect(((await own.json()) as { state: string }).state).toBe("revoked");
  });

  it("refuses an address that has used its checks up, with Retry-After, found or not", async () => {
    // Later than any earlier check's window, so this address starts a fresh one.
    clock = Date.parse("2028-01-01T09:00:00Z");
    for (let count = 0; count < CERTIFICATE_CHECKS_PER_WINDOW; count += 1) {
      expect((await check("SRT-0000-0000-0000")).status).toBe(404);
    }
    const refused = await check(certificateId);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/problem\+json/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Ten minutes later the window has ended.
    clock += 10 * 60_000 + 1;
    expect((await check(certificateId)).status).toBe(200);
  });
});
