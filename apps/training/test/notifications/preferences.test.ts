/**
 * What a person and a force choose: quiet hours (force-local, through daylight saving), a daily batch for
 * mandatory reminders (which cannot be switched off), optional messages switched off, a trainer's digest off.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotificationService } from "../../src/server/notifications/service";
import { sendAfter } from "../../src/server/notifications/rules";
import { rowsOf } from "../../src/server/trainer/query";
import { answersTo, drawAttempt } from "../support/attempts";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

const london = { quietStartHour: 21, quietEndHour: 8, timeZone: "Europe/London" };

describe("sending hours", () => {
  it("holds a message decided in quiet hours until they end, force-local, in winter and in summer", () => {
    const winterNight = new Date("2027-01-11T22:30:00Z"); // 22:30 GMT
    expect(sendAfter(winterNight, london, "immediate").toISOString()).toBe("2027-01-12T08:00:00.000Z");
    const summerNight = new Date("2027-07-12T21:30:00Z"); // 22:30 BST
    expect(sendAfter(summerNight, london, "immediate").toISOString()).toBe("2027-07-13T07:00:00.000Z");
    const afternoon = new Date("2027-01-11T14:10:00Z");
    expect(sendAfter(afternoon, london, "immediate")).toEqual(afternoon);
    // A daily batch goes when the next quiet hours end, even if decided in the afternoon.
    expect(sendAfter(afternoon, london, "daily").toISOString()).toBe("2027-01-12T08:00:00.000Z");
  });
});

describe.each(databaseTargets)("preferences on $name", (target) => {
  let t: TestApp;
  const clock = Date.parse("2027-01-11T22:30:00Z"); // a Monday night, in quiet hours
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => new Date(clock) });
  }, 120_000);
  afterAll(() => t?.close());

  it("batches mandatory reminders, drops switched-off optional ones and digests, and refuses 'off' for mandatory", async () => {
    const officer = await t.as(t.people.officerA);
    const refused = await officer.request("PUT", "/api/me/notification-preferences", {
      json: { optionalFrequency: "off", mandatoryFrequency: "off", digestFrequency: "weekly" },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("mandatoryFrequency");
    const saved = await officer.request("PUT", "/api/me/notification-preferences", {
      json: { optionalFrequency: "off", mandatoryFrequency: "daily", digestFrequency: "weekly" },
    });
    expect(saved.status).toBe(200);
    expect(await (await officer.get("/api/me/notification-preferences")).json()).toEqual({
      optionalFrequency: "off",
      mandatoryFrequency: "daily",
      digestFrequency: "weekly",
    });
    const trainer = await t.as(t.people.trainerA);
    await trainer.request("PUT", "/api/me/notification-preferences", {
      json: { optionalFrequency: "immediate", mandatoryFrequency: "immediate", digestFrequency: "off" },
    });
    const made = await trainer.post("/api/trainer/assignments", {
      moduleId: "stalking-protection-orders",
      jobRole: "response-officer",
      unitId: null,
      dueDate: "2027-03-01",
    });
    expect(made.status).toBe(201);
    const notifier = createNotificationService({
      db: t.database.db,
      catalog: t.catalog,
      baseUrl: t.base,
      notifyBaseUrl: "http://127.0.0.1:9",
      log: { info: () => undefined, warn: () => undefined },
      now: () => new Date(clock),
    });
    await notifier.scan(new Date(clock));
    // Then the officer passes: the certificate notice is optional, and switched off.
    const module = t.catalog.module("stalking-protection-orders");
    if (!module) throw new Error("module missing");
    const draw = await drawAttempt(officer, module.id);
    const passed = await officer.post(`/api/modules/${module.id}/attempts`, {
      attemptId: draw.attemptId,
      answers: answersTo(module, draw, () => true),
    });
    expect(passed.status).toBe(200);
    await notifier.scan(new Date(clock));
    const stored = await rowsOf<{ user_id: string; kind: string; state: string; send_after: Date }>(
      t.database.db,
      sql`SELECT user_id, kind, state, send_after FROM notifications WHERE force_id = 'force-a' ORDER BY kind`,
    );
    expect(stored.map((row) => [row.user_id, row.kind, row.state, new Date(row.send_after).toISOString()])).toEqual([
      // The officer's mandatory notice waits for the daily batch when quiet hours end; no digest for the trainer.
      [t.people.officerA.id, "assigned", "pending", "2027-01-12T08:00:00.000Z"],
      [t.people.officerA.id, "certificate-issued", "suppressed", "2027-01-12T08:00:00.000Z"],
    ]);
    // Suppressed is never emailed, but the in-app list shows it.
    const mine = (await (await officer.get("/api/me/notifications")).json()) as { items: { kind: string }[] };
    expect(mine.items.map((item) => item.kind).sort()).toEqual(["assigned", "certificate-issued"]);
  });
});
