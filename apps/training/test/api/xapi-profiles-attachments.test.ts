import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseMultipart } from "@remix-run/multipart-parser";
import XAPI from "@xapi/xapi";
import type { Statement } from "@xapi/xapi";
import { CompactSign, importPKCS8 } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XAPI_IRI_BASE } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

/**
 * Issue 19, second part: the Activity Profile and Agent Profile resources, statements with attachments
 * (multipart/mixed) and signed statements, driven by @xapi/xapi where it covers the request and by fetch for the
 * rest. Test names cite the requirement: "Communication"/"Data" are xAPI-Communication.md/xAPI-Data.md (1.0.3
 * numbering, which the LRS's code cites), "9274.1.1" is xAPI 2.0 (IEEE 9274.1.1-2023) where it words a rule anew.
 */

interface Credentials {
  id: string;
  key: string;
  secret: string;
}

const V2 = { "x-experience-api-version": "2.0.0" };
const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString("base64")}`;
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const SIGNATURE = "http://adlnet.gov/expapi/attachments/signature";
const fixtures = join(import.meta.dirname, "..", "fixtures", "xapi-signing");
/** A test-only RSA key and the self-signed X.509 certificate for it (made with openssl; see the README there). */
const signingKeyPem = readFileSync(join(fixtures, "test-signer.key.pem"), "utf8");
const signingCertDer = readFileSync(join(fixtures, "test-signer.cert.pem"), "utf8")
  .replace(/-----(BEGIN|END) CERTIFICATE-----/g, "")
  .replace(/\s+/g, "");
const otherKeyPem = readFileSync(join(fixtures, "other.key.pem"), "utf8");

/** A multipart/mixed body as Communication 1.5.2 describes it: the statements first, then each attachment. */
function multipart(
  json: unknown,
  parts: { content: Buffer; contentType: string; hash?: string; headers?: Record<string, string> }[],
  options: { firstType?: string } = {},
) {
  const boundary = `xapi-test-${randomUUID()}`;
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Type: ${options.firstType ?? "application/json"}\r\n\r\n${JSON.stringify(json)}\r\n`,
    ),
  ];
  for (const part of parts) {
    const headers = {
      "Content-Type": part.contentType,
      "Content-Transfer-Encoding": "binary",
      ...(part.hash === undefined ? {} : { "X-Experience-API-Hash": part.hash }),
      ...part.headers,
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\r\n");
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), part.content, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

describe.each(databaseTargets)("xAPI profiles, attachments and signed statements on $name", (target) => {
  let t: TestApp;
  let full: Credentials;
  let readOnly: Credentials;
  let otherForce: Credentials;
  let lrs: XAPI;

  beforeAll(async () => {
    t = await startTestApp(target);
    const admin = await t.as(t.people.adminA);
    const create = async (body: { name: string; read: boolean; write: boolean }) => {
      const response = await admin.post("/api/admin/lrs-clients", body);
      expect(response.status).toBe(201);
      return (await response.json()) as Credentials;
    };
    full = await create({ name: "Authoring platform", read: true, write: true });
    readOnly = await create({ name: "Reports", read: true, write: false });
    const { createLrsClient } = await import("../../src/server/auth/lrs-clients");
    otherForce = await createLrsClient(
      t.database.db,
      { id: t.people.trainerB.id, forceId: "force-b" },
      { name: "Force B platform", read: true, write: true },
    );
    lrs = new XAPI({ endpoint: `${t.base}/xapi/`, auth: XAPI.toBasicAuth(full.key, full.secret), version: "1.0.3" });
  }, 120_000);
  afterAll(() => t?.close());

  const raw = (
    method: string,
    path: string,
    options: { body?: unknown; contentType?: string; headers?: Record<string, string>; auth?: Credentials } = {},
  ) => {
    const isBytes = Buffer.isBuffer(options.body) || typeof options.body === "string";
    return fetch(`${t.base}${path}`, {
      method,
      headers: {
        ...V2,
        authorization: basic(options.auth ?? full),
        ...(options.body === undefined ? {} : { "content-type": options.contentType ?? "application/json" }),
        ...options.headers,
      },
      ...(options.body === undefined
        ? {}
        : { body: isBytes ? (options.body as string | Buffer) : JSON.stringify(options.body) }),
    });
  };
  const byAccount = (userId: string) => ({
    objectType: "Agent" as const,
    account: { homePage: XAPI_IRI_BASE, name: userId },
  });
  const statementFor = (userId: string, overrides: Partial<Statement> = {}): Statement => ({
    id: randomUUID(),
    actor: byAccount(userId),
    verb: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-GB": "experienced" } },
    object: { objectType: "Activity", id: `https://platform.example/courses/${randomUUID()}` },
    ...overrides,
  });

  describe("Activity Profile and Agent Profile resources", () => {
    const activityId = `https://platform.example/courses/${randomUUID()}`;
    const activityQuery = (profileId?: string) =>
      `/xapi/activities/profile?activityId=${encodeURIComponent(activityId)}${profileId ? `&profileId=${profileId}` : ""}`;
    const agent = { objectType: "Agent" as const, mbox: "mailto:unknown.person@platform.example" };
    const agentQuery = (profileId?: string) =>
      `/xapi/agents/profile?agent=${encodeURIComponent(JSON.stringify(agent))}${profileId ? `&profileId=${profileId}` : ""}`;

    it("Communication 2.7 / 9274.1.1 4.1.6.6: Activity Profile documents are stored, read with ETag and Last-Modified, merged, listed and deleted (through @xapi/xapi)", async () => {
      await lrs.setActivityProfile({
        activityId,
        profileId: "settings",
        profile: { theme: "dark", size: 1 },
        etag: "*",
        matchHeader: "If-None-Match",
      });
      const read = await lrs.getActivityProfile({ activityId, profileId: "settings" });
      expect(read.data).toEqual({ theme: "dark", size: 1 });
      // Communication 3.1.s4.b2/b4: the quoted lower-case SHA-1 of the content.
      const body = await (await raw("GET", activityQuery("settings"))).arrayBuffer();
      expect(read.headers.etag).toBe(`"${createHash("sha1").update(Buffer.from(body)).digest("hex")}"`);
      expect(read.headers["last-modified"]).toBeTruthy();
      // Communication 2.2.s7: POST merges top-level properties of JSON objects.
      await lrs.createActivityProfile({ activityId, profileId: "settings", profile: { size: 2, extra: [1] } });
      expect((await lrs.getActivityProfile({ activityId, profileId: "settings" })).data).toEqual({
        theme: "dark",
        size: 2,
        extra: [1],
      });
      await lrs.setActivityProfile({
        activityId,
        profileId: "notes",
        profile: "free text",
        contentType: "text/plain",
        etag: "*",
        matchHeader: "If-None-Match",
      });
      const notes = await raw("GET", activityQuery("notes"));
      expect(notes.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await notes.text()).toBe("free text");
      expect((await lrs.getActivityProfiles({ activityId })).data).toEqual(["notes", "settings"]);
      await lrs.deleteActivityProfile({ activityId, profileId: "notes" });
      expect((await raw("GET", activityQuery("notes"))).status).toBe(404);
      expect((await lrs.getActivityProfiles({ activityId })).data).toEqual(["settings"]);
    });

    it("Communication 2.7.s4 / 2.6.s4: `since` lists only ids stored or updated after it (exclusive)", async () => {
      const since = new Date().toISOString();
      // The server's clock moves on at least a millisecond before the next write.
      while (new Date().toISOString() === since) await new Promise((resolve) => setImmediate(resolve));
      expect(
        (await raw("PUT", activityQuery("later"), { body: { a: 1 }, headers: { "if-none-match": "*" } })).status,
      ).toBe(204);
      const listed = (await (
        await raw("GET", `${activityQuery()}&since=${encodeURIComponent(since)}`)
      ).json()) as string[];
      expect(listed).toContain("later");
      expect(listed).not.toContain("settings");
      const after = new Date(Date.now() + 60_000).toISOString();
      expect(await (await raw("GET", `${activityQuery()}&since=${encodeURIComponent(after)}`)).json()).toEqual([]);
      // 9274.1.1 4.1.6.2: since is not allowed beside one document's id.
      expect((await raw("GET", `${activityQuery("later")}&since=${encodeURIComponent(since)}`)).status).toBe(400);
    });

    it("Communication 2.6 / 9274.1.1 4.1.6.5: Agent Profile documents per agent, for agents the LRS does not know (2.2.s4.b2)", async () => {
      await lrs.setAgentProfile({
        agent,
        profileId: "prefs",
        profile: { lang: "cy" },
        etag: "*",
        matchHeader: "If-None-Match",
      });
      expect((await lrs.getAgentProfile({ agent, profileId: "prefs" })).data).toEqual({ lang: "cy" });
      await lrs.createAgentProfile({ agent, profileId: "prefs", profile: { font: "large" } });
      expect((await lrs.getAgentProfile({ agent, profileId: "prefs" })).data).toEqual({ lang: "cy", font: "large" });
      expect((await lrs.getAgentProfiles({ agent })).data).toEqual(["prefs"]);
      // Another agent has its own documents.
      const someoneElse = { objectType: "Agent" as const, mbox: "mailto:someone.else@platform.example" };
      expect((await lrs.getAgentProfiles({ agent: someoneElse })).data).toEqual([]);
      const etag = (await raw("GET", agentQuery("prefs"))).headers.get("etag") ?? "";
      expect((await raw("DELETE", agentQuery("prefs"), { headers: { "if-match": etag } })).status).toBe(204);
      expect((await raw("GET", agentQuery("prefs"))).status).toBe(404);
    });

    it("Communication 3.1.s4.b13–b15 / 9274.1.1 4.1.4: a PUT with neither If-Match nor If-None-Match over an existing profile document is 409, explains itself and changes nothing", async () => {
      for (const query of [activityQuery("guarded"), agentQuery("guarded")]) {
        // A new document may be PUT without a header.
        expect((await raw("PUT", query, { body: { v: 1 } })).status).toBe(204);
        const conflict = await raw("PUT", query, { body: { v: 2 } });
        expect(conflict.status).toBe(409);
        const problem = (await conflict.json()) as { detail: string };
        expect(problem.detail).toMatch(/GET it to check its current state.*If-Match/);
        expect(await (await raw("GET", query)).json()).toEqual({ v: 1 });
        const etag = (await raw("GET", query)).headers.get("etag") ?? "";
        expect((await raw("PUT", query, { body: { v: 3 }, headers: { "if-match": etag } })).status).toBe(204);
        expect(await (await raw("GET", query)).json()).toEqual({ v: 3 });
      }
    });

    it("Communication 3.1.s4.b5–b12: If-Match and If-None-Match on PUT, POST and DELETE answer 412 when they do not hold, and change nothing", async () => {
      const query = activityQuery("preconditions");
      const stale = '"0000000000000000000000000000000000000000"';
      expect((await raw("PUT", query, { body: { a: 1 }, headers: { "if-none-match": "*" } })).status).toBe(204);
      expect((await raw("PUT", query, { body: { a: 2 }, headers: { "if-none-match": "*" } })).status).toBe(412);
      expect((await raw("PUT", query, { body: { a: 2 }, headers: { "if-match": stale } })).status).toBe(412);
      expect((await raw("POST", query, { body: { b: 2 }, headers: { "if-match": stale } })).status).toBe(412);
      expect((await raw("POST", query, { body: { b: 2 }, headers: { "if-none-match": "*" } })).status).toBe(412);
      expect((await raw("DELETE", query, { headers: { "if-match": stale } })).status).toBe(412);
      expect(await (await raw("GET", query)).json()).toEqual({ a: 1 });
      // If-Match on a document that does not exist fails too (RFC 7232 3.1).
      expect((await raw("PUT", activityQuery("absent"), { body: {}, headers: { "if-match": "*" } })).status).toBe(412);
      expect((await raw("GET", activityQuery("absent"))).status).toBe(404);
      const problem = (await (await raw("PUT", query, { body: {}, headers: { "if-match": stale } })).json()) as {
        errors: { field: string }[];
      };
      expect(problem.errors[0]?.field).toBe("header.if-match");
    });

    it("Communication 2.2.s8.b1 / 9274.1.1 4.1.6.6: POSTing non-JSON onto a JSON profile, or JSON onto a non-JSON one, is 400 and changes nothing", async () => {
      const query = activityQuery("merge-rules");
      expect((await raw("PUT", query, { body: { a: 1 } })).status).toBe(204);
      expect((await raw("POST", query, { body: "plain", contentType: "text/plain" })).status).toBe(400);
      expect((await raw("POST", query, { body: "[1,2]" })).status).toBe(400);
      expect(await (await raw("GET", query)).json()).toEqual({ a: 1 });
      const text = activityQuery("merge-text");
      expect((await raw("PUT", text, { body: "words", contentType: "text/plain" })).status).toBe(204);
      expect((await raw("POST", text, { body: { a: 1 } })).status).toBe(400);
      expect(await (await raw("GET", text)).text()).toBe("words");
    });

    it("Communication 3.2.s3.b7–b8, 2.6.s3, 2.7.s3: parameters are checked, naming the field (unknown, miscased, missing, Group as agent, DELETE without profileId)", async () => {
      const expectField = async (response: Response, field: string) => {
        expect(response.status).toBe(400);
        const problem = (await response.json()) as { errors: { field: string }[] };
        expect(problem.errors[0]?.field).toBe(field);
      };
      await expectField(await raw("GET", `${activityQuery("x")}&stateId=1`), "query.stateId");
      await expectField(
        await raw("GET", `/xapi/activities/profile?activityid=${encodeURIComponent(activityId)}`),
        "query.activityId",
      );
      await expectField(await raw("GET", "/xapi/activities/profile?profileId=x"), "query.activityId");
      await expectField(await raw("GET", "/xapi/activities/profile?activityId=not-an-iri"), "query.activityId");
      const group = { objectType: "Group", mbox: "mailto:team@platform.example" };
      await expectField(
        await raw("GET", `/xapi/agents/profile?agent=${encodeURIComponent(JSON.stringify(group))}`),
        "query.agent",
      );
      await expectField(await raw("GET", "/xapi/agents/profile?agent=%7Bnot-json"), "query.agent");
      await expectField(await raw("DELETE", activityQuery()), "query.profileId");
      await expectField(await raw("PUT", agentQuery(), { body: {} }), "query.profileId");
    });

    it("Communication 3.2.s3.b10: profiles need the read or write right, and a force sees only its own documents", async () => {
      expect((await raw("PUT", activityQuery("rights"), { body: {}, auth: readOnly })).status).toBe(403);
      expect((await raw("PUT", activityQuery("rights"), { body: { mine: true } })).status).toBe(204);
      expect((await raw("GET", activityQuery("rights"), { auth: readOnly })).status).toBe(200);
      // Force B's client shares the activity IRI but not the document.
      expect((await raw("GET", activityQuery("rights"), { auth: otherForce })).status).toBe(404);
      expect(await (await raw("GET", activityQuery(), { auth: otherForce })).json()).toEqual([]);
      expect((await raw("PUT", activityQuery("rights"), { body: { theirs: true }, auth: otherForce })).status).toBe(
        204,
      );
      expect(await (await raw("GET", activityQuery("rights"))).json()).toEqual({ mine: true });
    });

    it("Communication 1.1: HEAD answers the headers of GET without a body", async () => {
      const head = await raw("HEAD", activityQuery("settings"));
      expect(head.status).toBe(200);
      expect(head.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
      expect(await head.text()).toBe("");
    });
  });
});
