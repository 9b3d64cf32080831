import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/server/accounts";
import { InvalidInput } from "../../src/server/errors";
import { forwardForce, saveForwarding, sealPlainForwardPasswords } from "../../src/server/learning/lrs-forwarding";
import { developmentSecretKey, isSealed, secretKey } from "../../src/server/secret-box";
import type { LrsForwarding } from "../../src/shared/lrs-forwarding-api";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";

/**
 * Issue 19: forwarding a force's statements to its own LRS. The target is a second instance of the app (its /xapi
 * LRS, with Basic client credentials), on loopback; both instances have the same forces and people, so a
 * statement naming a person by email means the same person at both ends.
 */

interface Credentials {
  key: string;
  secret: string;
}
const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString("base64")}`;

describe.each(databaseTargets)("forwarding to a force's LRS on $name", (target) => {
  let source: TestApp;
  let lrs: TestApp;
  let admin: TestClient;
  let writer: Credentials;
  let forwardAs: Credentials;
  const now = () => new Date();
  // What startTestApp's server seals with (NODE_ENV test, no SECRETS_KEY).
  const secrets = developmentSecretKey;

  const status = async () =>
    ((await (await admin.get("/api/admin/lrs-forwarding")).json()) as { forwarding: LrsForwarding | null }).forwarding;
  const statement = (email: string) => ({
    id: randomUUID(),
    actor: { objectType: "Agent", mbox: `mailto:${email}` },
    verb: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-GB": "experienced" } },
    object: { objectType: "Activity", id: `https://platform.example/courses/${randomUUID()}` },
  });
  const store = async (app: TestApp, credentials: Credentials, body: unknown) =>
    fetch(`${app.base}/xapi/statements`, {
      method: "POST",
      headers: {
        authorization: basic(credentials),
        "content-type": "application/json",
        "x-experience-api-version": "1.0.3",
      },
      body: JSON.stringify(body),
    });
  /** The ids the target LRS holds, read back through its own statement query. */
  const heldAtTarget = async (ids: readonly string[]) => {
    const held: string[] = [];
    for (const id of ids) {
      const response = await fetch(`${lrs.base}/xapi/statements?statementId=${id}`, {
        headers: { authorization: basic(forwardAs), "x-experience-api-version": "1.0.3" },
      });
      if (response.status === 200) held.push(((await response.json()) as { id: string }).id);
      else expect(response.status).toBe(404);
    }
    return held;
  };
  const createClient = async (app: TestApp, client: TestClient) => {
    const response = await client.post("/api/admin/lrs-clients", { name: "Forwarding", read: true, write: true });
    expect(response.status).toBe(201);
    return (await response.json()) as Credentials;
  };
  /** The password column as stored. */
  const storedPassword = async () => {
    const result: unknown = await source.database.db.execute(
      "SELECT password FROM lrs_forward_targets WHERE force_id = 'force-a'",
    );
    return (result as { rows: { password: string }[] }).rows[0]?.password ?? "";
  };
  const outboxCount = async (app: TestApp) => {
    const result: unknown = await app.database.db.execute("SELECT count(*)::int AS n FROM lrs_forward_outbox");
    return (result as { rows: { n: number }[] }).rows[0]?.n ?? -1;
  };

  beforeAll(async () => {
    [source, lrs] = await Promise.all([startTestApp(target), startTestApp(target)]);
    admin = await source.as(source.people.adminA);
    writer = await createClient(source, admin);
    forwardAs = await createClient(lrs, await lrs.as(lrs.people.adminA));
  }, 180_000);
  afterAll(async () => {
    await Promise.all([source?.close(), lrs?.close()]);
  });

  it("starts with no forwarding, and statements stored meanwhile wait nowhere", async () => {
    expect(await status()).toBeNull();
    expect((await store(source, writer, [statement(source.people.officerA.email)])).status).toBe(200);
    expect(await outboxCount(source)).toBe(0);
  });

  it("refuses a first save without the password, naming the field; a bad address names the endpoint", async () => {
    const missing = await admin.put("/api/admin/lrs-forwarding", {
      endpoint: `${lrs.base}/xapi/`,
      username: forwardAs.key,
      enabled: true,
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('"field":"password"');
    for (const endpoint of ["ftp://lrs.example/xapi/", "not a url", "https://user:pw@lrs.example/xapi/"]) {
      const bad = await admin.put("/api/admin/lrs-forwarding", {
        endpoint,
        username: "key",
        password: "secret",
        enabled: true,
      });
      expect(bad.status, endpoint).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('"field":"endpoint"');
    }
  });

  it("queues each statement in the transaction that stores it, and forwards them to the LRS, oldest first", async () => {
    const saved = await admin.put("/api/admin/lrs-forwarding", {
      endpoint: `${lrs.base}/xapi`,
      username: forwardAs.key,
      password: forwardAs.secret,
      enabled: true,
    });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { forwarding: LrsForwarding };
    expect(body.forwarding.endpoint).toBe(`${lrs.base}/xapi/`);
    expect(JSON.stringify(body)).not.toContain(forwardAs.secret);
    // Sealed at rest: the column holds the secret box's format, bound to this force, never the secret.
    const sealed = await storedPassword();
    expect(sealed).toMatch(/^srtbox:v1:development:/);
    expect(sealed).not.toContain(forwardAs.secret);

    const batch = [statement(source.people.officerA.email), statement(source.people.officerA2.email)];
    expect((await store(source, writer, batch)).status).toBe(200);
    // Force B does not forward: its statement is not queued.
    const other = await createAccountStatementForB();
    expect(other).toBe(200);
    expect((await status())?.backlog).toBe(2);
    // A batch the LRS refuses as a whole (an id reused with other content: 409) stores nothing and queues nothing.
    const reused = { ...statement(source.people.officerA.email), id: batch[0]?.id };
    expect((await store(source, writer, [statement(source.people.officerA.email), reused])).status).toBe(409);
    expect(await outboxCount(source)).toBe(2);

    const run = await forwardForce({ db: source.database.db, now, secrets }, "force-a");
    expect(run).toEqual({ sent: 2 });
    expect(await heldAtTarget(batch.map((s) => s.id))).toEqual(batch.map((s) => s.id));
    const after = await status();
    expect(after).toMatchObject({ backlog: 0, forwardedCount: 2, failures: 0, lastError: null });
    expect(after?.lastSuccessAt).not.toBeNull();
  });

  async function createAccountStatementForB() {
    const { createLrsClient } = await import("../../src/server/auth/lrs-clients");
    const clientB = await createLrsClient(
      source.database.db,
      { id: source.people.trainerB.id, forceId: "force-b" },
      { name: "B", read: true, write: true },
    );
    return (await store(source, clientB, [statement(source.people.officerB.email)])).status;
  }

  it("is idempotent by statement id: the whole history sent again leaves the LRS with each statement once", async () => {
    const before = await heldCountAtTarget();
    const saved = await admin.put("/api/admin/lrs-forwarding", {
      endpoint: `${lrs.base}/xapi/`,
      username: forwardAs.key,
      enabled: true,
      sendHistory: true,
    });
    expect(saved.status).toBe(200);
    // The statement stored before forwarding began, and the two already sent.
    expect(((await saved.json()) as { forwarding: LrsForwarding }).forwarding.backlog).toBe(3);
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toEqual({ sent: 3 });
    expect(await heldCountAtTarget()).toBe(before + 1);
  });

  async function heldCountAtTarget() {
    const result: unknown = await lrs.database.db.execute(
      "SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM statements WHERE force_id = 'force-a'",
    );
    const row = (result as { rows: { n: number; d: number }[] }).rows[0];
    expect(row?.n).toBe(row?.d);
    return row?.n ?? -1;
  }

  it("sets aside a statement the LRS refuses (400) with its reason, and sends the rest of the batch", async () => {
    // A person the source knows and the target does not: the target LRS refuses the statement about them.
    const onlyHere = `only.here.${target.name}@test.invalid`;
    await createAccount(source.database.db, {
      forceId: "force-a",
      unitId: source.unitA,
      email: onlyHere,
      collarNumber: `OH${target.name === "pglite" ? 1 : 2}`,
      displayName: "Only Here",
      role: "officer",
      jobRole: "response-officer",
      password: PASSWORD,
    });
    const good = [statement(source.people.officerA.email), statement(source.people.officerA2.email)];
    const refused = statement(onlyHere);
    expect((await store(source, writer, [good[0], refused, good[1]])).status).toBe(200);
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toEqual({ sent: 2 });
    expect(await heldAtTarget([...good, refused].map((s) => s.id))).toEqual(good.map((s) => s.id));
    const after = await status();
    expect(after).toMatchObject({ backlog: 0, rejected: 1, failures: 0 });
    expect(after?.lastRejection?.statementId).toBe(refused.id);
    expect(after?.lastRejection?.reason).toMatch(/^HTTP 400 .*actor/);
    // Refused again on an admin's retry (nothing changed at the target): still aside, nothing lost.
    expect((await admin.post("/api/admin/lrs-forwarding/retry", {})).status).toBe(200);
    expect((await status())?.backlog).toBe(1);
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toEqual({ sent: 0 });
    expect((await status())?.rejected).toBe(1);
  });

  it("keeps the last error and backs off when the LRS refuses the credentials, and catches up once they are fixed", async () => {
    expect(
      (
        await admin.put("/api/admin/lrs-forwarding", {
          endpoint: `${lrs.base}/xapi/`,
          username: forwardAs.key,
          password: "wrong",
          enabled: true,
        })
      ).status,
    ).toBe(200);
    const waiting = statement(source.people.officerA.email);
    expect((await store(source, writer, [waiting])).status).toBe(200);
    const failed = await forwardForce({ db: source.database.db, now, secrets }, "force-a");
    expect(failed.sent).toBe(0);
    expect(failed.retryAt?.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const after = await status();
    expect(after).toMatchObject({ backlog: 1, failures: 1 });
    expect(after?.lastError).toMatch(/^HTTP 401/);
    expect(after?.lastError).not.toContain("wrong");
    // Within the back-off nothing is tried.
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toMatchObject({ sent: 0 });
    expect((await status())?.failures).toBe(1);

    // Nobody listening: the error says the LRS could not be reached.
    const closedPort = await freePort();
    await admin.put("/api/admin/lrs-forwarding", {
      endpoint: `http://127.0.0.1:${closedPort}/xapi/`,
      username: forwardAs.key,
      password: forwardAs.secret,
      enabled: true,
    });
    expect((await forwardForce({ db: source.database.db, now, secrets }, "force-a")).sent).toBe(0);
    expect((await status())?.lastError).toMatch(/^Could not reach the LRS \(ECONNREFUSED\)/);

    // Fixed: the password is kept when omitted, and the backlog goes.
    await admin.put("/api/admin/lrs-forwarding", {
      endpoint: `${lrs.base}/xapi/`,
      username: forwardAs.key,
      enabled: true,
    });
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toEqual({ sent: 1 });
    expect(await heldAtTarget([waiting.id])).toEqual([waiting.id]);
    expect(await status()).toMatchObject({ backlog: 0, failures: 0 });
  });

  it("seals a password stored plain before sealing, at start-up or when it is next used; another key cannot open it", async () => {
    const plain = async () => {
      await source.database.db.execute(
        `UPDATE lrs_forward_targets SET password = '${forwardAs.secret}' WHERE force_id = 'force-a'`,
      );
      expect(await storedPassword()).toBe(forwardAs.secret);
    };
    // The start-up upgrade: without a key it can only count; with one it seals.
    await plain();
    expect(await sealPlainForwardPasswords(source.database.db, null)).toEqual({ sealed: 0, plain: 1 });
    expect(await sealPlainForwardPasswords(source.database.db, secrets)).toEqual({ sealed: 1, plain: 0 });
    expect(isSealed(await storedPassword())).toBe(true);
    expect(await sealPlainForwardPasswords(source.database.db, secrets)).toEqual({ sealed: 0, plain: 0 });

    // Used plain (an older instance wrote it during a deploy): it authenticates, and is sealed on the way.
    await plain();
    const waiting = statement(source.people.officerA.email);
    expect((await store(source, writer, [waiting])).status).toBe(200);
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toEqual({ sent: 1 });
    expect(await heldAtTarget([waiting.id])).toEqual([waiting.id]);
    expect(await storedPassword()).toMatch(/^srtbox:v1:development:/);

    // A server with another SECRETS_KEY cannot open it: the try fails, saying which keys, never the secret.
    const stranded = statement(source.people.officerA2.email);
    expect((await store(source, writer, [stranded])).status).toBe(200);
    const otherKey = secretKey(randomBytes(32));
    const failed = await forwardForce({ db: source.database.db, now, secrets: otherKey }, "force-a");
    expect(failed.sent).toBe(0);
    const after = await status();
    expect(after?.lastError).toMatch(
      /^The stored password could not be opened: The secret is sealed with key development/,
    );
    expect(after?.lastError).toContain(otherKey.id);
    expect(after?.lastError).not.toContain(forwardAs.secret);
    expect((await admin.post("/api/admin/lrs-forwarding/retry", {})).status).toBe(200);
    expect(await forwardForce({ db: source.database.db, now, secrets }, "force-a")).toEqual({ sent: 1 });
  });

  it("refuses to store a password without a key to seal it with (production without SECRETS_KEY), naming the field", async () => {
    const before = await storedPassword();
    const save = (password: string | undefined) =>
      saveForwarding(
        { db: source.database.db, now, production: true, secrets: null, forwarder: null },
        { id: source.people.adminA.id, forceId: "force-a" },
        { endpoint: "https://lrs.example/xapi/", username: "key", password, enabled: true, sendHistory: false },
      );
    const refused = await save("new-secret").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInput);
    expect((refused as InvalidInput).issues).toEqual([
      {
        field: "password",
        reason: expect.stringMatching(/^cannot be stored: this server has no SECRETS_KEY/) as string,
      },
    ]);
    expect(await storedPassword()).toBe(before);
    // Changing the address only, the sealed password kept, is still allowed.
    expect((await save(undefined)).forwarding?.endpoint).toBe("https://lrs.example/xapi/");
    expect(await storedPassword()).toBe(before);
  });

  it("forwards nothing while switched off, and stopping drops the backlog", async () => {
    await admin.put("/api/admin/lrs-forwarding", {
      endpoint: `${lrs.base}/xapi/`,
      username: forwardAs.key,
      enabled: false,
    });
    expect((await store(source, writer, [statement(source.people.officerA.email)])).status).toBe(200);
    expect((await status())?.backlog).toBe(0);
    expect((await admin.delete("/api/admin/lrs-forwarding")).status).toBe(204);
    expect(await status()).toBeNull();
    expect(await outboxCount(source)).toBe(0);
    expect((await admin.delete("/api/admin/lrs-forwarding")).status).toBe(404);
    expect((await admin.post("/api/admin/lrs-forwarding/retry", {})).status).toBe(404);
  });

  it("is for admins only", async () => {
    for (const person of [source.people.officerA, source.people.trainerA]) {
      const client = await source.as(person);
      expect((await client.get("/api/admin/lrs-forwarding")).status).toBe(403);
      expect(
        (await client.put("/api/admin/lrs-forwarding", { endpoint: "https://x/", username: "k", enabled: true }))
          .status,
      ).toBe(403);
    }
    expect((await source.client().get("/api/admin/lrs-forwarding")).status).toBe(401);
  });
});

/** A loopback port nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
