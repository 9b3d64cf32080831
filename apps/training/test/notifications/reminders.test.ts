/**
 * Reminders end to end with real parts: the real app on a real database, a real SMTP server on loopback,
 * messages parsed with mailparser. A clock is walked through 400 days of one learner's life a day at a time,
 * running the hourly job's work (scan, then deliver) directly each day.
 */
import { buildApp } from "../../src/server/app";
import { openDatabase } from "../../src/server/db/client";
import { parseEnv } from "../../src/server/env";
import type { NotificationService } from "../../src/server/notifications/service";
import { createNotificationService } from "../../src/server/notifications/service";
import { parseRoute } from "../../src/client/routing/routes";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../src/server/trainer/query";
import { answersTo, drawAttempt } from "../support/attempts";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import type { Inbox, ReceivedMail } from "../support/mail";
import { startInbox } from "../support/mail";

const DAY = 86_400_000;
const START = Date.parse("2027-01-04T10:00:00Z"); // a Monday, 10:00 UTC: outside quiet hours
const moduleId = "stalking-protection-orders";
const dayOf = (instant: number) => Math.round((instant - START) / DAY);

const silentLog = { info: () => undefined, warn: () => undefined };

describe.each(databaseTargets)("reminders over a learner's 400 days on $name", (target) => {
  let t: TestApp;
  let inbox: Inbox;
  let clock = START;
  let trainer: TestClient;
  let officer: TestClient;
  let notifier: NotificationService;
  const logged: Record<string, unknown>[] = [];
  const log = {
    info: (fields: Record<string, unknown>, message: string) => logged.push({ ...fields, message }),
    warn: (fields: Record<string, unknown>, message: string) => logged.push({ ...fields, message }),
  };
  const service = (database: TestApp["database"]) =>
    createNotificationService({
      db: database.db,
      catalog: t.catalog,
      baseUrl: t.base,
      notifyBaseUrl: "http://127.0.0.1:9",
      log,
      now: () => new Date(clock),
    });

  beforeAll(async () => {
    inbox = await startInbox();
    t = await startTestApp(target, { now: () => new Date(clock) });
    const admin = await t.as(t.people.adminA);
    const saved = await admin.request("PUT", "/api/admin/notification-channel", {
      json: { kind: "smtp", senderName: "Force A Police", fromAddress: "training@force-a.invalid", smtpUrl: inbox.url },
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ configured: true, kind: "smtp", smtpUrlSet: true });
    trainer = await t.as(t.people.trainerA);
    officer = await t.as(t.people.officerA);
    notifier = service(t.database);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  it("sends the exact sequence of messages, each once, through a restart, with working links", async () => {
    const { officerA, trainerA } = t.people;
    // Day 0: a trainer assigns the module to officer A's team and role, due in 20 days.
    const due = new Date(START + 20 * DAY).toISOString().slice(0, 10);
    const assigned = await trainer.post("/api/trainer/assignments", {
      moduleId,
      jobRole: "response-officer",
      unitId: t.unitA,
      dueDate: due,
    });
    expect(assigned.status).toBe(201);

    const seen: { day: number; subject: string }[] = [];
    // Daily through the assignment and the renewal year's end, weekly (on the digest's Mondays) between them:
    // every window there is weeks long and its dedupe key names its period, so a stray message would still show.
    const days = [...Array(401).keys()].filter((day) => day <= 42 || day >= 330 || day % 7 === 0);
    for (const day of days) {
      clock = START + day * DAY;
      if (day === 30) {
        // Day 30: the officer passes (late), through the real knowledge check. (Signed in again: a month passed.)
        officer = await t.as(t.people.officerA);
        const module = t.catalog.module(moduleId);
        if (!module) throw new Error("module missing");
        const draw = await drawAttempt(officer, moduleId);
        const result = await officer.post(`/api/modules/${moduleId}/attempts`, {
          attemptId: draw.attemptId,
          answers: answersTo(module, draw, () => true),
        });
        expect(result.status).toBe(200);
      }
      if (day === 200) {
        // A restart mid-schedule: the scan decides, the process stops before delivering; a new instance
        // (a fresh app and service on the same database) carries on.
        await notifier.scan(new Date(clock));
        const restarted = await buildApp({
          env: parseEnv({ LOG_LEVEL: "silent", SEED_DEMO: "never" }),
          database: t.database,
          catalog: t.catalog,
          now: () => new Date(clock),
        });
        await restarted.close();
        notifier = service(t.database);
      }
      await notifier.tick(new Date(clock));
      // On the days something is sent the hourly job runs again an hour later: it must add nothing.
      if (inbox.to(officerA.email).length > seen.length) await notifier.tick(new Date(clock + 3_600_000));
      for (const message of inbox.to(officerA.email).slice(seen.length)) seen.push({ day, subject: message.subject });
    }

    const title = "Stalking Protection Orders";
    const date = (days: number) =>
      new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(START + days * DAY),
      );
    // Passed on day 30 at 10:00; valid 12 months: expires on day 395 (2028-02-03, 2028 being a leap year).
    expect(seen).toEqual([
      { day: 0, subject: `New training: ${title}` },
      { day: 6, subject: `${title} is due on ${date(20)}` },
      { day: 17, subject: `${title} is due on ${date(20)}` },
      { day: 21, subject: `${title} is overdue` },
      { day: 28, subject: `${title} is overdue` },
      { day: 30, subject: `Certificate: ${title}` },
      { day: 335, subject: `Renew ${title} by ${date(395)}` },
      { day: 381, subject: `Renew ${title} by ${date(395)}` },
      { day: 396, subject: `${title} has expired` },
    ]);
    expect(dayOf(clock)).toBe(400);

    // Sessions from day 30 have long expired.
    officer = await t.as(t.people.officerA);
    trainer = await t.as(t.people.trainerA);

    // Every message: both parts, the force named, links into the running app; no name, no score.
    const mails = inbox.to(officerA.email);
    for (const mail of mails) {
      expect(mail.from).toContain("Force A Police");
      expect(mail.text).toContain("Force A Police");
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.html).toContain("Force A Police");
      expect(mail.text).not.toContain("Test officerA");
      expect(mail.html).not.toContain("Test officerA");
    }
    await expectLinksWork(mails, officer);

    // The trainer's weekly digest: one a week (58 Mondays in 401 days), the overdue week counting officer A.
    const digests = inbox.to(trainerA.email);
    expect(digests).toHaveLength(58);
    expect(new Set(digests.map((mail) => mail.subject)).size).toBeGreaterThan(1);
    const overdueWeek = digests[3]; // day 21's week: the Monday of day 21 is day 21
    expect(overdueWeek?.subject).toBe("Training digest this week: 1 person overdue");
    expect(overdueWeek?.text).toContain("A Response: 1 person overdue (1 module)");
    await expectLinksWork([overdueWeek as ReceivedMail], trainer);

    // The in-app banner lists the same notifications; reading them clears the count.
    const banner = (await (await officer.get("/api/me/notifications")).json()) as {
      unread: number;
      items: { title: string; href: string }[];
    };
    expect(banner.unread).toBe(9);
    expect(banner.items[0]).toMatchObject({ title: `${title} has expired`, href: `/training/${moduleId}` });
    expect((await officer.post("/api/me/notifications/read", {})).status).toBe(204);
    expect(((await (await officer.get("/api/me/notifications")).json()) as { unread: number }).unread).toBe(0);

    // Every send is in the log by user id and template; nothing failed.
    const report = (await (await (await t.as(t.people.adminA)).get("/api/admin/jobs")).json()) as {
      messages: { state: string; count: number }[];
      failedSends: unknown[];
    };
    expect(report.failedSends).toEqual([]);
    expect(report.messages).toEqual([{ state: "sent", count: 9 + 58 }]);
    // One log line per send, by user id and template; never an address, a subject or a body.
    expect(logged.filter((line) => line.message === "notification sent")).toHaveLength(9 + 58);
    expect(logged).toContainEqual(
      expect.objectContaining({ userId: officerA.id, template: "renewal-60", channel: "smtp", result: "sent" }),
    );
    const text = JSON.stringify(logged);
    for (const secret of [officerA.email, trainerA.email, inbox.url, title, "Force A Police"]) {
      expect(text).not.toContain(secret);
    }
  }, 300_000);

  it("records a refused address against the person, and never retries it", async () => {
    const { officerA2 } = t.people;
    inbox.refuse.add(officerA2.email.toLowerCase());
    trainer = await t.as(t.people.trainerA);
    const assigned = await trainer.post("/api/trainer/assignments", {
      moduleId,
      jobRole: "investigator",
      unitId: null,
      dueDate: new Date(clock + 30 * DAY).toISOString().slice(0, 10),
    });
    expect(assigned.status).toBe(201);
    const first = await notifier.tick(new Date(clock));
    expect(first.delivery).toMatchObject({ sent: 0, failed: 1 });
    const again = await notifier.deliver(new Date(clock + DAY));
    expect(again).toMatchObject({ sent: 0, failed: 0 });
    const report = (await (await (await t.as(t.people.adminA)).get("/api/admin/jobs")).json()) as {
      failedSends: { userId: string; template: string; result: string; error: string }[];
    };
    expect(report.failedSends).toEqual([
      expect.objectContaining({ userId: officerA2.id, template: "assigned", result: "rejected", error: "SMTP 550" }),
    ]);
    expect(JSON.stringify(report)).not.toContain(officerA2.email);
  });
});

