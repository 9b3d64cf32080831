/**
 * The GOV.UK Notify channel through the official client, against a local server that checks each request
 * as Notify's API documents it: `POST /v2/notifications/email`, a JWT bearer token (HS256, signed with the
 * key's secret, `iss` = the service id, `iat` within 30 seconds), and a JSON body with `template_id`,
 * `email_address`, `personalisation` and `reference`. It answers as Notify does: 201, or 400 with errors.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotificationService } from "../../src/server/notifications/service";
import type { NotificationService } from "../../src/server/notifications/service";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
const API_KEY = `force_a_live-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = randomUUID();

interface Received {
  body: Record<string, unknown>;
  /** Notify's id for the email, when it was accepted. */
  id?: string;
}

/** A stand-in for Notify's API that refuses any request not in the documented format. */
function notifyServer(received: Received[], behaviour: { status: number }) {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const problems: string[] = [];
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.method !== "POST" || request.url !== "/v2/notifications/email") problems.push("wrong endpoint");
      if (!String(request.headers["content-type"]).startsWith("application/json")) problems.push("not JSON");
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization))?.[1] ?? "";
      const [header = "", payload = "", signature = ""] = token.split(".");
      const expected = createHmac("sha256", SECRET).update(`${header}.${payload}`).digest("base64url");
      if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
        problems.push("bad signature");
      }
      const decode = (part: string) =>
        JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
      try {
        if (decode(header).alg !== "HS256") problems.push("not HS256");
        const claims = decode(payload);
        if (claims.iss !== SERVICE_ID) problems.push("iss is not the service id");
        if (typeof claims.iat !== "number" || Math.abs(claims.iat - Date.now() / 1000) > 30) problems.push("stale iat");
      } catch {
        problems.push("unreadable token");
      }
      if (problems.length > 0) {
        answer(403, { errors: [{ error: "AuthError", message: problems.join("; ") }], status_code: 403 });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      const personalisation = body.personalisation as Record<string, unknown> | undefined;
      const valid =
        body.template_id === TEMPLATE_ID &&
        typeof body.email_address === "string" &&
        typeof body.reference === "string" &&
        typeof personalisation?.subject === "string" &&
        typeof personalisation.body === "string";
      if (!valid) {
        answer(400, { errors: [{ error: "ValidationError", message: "request format" }], status_code: 400 });
        return;
      }
      const id = randomUUID();
      received.push({
        body,
        ...(behaviour.status === 201 && !String(body.email_address).startsWith("officera2") ? { id } : {}),
      });
      if (String(body.email_address).startsWith("officera2")) {
        answer(400, {
          errors: [{ error: "ValidationError", message: "email_address Not a valid email address" }],
          status_code: 400,
        });
        return;
      }
      if (behaviour.status !== 201) {
        answer(behaviour.status, {
          errors: [{ error: "Exception", message: "Internal server error" }],
          status_code: 500,
        });
        return;
      }
      answer(201, {
        id,
        reference: body.reference,
        content: {
          subject: personalisation.subject,
          body: personalisation.body,
          from_email: "force.a@notifications.service.gov.uk",
        },
        uri: `https://api.notifications.service.gov.uk/v2/notifications/${id}`,
        template: {
          id: TEMPLATE_ID,
          version: 1,
          uri: `https://api.notifications.service.gov.uk/v2/template/${TEMPLATE_ID}`,
        },
      });
    });
  });
}

