/**
 * "Forgotten your password?" by email, with real parts: the app's endpoint, a loopback SMTP server, the
 * link parsed out of the message and used on the real reset endpoint, then a sign-in with the new password.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESET_EMAIL_ACCEPTED } from "../../src/shared/notifications-api";
import { rowsOf } from "../../src/server/trainer/query";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import type { Inbox } from "../support/mail";
import { startInbox } from "../support/mail";

async function eventually<T>(check: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out waiting for the email");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(databaseTargets)("password reset by email on $name", (target) => {
  let t: TestApp;
  let inbox: Inbox;
  beforeAll(async () => {
    inbox = await startInbox();
    t = await startTestApp(target);
    const admin = await t.as(t.people.adminA);
    const saved = await admin.request("PUT", "/api/admin/notification-channel", {
      json: { kind: "smtp", senderName: "Force A Police", fromAddress: "training@force-a.invalid", smtpUrl: inbox.url },
    });
    expect(saved.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  it("sends a one-time link that sets a new password, and answers an unknown address the same way", async () => {
    const visitor = t.client();
    await visitor.refreshSession();
    const unknown = await visitor.post("/api/password-reset/request", { email: "nobody.here@test.invalid" });
    const known = await visitor.post("/api/password-reset/request", { email: t.people.officerA.email.toUpperCase() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    const bodies = [await unknown.text(), await known.text()];
    expect(bodies[0]).toBe(bodies[1]);
    expect(JSON.parse(bodies[0] ?? "{}")).toEqual({ message: RESET_EMAIL_ACCEPTED });

    const mail = await eventually(() => inbox.to(t.people.officerA.email)[0]);
    expect(mail.subject).toBe("Reset your password");
    expect(mail.text).toContain("Force A Police");
    expect(mail.html).toContain('<html lang="en">');
    const link = /href="([^"]+reset-password[^"]+)"/.exec(mail.html)?.[1] ?? "";
    expect(mail.text).toContain(link);
    const url = new URL(link);
    expect(url.origin).toBe(t.base);
    expect(url.pathname).toBe("/reset-password");
    const token = new URLSearchParams(url.hash.slice(1)).get("token") ?? "";

    const reset = await visitor.post("/api/password-reset", { token, newPassword: "a brand new passphrase" });
    expect(reset.status).toBe(204);
    const again = await visitor.post("/api/password-reset", { token, newPassword: "another new passphrase" });
    expect(again.status).toBe(400); // single use
    await t.client().signIn(t.people.officerA.email, "a brand new passphrase");

    expect(inbox.messages.filter((message) => message.to === "nobody.here@test.invalid")).toEqual([]);
    // Logged by user id and template; the token is never stored in the clear, nor the link.
    const sends = await rowsOf<{ user_id: string; template: string; result: string }>(
      t.database.db,
      sql`SELECT user_id, template, result FROM notification_deliveries WHERE template = 'password-reset'`,
    );
    expect(sends).toEqual([{ user_id: t.people.officerA.id, template: "password-reset", result: "sent" }]);
    const stored = JSON.stringify([
      await rowsOf(t.database.db, sql`SELECT * FROM notification_deliveries`),
      await rowsOf(t.database.db, sql`SELECT * FROM notifications`),
    ]);
    expect(stored).not.toContain(token);
  });

  it("limits requests per email address, whether or not it is an account", async () => {
    const visitor = t.client();
    await visitor.refreshSession();
    const statuses: number[] = [];
    for (let n = 0; n < 4; n += 1) {
      statuses.push((await visitor.post("/api/password-reset/request", { email: "Someone.Else@test.invalid" })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await visitor.post("/api/password-reset/request", { email: "not an address" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`"field":"email"`);
  });
});