/** Each link in each message resolves to a page of the app, and the API behind that page answers the recipient. */
async function expectLinksWork(mails: ReceivedMail[], client: TestClient) {
  for (const mail of mails) {
    const links = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]?.replaceAll("&amp;", "&") ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(mail.text).toContain(link);
      const url = new URL(link);
      expect(url.origin).toBe(client.base);
      const route = parseRoute(url.pathname, url.search);
      expect(route.name, link).not.toBe("not-found");
      const api =
        route.name === "module"
          ? `/api/modules/${route.moduleId}`
          : route.name === "certificate"
            ? `/api/certificates/${route.certificateId}`
            : route.name === "trainer-grid"
              ? `/api/trainer/grid?${url.searchParams.toString()}`
              : "/api/me/training";
      expect((await client.get(api)).status, link).toBe(200);
    }
  }
}

// Two app instances on one PostgreSQL: both run the hourly work at the same moments; each message goes once.
describe.each(databaseTargets.filter((target) => target.name === "postgres"))(
  "two instances sharing $name",
  (target) => {
    let t: TestApp;
    let inbox: Inbox;
    let clock = START;
    beforeAll(async () => {
      inbox = await startInbox();
      t = await startTestApp(target, { now: () => new Date(clock) });
      const admin = await t.as(t.people.adminA);
      await admin.request("PUT", "/api/admin/notification-channel", {
        json: {
          kind: "smtp",
          senderName: "Force A Police",
          fromAddress: "training@force-a.invalid",
          smtpUrl: inbox.url,
        },
      });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await inbox?.close();
    });

    it("sends each message once when two instances scan and deliver together", async () => {
      const url = t.databaseUrl;
      if (!url) throw new Error("a PostgreSQL target has a URL");
      const second = await openDatabase({ url });
      try {
        const make = (database: TestApp["database"]) =>
          createNotificationService({
            db: database.db,
            catalog: t.catalog,
            baseUrl: t.base,
            notifyBaseUrl: "http://127.0.0.1:9",
            log: silentLog,
            now: () => new Date(clock),
          });
        const [one, two] = [make(t.database), make(second)];
        const trainer = await t.as(t.people.trainerA);
        // Everyone in force A in either job role: officers A and A2, each with two modules.
        for (const jobRole of ["response-officer", "investigator"]) {
          for (const module of ["stalking-protection-orders", t.catalog.modules[0]?.id ?? ""]) {
            const made = await trainer.post("/api/trainer/assignments", {
              moduleId: module,
              jobRole,
              unitId: null,
              dueDate: new Date(START + 20 * DAY).toISOString().slice(0, 10),
            });
            expect(made.status).toBe(201);
          }
        }
        for (let day = 0; day <= 35; day += 1) {
          clock = START + day * DAY;
          await Promise.all([one.tick(new Date(clock)), two.tick(new Date(clock)), one.tick(new Date(clock))]);
        }
        // Each stored notification went out in exactly one email, and each email is one logged send.
        const ids = inbox.messages.map((mail) => mail.parsed.messageId);
        expect(new Set(ids).size).toBe(ids.length);
        const sends = await rowsOf<{ ids: string[] }>(
          t.database.db,
          sql`SELECT notification_ids AS ids FROM notification_deliveries WHERE result = 'sent'`,
        );
        expect(sends).toHaveLength(inbox.messages.length);
        const sentIds = sends.flatMap((send) => send.ids);
        expect(new Set(sentIds).size).toBe(sentIds.length);
        const states = await rowsOf<{ state: string; count: number }>(
          t.database.db,
          // Force B has no channel: its trainer's digests wait in the app, unsent.
          sql`SELECT state, count(*)::int AS count FROM notifications WHERE force_id = 'force-a' GROUP BY state`,
        );
        expect(states).toEqual([{ state: "sent", count: sentIds.length }]);
        const officerMails = inbox.to(t.people.officerA.email);
        // Assigned, 14 days, 3 days, overdue weeks 1–3 within 35 days: six messages, each naming both modules.
        expect(officerMails.map((mail) => mail.subject)).toEqual([
          "2 training reminders",
          "2 training reminders",
          "2 training reminders",
          "2 training reminders",
          "2 training reminders",
          "2 training reminders",
        ]);
      } finally {
        await second.close();
      }
    }, 300_000);
  },
);
