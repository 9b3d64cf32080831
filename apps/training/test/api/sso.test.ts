import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, ssoProviders, users } from "../../src/server/db/schema";
import { saveSsoProvider } from "../../src/server/db/identity";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { captureLog } from "../support/log-capture";
import type { BadProvider, LoopbackProvider, People } from "../support/oidc";
import { CookieJar, send, startBadProvider, startOidcProvider, throughProvider } from "../support/oidc";

/**
 * Single sign-on against real OpenID Providers on loopback: oidc-provider (its own sign-in and consent pages)
 * for force A, and for force B a small provider made with jose that signs ID tokens with one deliberate
 * defect each, for what oidc-provider cannot be made to send (a wrong audience, an expired token, a key it
 * never published, a token altered after signing).
 */
describe.each(databaseTargets)("single sign-on with OpenID Connect on $name", (target) => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let bad: BadProvider;
  let admin: TestClient;
  const people: People = {};
  const log = captureLog();
  const tag = target.name;

  const ssoSettings = (overrides: Record<string, unknown> = {}) => ({
    label: "Force A",
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    collarNumberClaim: "employee_id",
    groupMappings: [
      { group: "g-trainers", role: "trainer" },
      { group: "g-admins", role: "admin" },
      { group: "g-response", unitId: t.unitA, jobRole: "response-officer" },
    ],
    justInTime: true,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(target, { env: { LOG_LEVEL: "debug" }, logStream: log.stream });
    const { officerA, officerA2, officerB } = t.people;
    people.ann = {
      employee_id: officerA.collarNumber,
      groups: ["g-trainers", "g-unrelated"],
      email: officerA.email,
      name: "Ann",
    };
    people.newbie = {
      employee_id: `N${tag === "pglite" ? 1 : 2}77`,
      groups: ["g-response"],
      email: `newbie.${tag}@test.invalid`,
      name: "New Starter",
    };
    people.dora = { employee_id: officerA2.collarNumber, groups: [], email: officerA2.email, name: "Dora" };
    people.stranger = { employee_id: "X999", groups: [], name: "No Email" };
    provider = await startOidcProvider({ redirectUri: `${t.base}/api/sso/callback`, people });
    bad = await startBadProvider({ sub: "bob", employee_id: officerB.collarNumber, groups: [] });
    admin = await t.as(t.people.adminA);
    const saved = await admin.put("/api/admin/sso", ssoSettings());
    expect(saved.status, await saved.clone().text()).toBe(200);
    await saveSsoProvider(
      t.database.db,
      "force-b",
      {
        label: "Force B",
        issuer: bad.issuer,
        clientId: bad.clientId,
        clientSecret: bad.clientSecret,
        collarNumberClaim: "employee_id",
        groupsClaim: "groups",
        groupMappings: [],
        justInTime: false,
        localPasswords: true,
        defaultJobRole: "staff",
      },
      new Date(),
    );
  });
  afterAll(async () => {
    await provider?.close();
    await bad?.close();
    await t?.close();
  });

  /** Signs in through the provider and returns what the app's callback answered, with the browser's jar. */
  async function ssoSignIn(login: string, forceId = "force-a", next?: string) {
    const jar = new CookieJar();
    const callback = await throughProvider(t.base, jar, forceId, login, next);
    const response = await send(jar, callback);
    expect(response.status).toBe(303);
    return { jar, callback, location: response.headers.get("location") ?? "" };
  }
  async function sessionOf(jar: CookieJar) {
    const response = await fetch(`${t.base}/api/session`, { headers: { cookie: jar.header() } });
    return ((await response.json()) as { user: { id: string; role: string; unit: { id: string } | null } | null }).user;
  }

  it("offers a button for each force with single sign-on", async () => {
    const response = await t.client().get("/api/sso/providers");
    expect(await response.json()).toEqual({
      providers: [
        { forceId: "force-a", label: "Force A" },
        { forceId: "force-b", label: "Force B" },
      ],
    });
  });

  it("signs in a person the force registered, found by collar number, with the role their groups give", async () => {
    const { jar, location } = await ssoSignIn("ann");
    // A trainer lands on the overview of who needs to act, as after a password sign-in.
    expect(location).toBe("/trainer/overview");
    expect(jar.get("srt_session")).toBeDefined();
    const user = await sessionOf(jar);
    expect(user).toMatchObject({ id: t.people.officerA.id, role: "trainer" });
    const [linked] = await t.database.db
      .select({ issuer: users.oidcIssuer, subject: users.oidcSubject })
      .from(users)
      .where(eq(users.id, t.people.officerA.id));
    expect(linked).toEqual({ issuer: provider.issuer, subject: "ann" });
  });

  it("finds a person by their HR employee number when the claim carries that rather than a collar number", async () => {
    const employeeNumber = `E-${tag}-500`;
    await t.database.db.update(users).set({ employeeNumber }).where(eq(users.id, t.people.trainerA.id));
    people.eve = { employee_id: employeeNumber.toUpperCase(), groups: ["g-trainers"], name: "Eve" };
    const { jar } = await ssoSignIn("eve");
    expect(await sessionOf(jar)).toMatchObject({ id: t.people.trainerA.id, role: "trainer" });
  });

  it("takes the role from the groups again at each sign-in, found by subject", async () => {
    people.ann = { ...people.ann, groups: [], employee_id: "changed-number" };
    const { jar, location } = await ssoSignIn("ann");
    expect(await sessionOf(jar)).toMatchObject({ id: t.people.officerA.id, role: "officer" });
    // Each lands at their role's home: an officer on their training, an admin on the overview.
    expect(location).toBe("/training");
    people.ann = { ...people.ann, groups: ["g-admins", "g-trainers"] };
    const again = await ssoSignIn("ann");
    expect(await sessionOf(again.jar)).toMatchObject({ id: t.people.officerA.id, role: "admin" });
    expect(again.location).toBe("/trainer/overview");
    // A page asked for before signing in wins over the home page, whatever the role.
    const asked = await ssoSignIn("ann", "force-a", "/modules/online-stalking");
    expect(asked.location).toBe("/modules/online-stalking");
  });

  it("creates a new person just in time, in the unit and job role their groups give, with no password", async () => {
    const { jar } = await ssoSignIn("newbie");
    const user = await sessionOf(jar);
    expect(user).toMatchObject({ role: "officer", unit: { id: t.unitA } });
    const [row] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.id, user?.id ?? ""));
    expect(row).toMatchObject({ email: `newbie.${tag}@test.invalid`, jobRole: "response-officer", forceId: "force-a" });
    const password = t.client();
    await password.refreshSession();
    expect((await password.post("/api/session", { identifier: row?.email, password: PASSWORD })).status).toBe(401);
    // The second time they are found by their subject, not created twice.
    const again = await ssoSignIn("newbie");
    expect((await sessionOf(again.jar))?.id).toBe(user?.id);
  });

  it("refuses someone with no account when the force does not create accounts just in time", async () => {
    await admin.put("/api/admin/sso", { ...ssoSettings({ justInTime: false }), clientSecret: undefined });
    const { jar, location } = await ssoSignIn("stranger");
    expect(location).toBe("/sign-in?sso=not-registered");
    expect(jar.get("srt_session")).toBeUndefined();
    await admin.put("/api/admin/sso", ssoSettings());
    // With just in time on, a person whose token carries no email address still cannot be created.
    expect((await ssoSignIn("stranger")).location).toBe("/sign-in?sso=not-registered");
  });

  it("refuses a disabled person with a clear page, and starts no session", async () => {
    const disabled = await admin.request("PATCH", `/api/admin/users/${t.people.officerA2.id}`, {
      json: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    const { jar, location } = await ssoSignIn("dora");
    expect(location).toBe("/sign-in?sso=disabled");
    expect(jar.get("srt_session")).toBeUndefined();
    const refusals = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "sso.refused"));
    expect(refusals.some((row) => row.subject === t.people.officerA2.id)).toBe(true);
  });

  it("uses a state once only, and only in the browser that began the sign-in", async () => {
    const first = new CookieJar();
    const callback = await throughProvider(t.base, first, "force-a", "newbie");
    // Another browser handed the same callback URL (a login-CSRF attempt) gets nothing, and spends the state.
    const other = new CookieJar();
    const stolen = await send(other, callback);
    expect(stolen.headers.get("location")).toBe("/sign-in?sso=expired");
    expect(other.get("srt_session")).toBeUndefined();
    const late = await send(first, callback);
    expect(late.headers.get("location")).toBe("/sign-in?sso=expired");

    const jar = new CookieJar();
    const fresh = await throughProvider(t.base, jar, "force-a", "newbie");
    const flowCookie = jar.get("srt_sso") ?? "";
    expect((await send(jar, fresh)).headers.get("location")).toBe("/training");
    const replayJar = new CookieJar();
    const replayed = await fetch(fresh, { redirect: "manual", headers: { cookie: `srt_sso=${flowCookie}` } });
    replayJar.take(replayed);
    expect(replayed.headers.get("location")).toBe("/sign-in?sso=expired");
    expect(replayJar.get("srt_session")).toBeUndefined();
  });

  it("keeps working when the provider rotates its signing key (openid-client fetches the new JWKS)", async () => {
    await provider.rotateKeys();
    // openid-client fetches the JWKS again for an unknown key id once its copy is a minute old (less often
    // would let anyone make it hammer the provider); Entra ID publishes new keys weeks before using them.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      const { jar, location } = await ssoSignIn("newbie");
      expect(location).toBe("/training");
      expect(await sessionOf(jar)).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it.each(["wrong-audience", "expired", "foreign-key", "altered"] as const)(
    "refuses an ID token with a %s",
    async (mode) => {
      bad.mode = mode;
      const { jar, location } = await ssoSignIn("bob", "force-b");
      expect(location).toBe("/sign-in?sso=failed");
      expect(jar.get("srt_session")).toBeUndefined();
    },
  );

  it("signs in through the same small provider when its token is right (so the refusals are the defects')", async () => {
    bad.mode = "good";
    const { jar, location } = await ssoSignIn("bob", "force-b");
    expect(location).toBe("/training");
    expect(await sessionOf(jar)).toMatchObject({ id: t.people.officerB.id });
  });

  it("keeps client secrets sealed at rest: saved sealed, and a plain one from before sealed when it is read", async () => {
    const rows = await t.database.db
      .select({ forceId: ssoProviders.forceId, clientSecret: ssoProviders.clientSecret })
      .from(ssoProviders)
      .orderBy(ssoProviders.forceId);
    // Force A's was saved through the API; force B's was written plain below the API (as before sealing) and
    // sealed by the sign-ins above, which used it.
    expect(rows.map((row) => row.forceId)).toEqual(["force-a", "force-b"]);
    for (const row of rows) {
      expect(row.clientSecret).toMatch(/^srtbox:v1:development:/);
      expect(row.clientSecret).not.toContain(provider.clientSecret);
      expect(row.clientSecret).not.toContain(bad.clientSecret);
    }
  });

  it("sends an unknown force or a broken provider back to sign-in with a reason", async () => {
    const jar = new CookieJar();
    const unknown = await send(jar, `${t.base}/api/sso/force-z/start`);
    expect(unknown.headers.get("location")).toBe("/sign-in?sso=no-sso");
    const offSite = await send(jar, `${t.base}/api/sso/force-a/start?next=//evil.example`);
    expect(offSite.status).toBe(400);
  });

  it("lets a force switch local passwords off, telling only someone who knows the password", async () => {
    await admin.put("/api/admin/sso", { ...ssoSettings({ localPasswords: false }), clientSecret: undefined });
    const client = t.client();
    await client.refreshSession();
    const wrong = await client.post("/api/session", { identifier: t.people.trainerA.email, password: "not it at all" });
    expect(wrong.status).toBe(401);
    const right = await client.post("/api/session", { identifier: t.people.trainerA.email, password: PASSWORD });
    expect(right.status).toBe(400);
    expect(await right.json()).toMatchObject({ errors: [{ field: "identifier" }] });
    // Another force's people are not affected.
    await t.as(t.people.trainerB);
    await admin.put("/api/admin/sso", { ...ssoSettings({ localPasswords: true }), clientSecret: undefined });
    await t.as(t.people.trainerA);
  });

  it("never shows the client secret, and checks group mappings name the force's own units", async () => {
    const shown = await admin.get("/api/admin/sso");
    const text = await shown.text();
    expect(text).not.toContain(provider.clientSecret);
    expect(JSON.parse(text)).toMatchObject({
      settings: { clientSecretSet: true, redirectUri: `${t.base}/api/sso/callback` },
    });
    const foreignUnit = await admin.put("/api/admin/sso", {
      ...ssoSettings({ groupMappings: [{ group: "g", unitId: "00000000-0000-4000-8000-000000000000" }] }),
    });
    expect(foreignUnit.status).toBe(400);
    expect(await foreignUnit.json()).toMatchObject({ errors: [{ field: "groupMappings.0.unitId" }] });
    const plainHttp = await admin.put("/api/admin/sso", ssoSettings({ issuer: "http://login.example.com/tenant" }));
    expect(plainHttp.status).toBe(400);
  });

  it("logs no secret, token, code, email address or collar number", () => {
    const logged = log.text();
    expect(logged).toMatch(/single sign-on refused/);
    for (const secret of [
      provider.clientSecret,
      bad.clientSecret,
      t.people.officerA.email,
      t.people.officerA.collarNumber,
      `newbie.${tag}@test.invalid`,
    ]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT
    expect(logged).not.toMatch(/[?&](code|state)=/);
  });
});