describe.each(databaseTargets)("the GOV.UK Notify channel on $name", (target) => {
  let t: TestApp;
  let server: Server;
  let notifier: NotificationService;
  const received: Received[] = [];
  const behaviour = { status: 201 };
  let clock = Date.parse("2027-03-01T10:00:00Z");

  beforeAll(async () => {
    server = notifyServer(received, behaviour);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp(target, { now: () => new Date(clock) });
    notifier = createNotificationService({
      db: t.database.db,
      catalog: t.catalog,
      baseUrl: t.base,
      notifyBaseUrl: `http://127.0.0.1:${port}`,
      log: { info: () => undefined, warn: () => undefined },
      now: () => new Date(clock),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("sends in Notify's documented format, keeps the key secret, and records refusals and retries", async () => {
    const admin = await t.as(t.people.adminA);
    const saved = await admin.request("PUT", "/api/admin/notification-channel", {
      json: { kind: "notify", senderName: "Force A Police", notifyApiKey: API_KEY, notifyTemplateId: TEMPLATE_ID },
    });
    expect(saved.status).toBe(200);
    const view = await (await admin.get("/api/admin/notification-channel")).text();
    expect(view).toContain('"notifyApiKeySet":true');
    expect(view).not.toContain(SECRET);

    const trainer = await t.as(t.people.trainerA);
    for (const jobRole of ["response-officer", "investigator"]) {
      const made = await trainer.post("/api/trainer/assignments", {
        moduleId: "stalking-protection-orders",
        jobRole,
        unitId: null,
        dueDate: "2027-04-30",
      });
      expect(made.status).toBe(201);
    }
    // Notify is down: nothing is lost; the send is logged as failed and tried again later.
    behaviour.status = 500;
    const down = await notifier.tick(new Date(clock));
    expect(down.delivery.sent).toBe(0);
    behaviour.status = 201;
    expect((await notifier.deliver(new Date(clock))).sent).toBe(0); // not yet: backing off
    clock += 10 * 60_000;
    const retried = await notifier.deliver(new Date(clock));
    expect(retried.sent).toBe(2); // officer A and the trainer's digest; officer A2's address is refused

    const toOfficer = received.filter((request) => request.body.email_address === t.people.officerA.email);
    expect(toOfficer).toHaveLength(2); // the failed try and the retry, with the same reference
    const [first, second] = toOfficer;
    expect(first?.body.reference).toBe(second?.body.reference);
    expect(second?.body).toMatchObject({
      template_id: TEMPLATE_ID,
      personalisation: { subject: "New training: Stalking Protection Orders" },
    });
    const body = String((second?.body.personalisation as { body: string }).body);
    expect(body).toContain("Force A Police");
    expect(body).toContain(`${t.base}/training/stalking-protection-orders`);

    const report = (await (await admin.get("/api/admin/jobs")).json()) as {
      failedSends: { userId: string; channel: string; result: string; error: string }[];
    };
    expect(report.failedSends).toContainEqual(
      expect.objectContaining({
        userId: t.people.officerA.id,
        channel: "notify",
        result: "failed",
        error: "Notify HTTP 500",
      }),
    );
    expect(report.failedSends).toContainEqual(
      expect.objectContaining({
        userId: t.people.officerA2.id,
        channel: "notify",
        result: "rejected",
        error: "Notify HTTP 400",
      }),
    );
  });
});

/**
 * GOV.UK Notify's delivery receipts, posted to the running server as Notify's callback documentation lists
 * them (all strings but the template version), with the force's bearer token.
 */
describe.each(databaseTargets)("GOV.UK Notify delivery receipts on $name", (target) => {
  let t: TestApp;
  let server: Server;
  let notifier: NotificationService;
  const received: Received[] = [];
  let clock = Date.parse("2027-03-01T10:00:00Z");

  beforeAll(async () => {
    server = notifyServer(received, { status: 201 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp(target, { now: () => new Date(clock) });
    notifier = createNotificationService({
      db: t.database.db,
      catalog: t.catalog,
      baseUrl: t.base,
      notifyBaseUrl: `http://127.0.0.1:${port}`,
      log: { info: () => undefined, warn: () => undefined },
      now: () => new Date(clock),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const receipt = (id: string, to: string, status: string, completedAt: string) => ({
    id,
    reference: randomUUID(),
    to,
    status,
    created_at: "2027-03-01T10:00:01.000000Z",
    completed_at: completedAt,
    sent_at: "2027-03-01T10:00:02.000000Z",
    notification_type: "email",
    template_id: TEMPLATE_ID,
    template_version: 1,
  });
  const post = (forceId: string, body: unknown, token: string | null) =>
    fetch(`${t.base}/callbacks/notify/${forceId}/delivery-receipts`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
  const assign = async (moduleId: string) => {
    const trainer = await t.as(t.people.trainerA);
    const made = await trainer.post("/api/trainer/assignments", {
      moduleId,
      jobRole: "response-officer",
      unitId: null,
      dueDate: "2027-06-30",
    });
    expect(made.status).toBe(201);
    clock += 60 * 60_000;
    return notifier.tick(new Date(clock));
  };
  const sentTo = (email: string) => received.filter((request) => request.body.email_address === email && request.id);

  it("records receipts against the send, stops writing to a bounced address, and starts again when cleared", async () => {
    const admin = await t.as(t.people.adminA);
    const saved = await admin.request("PUT", "/api/admin/notification-channel", {
      json: { kind: "notify", senderName: "Force A Police", notifyApiKey: API_KEY, notifyTemplateId: TEMPLATE_ID },
    });
    expect(saved.status).toBe(200);
    const issued = await admin.request("POST", "/api/admin/notification-channel/notify-callback-token");
    expect(issued.status).toBe(201);
    const { token, callbackUrl } = (await issued.json()) as { token: string; callbackUrl: string };
    expect(callbackUrl).toBe(`${t.base}/callbacks/notify/force-a/delivery-receipts`);
    const view = await (await admin.get("/api/admin/notification-channel")).text();
    expect(view).toContain('"notifyCallbackTokenSet":true');
    expect(view).not.toContain(token);

    const officer = t.people.officerA;
    await assign("stalking-protection-orders");
    const [first] = sentTo(officer.email);
    if (!first?.id) throw new Error("no email to officer A");

    // Only the force's own token, on the force's own URL, is let in; no session stands in for it.
    const delivered = receipt(first.id, officer.email, "delivered", "2027-03-01T10:00:05.000000Z");
    for (const [forceId, sent] of [
      ["force-a", null],
      ["force-a", "srt_notify_wrong"],
      ["force-b", token],
    ] as const) {
      const refused = await post(forceId, delivered, sent);
      expect(refused.status, `${forceId} ${String(sent)}`).toBe(401);
      expect(refused.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect(
      (await admin.request("POST", "/callbacks/notify/force-a/delivery-receipts", { json: delivered })).status,
    ).toBe(401);

    // An id Notify never gave us (or not recorded yet) is not found, so Notify tries again later.
    const unknown = await post(
      "force-a",
      receipt(randomUUID(), officer.email, "delivered", "2027-03-01T10:00:05Z"),
      token,
    );
    expect(unknown.status).toBe(404);
    // A field that is not as Notify documents it is named.
    const bad = await post("force-a", { ...delivered, status: "bounced" }, token);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain(`"field":"status"`);

    expect((await post("force-a", delivered, token)).status).toBe(204);
    expect((await post("force-a", delivered, token)).status).toBe(204); // Notify's retry: harmless
    let report = (await (await admin.get("/api/admin/jobs")).json()) as {
      failedSends: { userId: string; receipt: string | null }[];
    };
    expect(report.failedSends.filter((send) => send.userId === officer.id)).toEqual([]);

    // A bounce of an address the person no longer has is recorded on the send but marks nothing.
    const oldAddress = receipt(first.id, "old.address@force-a.invalid", "permanent-failure", "2027-03-01T10:00:06Z");
    expect((await post("force-a", oldAddress, token)).status).toBe(204);
    let detail = (await (await admin.get(`/api/admin/users/${officer.id}`)).json()) as { emailFailure: unknown };
    expect(detail.emailFailure).toBeNull();

    // The bounce of their address: on the send, on their page, and nothing more is sent to it.
    const bounced = receipt(first.id, officer.email.toUpperCase(), "permanent-failure", "2027-03-01T10:00:07Z");
    expect((await post("force-a", bounced, token)).status).toBe(204);
    // An older receipt arriving late changes nothing.
    expect((await post("force-a", delivered, token)).status).toBe(204);
    report = (await (await admin.get("/api/admin/jobs")).json()) as typeof report;
    expect(report.failedSends).toContainEqual(
      expect.objectContaining({ userId: officer.id, receipt: "permanent-failure" }),
    );
    detail = (await (await admin.get(`/api/admin/users/${officer.id}`)).json()) as typeof detail;
    expect(detail.emailFailure).toEqual({ at: "2027-03-01T10:00:07.000Z", reason: "GOV.UK Notify: permanent failure" });

    const held = await assign("online-stalking");
    expect(sentTo(officer.email)).toHaveLength(1);
    expect(held.delivery.suppressed).toBeGreaterThan(0);
    const inApp = (await (await (await t.as(officer)).get("/api/me/notifications")).json()) as {
      items: { title: string }[];
    };
    expect(inApp.items.map((item) => item.title)).toContain("New training: Online stalking");

    // Others are refused the clearing; the admin clears it, and the next email goes.
    const trainer = await t.as(t.people.trainerA);
    expect((await trainer.delete(`/api/admin/users/${officer.id}/email-failure`)).status).toBe(403);
    const otherForce = await admin.delete(`/api/admin/users/${t.people.officerB.id}/email-failure`);
    expect(otherForce.status).toBe(404);
    expect((await admin.delete(`/api/admin/users/${officer.id}/email-failure`)).status).toBe(204);
    detail = (await (await admin.get(`/api/admin/users/${officer.id}`)).json()) as typeof detail;
    expect(detail.emailFailure).toBeNull();
    await assign("victims-rights");
    expect(sentTo(officer.email)).toHaveLength(2);
  });
});
