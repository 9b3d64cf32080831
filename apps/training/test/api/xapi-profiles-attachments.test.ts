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
        : {
            body: Buffer.isBuffer(options.body)
              ? new Uint8Array(options.body)
              : isBytes
                ? (options.body as string)
                : JSON.stringify(options.body),
          }),
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

  it("Communication 2.1.3 (agent filter, StatementRef rule): a statement with the agent as object, and one referring to a statement by the agent, are found beside the agent's own, newest first", async () => {
    const registration = randomUUID();
    const mbox = `mailto:${t.people.officerA.email}`;
    const own = statementFor(t.people.officerA.id, { context: { registration } });
    const asObject = statementFor(t.people.officerA2.id, {
      object: { objectType: "Agent", mbox },
      context: { registration },
    });
    for (const statement of [own, asObject])
      expect((await raw("POST", "/xapi/statements", { body: statement })).status).toBe(200);
    const referring = statementFor(t.people.officerA2.id, { object: { objectType: "StatementRef", id: own.id ?? "" } });
    expect((await raw("POST", "/xapi/statements", { body: referring })).status).toBe(200);
    const agent = encodeURIComponent(JSON.stringify({ mbox }));
    const found = (await (await raw("GET", `/xapi/statements?agent=${agent}&limit=3`)).json()) as {
      statements: Statement[];
    };
    expect(found.statements.map((statement) => statement.id)).toEqual([referring.id, asObject.id, own.id]);
    // Paged one at a time through `more`, the merged order holds.
    const ids: string[] = [];
    let next = `/xapi/statements?agent=${agent}&limit=1`;
    while (ids.length < 3 && next !== "") {
      const page = (await (await raw("GET", next)).json()) as { statements: Statement[]; more: string };
      ids.push(...page.statements.map((statement) => statement.id ?? ""));
      next = page.more;
    }
    expect(ids).toEqual([referring.id, asObject.id, own.id]);
  });

  describe("statements with attachments (multipart/mixed)", () => {
    const text = Buffer.from("here is a simple attachment");
    const attachmentFor = (content: Buffer, overrides: Record<string, unknown> = {}) => ({
      usageType: "http://example.com/attachment-usage/test",
      display: { "en-GB": "A test attachment" },
      contentType: "text/plain",
      length: content.length,
      sha2: sha256(content),
      ...overrides,
    });
    const send = (
      method: "POST" | "PUT",
      json: unknown,
      parts: Parameters<typeof multipart>[1],
      path = "/xapi/statements",
    ) => {
      const { body, contentType } = multipart(json, parts);
      return raw(method, path, { body, contentType });
    };
    const problemField = async (response: Response) =>
      ((await response.json()) as { errors?: { field: string }[] }).errors?.[0]?.field;

    it("Communication 1.5.2.s3.b4 / 2.1.3: a statement with an attachment is stored from multipart/mixed and returned with its bytes by attachments=true (read through @xapi/xapi)", async () => {
      const content = Buffer.from(`certificate of attendance ${randomUUID()}`);
      const statement = statementFor(t.people.officerA.id, { attachments: [attachmentFor(content)] });
      // @xapi/xapi 3.0.3 cannot send attachments from Node (axios replaces its multipart Content-Type with the
      // Blob's application/octet-stream), so the request is built here; the answer is read back through it.
      const sent = await send("POST", statement, [{ content, contentType: "text/plain", hash: sha256(content) }]);
      expect(await sent.json()).toEqual([statement.id]);
      const viaLibrary = await lrs.getStatement({ statementId: statement.id ?? "", attachments: true });
      // The library reads the multipart answer as [statement, attachment content].
      const [fromLibrary, bytes] = viaLibrary.data as unknown as [Statement, string];
      expect(fromLibrary.id).toBe(statement.id);
      expect(bytes).toBe(content.toString("utf8"));
      const answer = await raw("GET", `/xapi/statements?statementId=${statement.id}&attachments=true`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("last-modified")).toBeTruthy();
      const type = answer.headers.get("content-type") ?? "";
      expect(type).toMatch(/^multipart\/mixed; boundary=/);
      const boundary = type.replace(/^.*boundary=/, "");
      const parts = [...parseMultipart(new Uint8Array(await answer.arrayBuffer()), { boundary })];
      expect(parts[0]?.headers["content-type"]).toBe("application/json");
      expect((JSON.parse(parts[0]?.text ?? "{}") as Statement).id).toBe(statement.id);
      expect(parts).toHaveLength(2);
      expect(parts[1]?.headers["x-experience-api-hash"]).toBe(sha256(content));
      expect(parts[1]?.headers["content-transfer-encoding"]).toBe("binary");
      expect(Buffer.from(parts[1]?.bytes ?? []).equals(content)).toBe(true);
      // attachments=false (the default) answers JSON without the bytes.
      const plain = await raw("GET", `/xapi/statements?statementId=${statement.id}`);
      expect(plain.headers.get("content-type")).toMatch(/^application\/json/);
    });

    it("Communication 1.5.2.s2.b2.b5 / 1.5.2.s3.b9: a batch shares one part between statements, and fileUrl-only attachments need no part; a query with attachments=true carries each attachment once", async () => {
      const registration = randomUUID();
      const shared = Buffer.from(`shared slides ${randomUUID()}`);
      const byUrl = attachmentFor(Buffer.from("hosted elsewhere"), { fileUrl: "https://platform.example/files/1" });
      const batch = [0, 1].map(() =>
        statementFor(t.people.officerA.id, { attachments: [attachmentFor(shared), byUrl], context: { registration } }),
      );
      const stored = await send("POST", batch, [{ content: shared, contentType: "text/plain", hash: sha256(shared) }]);
      expect(stored.status).toBe(200);
      expect(await stored.json()).toEqual(batch.map((statement) => statement.id));
      const answer = await raw("GET", `/xapi/statements?registration=${registration}&attachments=true`);
      const boundary = (answer.headers.get("content-type") ?? "").replace(/^.*boundary=/, "");
      const parts = [...parseMultipart(new Uint8Array(await answer.arrayBuffer()), { boundary })];
      expect((JSON.parse(parts[0]?.text ?? "{}") as { statements: unknown[] }).statements).toHaveLength(2);
      expect(parts.slice(1).map((part) => part.headers["x-experience-api-hash"])).toEqual([sha256(shared)]);
      // 9274.1.1 4.1.3: application/json may carry statements whose attachments all have a fileUrl.
      const jsonOnly = await raw("POST", "/xapi/statements", {
        body: statementFor(t.people.officerA.id, { attachments: [byUrl] }),
      });
      expect(jsonOnly.status).toBe(200);
      // Content is kept once per hash, however many statements carry it.
      const { sql } = await import("drizzle-orm");
      const result: unknown = await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM xapi_attachments WHERE sha2 = ${sha256(shared)}`,
      );
      const kept = result as { rows: { n: number }[] };
      expect(kept.rows[0]?.n).toBe(1);
    });

    it("Communication 1.5.2.s2.b1: an application/json statement whose attachment has no fileUrl is 400 naming its sha2", async () => {
      const response = await raw("POST", "/xapi/statements", {
        body: statementFor(t.people.officerA.id, { attachments: [attachmentFor(text)] }),
      });
      expect(response.status).toBe(400);
      expect(await problemField(response)).toBe("attachments.0.sha2");
    });

    it("Communication 1.5.2.s3.b5 / 3.2.s3.b9: an attachment that matches no part and has no fileUrl fails the whole batch", async () => {
      const good = statementFor(t.people.officerA.id, { attachments: [attachmentFor(text)] });
      const missing = statementFor(t.people.officerA.id, { attachments: [attachmentFor(Buffer.from("never sent"))] });
      const response = await send(
        "POST",
        [good, missing],
        [{ content: text, contentType: "text/plain", hash: sha256(text) }],
      );
      expect(response.status).toBe(400);
      expect(await problemField(response)).toBe("1.attachments.0.sha2");
      expect((await raw("GET", `/xapi/statements?statementId=${good.id}`)).status).toBe(404);
    });

    it("Communication 1.5.2.s1.b4, 1.5.2.s2.b2.b3–b7: parts are matched only by a correct SHA-2; a missing or wrong hash, a wrong length or content type, an unclaimed part or a first part that is not JSON is 400 naming it", async () => {
      const statement = () => statementFor(t.people.officerA.id, { attachments: [attachmentFor(text)] });
      const cases: [Parameters<typeof multipart>[1], string][] = [
        [[{ content: text, contentType: "text/plain" }], "body.part.2.header.x-experience-api-hash"],
        [
          [{ content: text, contentType: "text/plain", hash: sha256("something else") }],
          "body.part.2.header.x-experience-api-hash",
        ],
        [[{ content: text, contentType: "text/plain", hash: "abc123" }], "body.part.2.header.x-experience-api-hash"],
        [
          [
            {
              content: text,
              contentType: "text/plain",
              hash: sha256(text),
              headers: { "Content-Transfer-Encoding": "base64" },
            },
          ],
          "body.part.2.header.content-transfer-encoding",
        ],
        [[{ content: text, contentType: "image/png", hash: sha256(text) }], "attachments.0.contentType"],
        [
          [
            { content: text, contentType: "text/plain", hash: sha256(text) },
            { content: Buffer.from("stray"), contentType: "text/plain", hash: sha256("stray") },
          ],
          "body.part.3",
        ],
      ];
      for (const [parts, field] of cases) {
        const response = await send("POST", statement(), parts);
        expect(response.status, field).toBe(400);
        expect(await problemField(response), field).toBe(field);
      }
      const wrongLength = statementFor(t.people.officerA.id, { attachments: [attachmentFor(text, { length: 3 })] });
      const lengthAnswer = await send("POST", wrongLength, [
        { content: text, contentType: "text/plain", hash: sha256(text) },
      ]);
      expect(await problemField(lengthAnswer)).toBe("attachments.0.length");
      const { body, contentType } = multipart(
        statement(),
        [{ content: text, contentType: "text/plain", hash: sha256(text) }],
        {
          firstType: "text/plain",
        },
      );
      const notJson = await raw("POST", "/xapi/statements", { body, contentType });
      expect(notJson.status).toBe(400);
      expect(await problemField(notJson)).toBe("body.part.1");
    });

    it("Communication 2.1.1 / 1.5.2.s4.b1: PUT stores one statement with its attachment from multipart/mixed", async () => {
      const content = Buffer.from(`put attachment ${randomUUID()}`);
      const statement = statementFor(t.people.officerA.id, { attachments: [attachmentFor(content)] });
      const response = await send(
        "PUT",
        statement,
        [{ content, contentType: "text/plain", hash: sha256(content) }],
        `/xapi/statements?statementId=${statement.id}`,
      );
      expect(response.status).toBe(204);
      const answer = await raw("GET", `/xapi/statements?statementId=${statement.id}&attachments=true`);
      expect(Buffer.from(await answer.arrayBuffer()).includes(content)).toBe(true);
    });

    it("Communication 3.2.s3.b11: a statements request larger than the LRS takes (XAPI_MAX_REQUEST_MB) is 413", async () => {
      const big = Buffer.alloc(17 * 1024 * 1024, 1);
      const response = await send("POST", statementFor(t.people.officerA.id, { attachments: [attachmentFor(big)] }), [
        { content: big, contentType: "text/plain", hash: sha256(big) },
      ]);
      expect(response.status).toBe(413);
    });
  });

  describe("signed statements", () => {
    const signatureAttachment = (jws: string) => ({
      usageType: SIGNATURE,
      display: { "en-GB": "Signature" },
      contentType: "application/octet-stream",
      length: Buffer.byteLength(jws),
      sha2: sha256(jws),
    });
    /** Signs the statement as Data 2.6 describes, and answers the statement with its signature attachment. */
    const sign = async (
      statement: Statement,
      options: { keyPem?: string; alg?: string; x5c?: boolean; payload?: unknown } = {},
    ) => {
      const alg = options.alg ?? "RS256";
      const key = await importPKCS8(options.keyPem ?? signingKeyPem, alg);
      const jws = await new CompactSign(Buffer.from(JSON.stringify(options.payload ?? statement)))
        .setProtectedHeader({ alg, ...(options.x5c === false ? {} : { x5c: [signingCertDer] }) })
        .sign(key);
      return {
        signed: { ...statement, attachments: [...(statement.attachments ?? []), signatureAttachment(jws)] },
        jws,
      };
    };
    const post = ({ signed, jws }: { signed: unknown; jws: string }) => {
      const { body, contentType } = multipart(signed, [
        { content: Buffer.from(jws), contentType: "application/octet-stream", hash: sha256(jws) },
      ]);
      return raw("POST", "/xapi/statements", { body, contentType });
    };
    const reasonOf = async (response: Response) =>
      ((await response.json()) as { errors?: { field: string; reason: string }[] }).errors?.[0];

    it("Data 2.6 / 9274.1.1 4.2.6: a statement signed with RS256 and its X.509 certificate in x5c is verified and stored, its signature returned by attachments=true", async () => {
      const statement = statementFor(t.people.officerA.id, { timestamp: "2026-12-01T10:00:00+01:00" });
      const { signed, jws } = await sign(statement);
      const sent = await post({ signed, jws });
      expect(sent.status).toBe(200);
      expect(await sent.json()).toEqual([statement.id]);
      const answer = await raw("GET", `/xapi/statements?statementId=${statement.id}&attachments=true`);
      expect(Buffer.from(await answer.arrayBuffer()).toString("utf8")).toContain(jws);
    });

    it("Data 2.6: RS384 and RS512 are accepted, and a signature without x5c is checked for form and payload only", async () => {
      for (const alg of ["RS384", "RS512"]) {
        expect((await post(await sign(statementFor(t.people.officerA.id), { alg }))).status, alg).toBe(200);
      }
      expect((await post(await sign(statementFor(t.people.officerA.id), { x5c: false }))).status).toBe(200);
    });

    it("Data 2.6 / 9274.1.1 4.2.6: a signature made with another key than its x5c certificate's is 400", async () => {
      const response = await post(await sign(statementFor(t.people.officerA.id), { keyPem: otherKeyPem }));
      expect(response.status).toBe(400);
      expect((await reasonOf(response))?.reason).toMatch(/does not verify against the certificate/);
    });

    it("Data 2.6 / 9274.1.1 4.2.6: a signature over a different statement is 400 (the payload must be logically equivalent)", async () => {
      const statement = statementFor(t.people.officerA.id);
      const { jws } = await sign(statement, {
        payload: { ...statement, verb: { id: "http://adlnet.gov/expapi/verbs/passed" } },
      });
      const response = await post({ signed: { ...statement, attachments: [signatureAttachment(jws)] }, jws });
      expect(response.status).toBe(400);
      expect((await reasonOf(response))?.reason).toMatch(/differs from this one/);
      expect((await raw("GET", `/xapi/statements?statementId=${statement.id}`)).status).toBe(404);
    });

    it("Data 2.6: a signature that is not RS256/384/512, not a compact JWS, or not application/octet-stream is 400 naming the attachment", async () => {
      const statement = statementFor(t.people.officerA.id);
      const hs = `${Buffer.from(JSON.stringify({ alg: "HS256" })).toString("base64url")}.${Buffer.from(JSON.stringify(statement)).toString("base64url")}.c2lnbmF0dXJl`;
      const hsAnswer = await post({ signed: { ...statement, attachments: [signatureAttachment(hs)] }, jws: hs });
      expect(hsAnswer.status).toBe(400);
      expect(await reasonOf(hsAnswer)).toEqual({
        field: "attachments.0",
        reason: expect.stringMatching(/RS256, RS384 or RS512/) as string,
      });
      const garbage = "not a jws at all";
      const garbageAnswer = await post({
        signed: { ...statement, attachments: [signatureAttachment(garbage)] },
        jws: garbage,
      });
      expect((await reasonOf(garbageAnswer))?.reason).toMatch(/compact serialisation/);
      const { jws } = await sign(statement);
      const wrongType = { ...signatureAttachment(jws), contentType: "text/plain" };
      const { body, contentType } = multipart({ ...statement, attachments: [wrongType] }, [
        { content: Buffer.from(jws), contentType: "text/plain", hash: sha256(jws) },
      ]);
      const typeAnswer = await raw("POST", "/xapi/statements", { body, contentType });
      expect(typeAnswer.status).toBe(400);
      // xapi-validation knows this rule too and names the attachment.
      expect((await reasonOf(typeAnswer))?.field).toMatch(/^attachments\.0/);
    });
  });
});
