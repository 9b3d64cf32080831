import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { saveSsoProvider } from "../../src/server/db/identity";
import { ssoFlows, ssoProviders } from "../../src/server/db/schema";
import { parseEnv } from "../../src/server/env";
import { SSO_RATE_WINDOW_MS } from "../../src/server/routes/sso";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { captureLog } from "../support/log-capture";
import type { BadProvider } from "../support/oidc";
import { CookieJar, send, startBadProvider, throughProvider } from "../support/oidc";

/**
 * The single sign-on client secret sealed at rest (SECRETS_KEY), and the per-address limit on starting and
 * finishing a sign-in. Second app instances share each test's database, as instances of one deployment do,
 * with their own settings (another key, production without a key).
 */
describe.each(databaseTargets)("single sign-on secrets and limits on $name", (target) => {
  let t: TestApp;
  let provider: BadProvider;
  let clock = Date.now();
  const log = captureLog();
  const SECRET = `client-secret-${randomBytes(8).toString("hex")}`;
  const extra: FastifyInstance[] = [];

  const settings = (overrides: Record<string, unknown> = {}) => ({
    label: "Force A",
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: SECRET,
    collarNumberClaim: "employee_id",
    ...overrides,
  });
  const storedSecret = async (forceId: string) => {
    const [row] = await t.database.db
      .select({ clientSecret: ssoProviders.clientSecret })
      .from(ssoProviders)
      .where(eq(ssoProviders.forceId, forceId));
    return row?.clientSecret;
  };
  /** Another instance of the app on the same database, with its own environment and log. */
  async function instance(env: Record<string, string>) {
    const own = captureLog();
    const app = await buildApp({
      env: parseEnv({ LOG_LEVEL: "debug", SEED_DEMO: "never", COOKIE_SECURE: "false", ...env }),
      database: t.database,
      catalog: t.catalog,
      logStream: own.stream,
    });
    extra.push(app);
    return { base: await app.listen({ port: 0, host: "127.0.0.1" }), log: own };
  }

  beforeAll(async () => {
    t = await startTestApp(target, {
      env: { LOG_LEVEL: "trace", SSO_MAX_PER_ADDRESS: "3" },
      logStream: log.stream,
      now: () => new Date(clock),
    });
    provider = await startBadProvider({ sub: "ann", employee_id: t.people.officerA.collarNumber, groups: [] });
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await provider?.close();
    await t?.close();
  });

  it("seals the secret an admin saves, and signs in with it", async () => {
    const admin = await t.as(t.people.adminA);
    const saved = await admin.put("/api/admin/sso", settings());
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ settings: { clientSecretSet: true } });
    const stored = await storedSecret("force-a");
    expect(stored).toMatch(/^srtbox:v1:development:/);
    expect(stored).not.toContain(SECRET);

    const jar = new CookieJar();
    const callback = await throughProvider(t.base, jar, "force-a", "ann");
    const landed = await send(jar, callback);
    expect(landed.headers.get("location")).toBe("/training");
    expect(jar.get("srt_session")).toBeDefined();
  });

  it("counts starts and callbacks per address, sends the browser back to sign-in with the wait, and resets", async () => {
    clock += SSO_RATE_WINDOW_MS + 1000; // a window of its own, whatever the test above used
    const flows = async () => (await t.database.db.select({ stateHash: ssoFlows.stateHash }).from(ssoFlows)).length;
    const before = await flows();
    const jar = new CookieJar();
    for (let i = 0; i < 3; i += 1) {
      const started = await send(jar, `${t.base}/api/sso/force-a/start`);
      expect(started.headers.get("location")?.startsWith(provider.issuer)).toBe(true);
    }
    const refused = await send(jar, `${t.base}/api/sso/force-a/start`);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe(`/sign-in?sso=rate-limited&retry=${SSO_RATE_WINDOW_MS / 1000}`);
    expect(refused.headers.get("retry-after")).toBe(String(SSO_RATE_WINDOW_MS / 1000));
    // The refused start stored nothing and never reached the provider.
    expect(await flows()).toBe(before + 3);

    // Callbacks have their own count: three more are answered, the fourth is refused before any lookup.
    for (let i = 0; i < 3; i += 1) {
      const answered = await send(jar, `${t.base}/api/sso/callback?state=made-up-${i}&code=x`);
      expect(answered.headers.get("location")).toBe("/sign-in?sso=expired");
    }
    const tooMany = await send(jar, `${t.base}/api/sso/callback?state=made-up&code=x`);
    expect(tooMany.headers.get("location")).toMatch(/^\/sign-in\?sso=rate-limited&retry=\d+$/);

    // Signing in with a password is another count: it still works from the same address.
    await t.as(t.people.trainerA);

    // Ten minutes on, the address may start again.
    clock += SSO_RATE_WINDOW_MS;
    const again = await send(jar, `${t.base}/api/sso/force-a/start`);
    expect(again.headers.get("location")?.startsWith(provider.issuer)).toBe(true);
  });

  it("seals a secret stored in plain text before, when an instance starts", async () => {
    await saveSsoProvider(
      t.database.db,
      "force-b",
      {
        ...settings({ label: "Force B" }),
        groupsClaim: "groups",
        groupMappings: [],
        justInTime: false,
        localPasswords: true,
        defaultJobRole: "staff",
        clientSecret: SECRET,
      },
      new Date(),
    );
    expect(await storedSecret("force-b")).toBe(SECRET);
    const started = await instance({});
    const sealed = await storedSecret("force-b");
    expect(sealed).toMatch(/^srtbox:v1:development:/);
    expect(started.log.text()).toMatch(/"sealed":1[,}].*sealed stored single sign-on client secrets/);
  });

  it("refuses to sign in with a secret sealed under another key, and says why in the log", async () => {
    clock += SSO_RATE_WINDOW_MS + 1000;
    const other = await instance({ SECRETS_KEY: randomBytes(32).toString("base64") });
    const jar = new CookieJar();
    const refused = await send(jar, `${other.base}/api/sso/force-a/start`);
    expect(refused.headers.get("location")).toBe("/sign-in?sso=failed");
    expect(other.log.text()).toMatch(/"reason":"client secret: wrong-key".*single sign-on refused/);
    expect(other.log.text()).not.toContain(SECRET);
    // The secret is left as it was: the right key still opens it.
    expect(await storedSecret("force-a")).toMatch(/^srtbox:v1:development:/);
  });

  it("in production without SECRETS_KEY, refuses to store a secret (naming the field) and says so at start-up", async () => {
    const production = await instance({ NODE_ENV: "production" });
    expect(production.log.text()).toMatch(/SECRETS_KEY is not set: single sign-on client secrets cannot be stored/);
    const admin = new TestClient(production.base);
    await admin.signIn(t.people.adminA.email, PASSWORD);
    const refused = await admin.put("/api/admin/sso", settings({ clientSecret: "a new secret" }));
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { errors: { field: string; reason: string }[] };
    expect(problem.errors).toEqual([
      {
        field: "clientSecret",
        reason: expect.stringMatching(/^cannot be stored: this server has no SECRETS_KEY/) as string,
      },
    ]);
    // Settings without a new secret still save (the stored one is kept).
    const kept = await admin.put("/api/admin/sso", {
      ...settings({ label: "Force A (renamed)" }),
      clientSecret: undefined,
    });
    expect(kept.status).toBe(200);
  });

  it("never logs a client secret, at any level", () => {
    expect(log.text()).toMatch(/request completed/); // the capture holds trace-level lines
    expect(log.text()).not.toContain(SECRET);
    expect(log.text()).not.toContain("a new secret");
    for (const app of extra) expect(app.log.level).toBe("debug");
  });
});
