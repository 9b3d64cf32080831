import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateScimToken } from "../../src/server/auth/identity-admin";
import { users } from "../../src/server/db/schema";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { captureLog } from "../support/log-capture";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

interface ScimUser {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  externalId?: string;
  [ENTERPRISE]?: { employeeNumber: string };
  meta: { location: string };
}
interface ListResponse {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: ScimUser[];
}

/**
 * SCIM 2.0 with the request sequences Entra ID's provisioning service sends (its documented order: look the
 * person up by userName, create them when the list is empty, PATCH their attributes, PATCH active "False").
 */
describe.each(databaseTargets)("SCIM 2.0 provisioning on $name", (target) => {
  let t: TestApp;
  let tokenA: string;
  let tokenB: string;
  let scimBase: string;
  const tag = target.name;

  const log = captureLog();

  beforeAll(async () => {
    t = await startTestApp(target, { env: { LOG_LEVEL: "debug" }, logStream: log.stream });
    const admin = await t.as(t.people.adminA);
    const made = await admin.request("POST", "/api/admin/scim-token");
    expect(made.status).toBe(201);
    const body = (await made.json()) as { token: string; scimBaseUrl: string };
    tokenA = body.token;
    scimBase = body.scimBaseUrl;
    ({ token: tokenB } = await rotateScimToken(
      t.database.db,
      { id: t.people.trainerB.id, forceId: "force-b" },
      scimBase,
      new Date(),
    ));
  });
  afterAll(() => t?.close());

  /** A request as Entra ID sends it: bearer token, application/scim+json. */
  const scim = (method: string, path: string, body?: unknown, token: string | null = tokenA) =>
    fetch(`${t.base}/scim/v2${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "content-type": "application/scim+json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const filterBy = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

  it("tells the client what it supports", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(await config.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    const types = (await (await scim("GET", "/ResourceTypes")).json()) as { Resources: { id: string }[] };
    expect(types.Resources.map((type) => type.id)).toEqual(["User"]);
    const schemas = (await (await scim("GET", "/Schemas")).json()) as { Resources: { id: string }[] };
    expect(schemas.Resources.map((schema) => schema.id)).toEqual([USER, ENTERPRISE]);
    expect((await scim("GET", `/Schemas/${USER}`)).status).toBe(200);
    const groups = await scim("GET", "/Groups");
    expect(groups.status).toBe(404);
    expect(await groups.json()).toMatchObject({ schemas: [ERROR], status: "404" });
  });

  it("provisions a new person as Entra ID does, and deactivating them ends nothing but their access", async () => {
    const userName = `pat.smith.${tag}@force-a.example`;
    // 1. Is this person here already?
    const lookup = await scim("GET", filterBy(userName));
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toMatchObject({ totalResults: 0, Resources: [] });
    // 2. No: create them.
    const created = await scim("POST", "/Users", {
      schemas: [USER, ENTERPRISE],
      externalId: `pat.smith.${tag}`,
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: userName }],
      meta: { resourceType: "User" },
      name: { formatted: "Pat Smith", familyName: "Smith", givenName: "Pat" },
      roles: [],
      [ENTERPRISE]: { employeeNumber: `P${tag === "pglite" ? 1 : 2}234`, department: "Response" },
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as ScimUser;
    expect(created.headers.get("location")).toBe(user.meta.location);
    expect(user).toMatchObject({ userName, displayName: "Pat Smith", active: true, externalId: `pat.smith.${tag}` });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({
      forceId: "force-a",
      role: "officer",
      employeeNumber: `P${tag === "pglite" ? 1 : 2}234`,
    });
    // The same person again is a uniqueness error, in SCIM's error shape.
    const again = await scim("POST", "/Users", { schemas: [USER], userName: userName.toUpperCase() });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
    // 3. Attributes change in the directory.
    const patched = await scim("PATCH", `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: "displayName", value: "Patricia Smith" },
        { op: "replace", path: 'emails[type eq "work"].value', value: `patricia.smith.${tag}@force-a.example` },
        { op: "Add", path: `${ENTERPRISE}:employeeNumber`, value: `P${tag === "pglite" ? 1 : 2}999` },
        { op: "Replace", path: "title", value: "PC" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      displayName: "Patricia Smith",
      [ENTERPRISE]: { employeeNumber: `P${tag === "pglite" ? 1 : 2}999` },
      active: true,
    });
    // Another person's userName is a uniqueness error, not a crash.
    const taken = await scim("PATCH", `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "userName", value: t.people.trainerA.email }],
    });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ scimType: "uniqueness", detail: "email: is already in use" });
    // 4. They leave: Entra ID sends active as the string "False".
    const deactivated = await scim("PATCH", `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(deactivated.status).toBe(200);
    expect(await deactivated.json()).toMatchObject({ active: false });
    const found = (await (await scim("GET", filterBy(userName))).json()) as ListResponse;
    expect(found.Resources).toEqual([expect.objectContaining({ id: user.id, active: false })]);
    // And back again.
    const back = await scim("PATCH", `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect(await back.json()).toMatchObject({ active: true });
  });

  it("deactivates an existing account and ends its sessions at once", async () => {
    const officer = await t.as(t.people.officerA2);
    expect((await officer.get("/api/me/training")).status).toBe(200);
    const list = (await (await scim("GET", filterBy(t.people.officerA2.email.toUpperCase()))).json()) as ListResponse;
    expect(list.totalResults).toBe(1);
    const id = list.Resources[0]?.id ?? "";
    expect(id).toBe(t.people.officerA2.id);
    const response = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(response.status).toBe(200);
    expect((await officer.get("/api/me/training")).status).toBe(401);
    await officer.refreshSession();
    expect(
      (await officer.post("/api/session", { identifier: t.people.officerA2.email, password: "x".repeat(12) })).status,
    ).toBe(401);
  });

  it("replaces with PUT, and disables rather than deletes on DELETE", async () => {
    const created = (await (
      await scim("POST", "/Users", {
        schemas: [USER],
        userName: `put.me.${tag}@force-a.example`,
        displayName: "Put Me",
      })
    ).json()) as ScimUser;
    const replaced = await scim("PUT", `/Users/${created.id}`, {
      schemas: [USER],
      userName: `put.me.${tag}@force-a.example`,
      displayName: "Put Me Again",
      externalId: "put-1",
      active: true,
    });
    expect(await replaced.json()).toMatchObject({ displayName: "Put Me Again", externalId: "put-1" });
    expect((await scim("DELETE", `/Users/${created.id}`)).status).toBe(204);
    const kept = await scim("GET", `/Users/${created.id}`);
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({ active: false });
    const byExternal = (await (
      await scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "put-1"')}`)
    ).json()) as ListResponse;
    expect(byExternal.Resources.map((user) => user.id)).toEqual([created.id]);
  });

  it("pages with startIndex and count", async () => {
    const all = (await (await scim("GET", "/Users?count=200")).json()) as ListResponse;
    expect(all.totalResults).toBeGreaterThanOrEqual(6);
    const page = (await (await scim("GET", "/Users?startIndex=2&count=2")).json()) as ListResponse;
    expect(page).toMatchObject({ startIndex: 2, itemsPerPage: 2, totalResults: all.totalResults });
    expect(page.Resources.map((user) => user.id)).toEqual(all.Resources.slice(1, 3).map((user) => user.id));
    const none = (await (await scim("GET", "/Users?count=0")).json()) as ListResponse;
    expect(none).toMatchObject({ itemsPerPage: 0, Resources: [] });
    // Only force A's people: force B's are not listed.
    expect(all.Resources.map((user) => user.userName)).not.toContain(t.people.officerB.email);
  });

  it("refuses bad input in SCIM's error shape, naming the problem", async () => {
    const cases: [Response, number, string][] = [
      [await scim("GET", `/Users?filter=${encodeURIComponent('userName co "a"')}`), 400, "invalidFilter"],
      [await scim("GET", `/Users?filter=${encodeURIComponent("userName eq")}`), 400, "invalidFilter"],
      [await scim("POST", "/Users", { schemas: [USER], userName: "not-an-email" }), 400, "invalidValue"],
      [
        await scim("PATCH", `/Users/${t.people.officerA.id}`, { schemas: [PATCH_OP], Operations: [{ op: "move" }] }),
        400,
        "invalidSyntax",
      ],
      [
        await scim("PATCH", `/Users/${t.people.officerA.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: "replace", path: "active", value: "maybe" }],
        }),
        400,
        "invalidValue",
      ],
    ];
    for (const [response, status, scimType] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(await response.json()).toMatchObject({ schemas: [ERROR], status: String(status), scimType });
    }
    const unreadable = await fetch(`${t.base}/scim/v2/Users`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokenA}`, "content-type": "application/scim+json" },
      body: "{not json",
    });
    expect(unreadable.status).toBe(400);
    expect(await unreadable.json()).toMatchObject({ schemas: [ERROR], status: "400" });
    expect((await scim("GET", "/Users/not-a-uuid")).status).toBe(404);
  });

  it("answers only the force whose token it is; a missing, wrong or replaced token gets nothing", async () => {
    const officerA = `/Users/${t.people.officerA.id}`;
    for (const token of [null, "wrong-token", `${tokenA}x`]) {
      const response = await scim("GET", officerA, undefined, token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ schemas: [ERROR], status: "401" });
    }
    // Force B's token cannot see, change or disable force A's people.
    expect((await scim("GET", officerA, undefined, tokenB)).status).toBe(404);
    const patch = { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] };
    expect((await scim("PATCH", officerA, patch, tokenB)).status).toBe(404);
    expect((await scim("DELETE", officerA, undefined, tokenB)).status).toBe(404);
    expect((await scim("GET", filterBy(t.people.officerA.email), undefined, tokenB)).status).toBe(200);
    const listed = (await (
      await scim("GET", filterBy(t.people.officerA.email), undefined, tokenB)
    ).json()) as ListResponse;
    expect(listed.totalResults).toBe(0);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, t.people.officerA.id));
    expect(row?.disabledAt).toBeNull();
    // Rotating the token ends the old one at once.
    const admin = await t.as(t.people.adminA);
    const rotated = (await (await admin.request("POST", "/api/admin/scim-token")).json()) as { token: string };
    expect((await scim("GET", officerA, undefined, tokenA)).status).toBe(401);
    expect((await scim("GET", officerA, undefined, rotated.token)).status).toBe(200);
    tokenA = rotated.token;
  });

  it("logs no token, email address, collar number or filter", () => {
    const logged = log.text();
    expect(logged).toMatch(/"url":"\/scim\/v2\/Users"/); // the capture works, so the absences mean something
    for (const secret of [tokenA, tokenB, t.people.officerA.email, t.people.officerA2.email, `pat.smith.${tag}`]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toMatch(/filter=|srt_scim_/);
  });
});
