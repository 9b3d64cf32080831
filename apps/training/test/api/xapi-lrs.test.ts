import { randomUUID } from "node:crypto";
import XAPI from "@xapi/xapi";
import type { Statement, StatementsResponse } from "@xapi/xapi";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnit } from "../../src/server/accounts";
import { completions, users } from "../../src/server/db/schema";
import { XAPI_IRI_BASE, XAPI_VERBS, moduleActivityId } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProjectionAgrees } from "../support/projection";

/**
 * Issue 19: the xAPI LRS at /xapi, driven by a real xAPI client library (@xapi/xapi, which speaks 1.0.3) and by
 * plain fetch for xAPI 2.0 requests, against the real app over HTTP. Test names cite the requirement
 * ("Communication" = xAPI-Communication.md, "Data" = xAPI-Data.md).
 */

interface Credentials {
  id: string;
  key: string;
  secret: string;
}

const V2 = { "x-experience-api-version": "2.0.0" };
const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString("base64")}`;

describe.each(databaseTargets)("xAPI LRS on $name", (target) => {
  let t: TestApp;
  let admin: TestClient;
  let full: Credentials;
  let readOnly: Credentials;
  let writeOnly: Credentials;
  let otherForce: Credentials;
  let lrs: XAPI;
  const moduleId = "stalking-protection-orders";
  const registration = randomUUID();

  const create = async (client: TestClient, body: { name: string; read: boolean; write: boolean }) => {
    const response = await client.post("/api/admin/lrs-clients", body);
    expect(response.status).toBe(201);
    return (await response.json()) as Credentials & { endpoint: string };
  };

  beforeAll(async () => {
    t = await startTestApp(target);
    admin = await t.as(t.people.adminA);
    full = await create(admin, { name: "College Learn", read: true, write: true });
    readOnly = await create(admin, { name: "Reports", read: true, write: false });
    writeOnly = await create(admin, { name: "Authoring tool", read: false, write: true });
    // Force B has no admin among the test people: its client is made through the domain, as an admin would.
    const { createLrsClient } = await import("../../src/server/auth/lrs-clients");
    otherForce = await createLrsClient(
      t.database.db,
      { id: t.people.trainerB.id, forceId: "force-b" },
      {
        name: "Force B platform",
        read: true,
        write: true,
      },
    );
    lrs = new XAPI({ endpoint: `${t.base}/xapi/`, auth: XAPI.toBasicAuth(full.key, full.secret), version: "1.0.3" });
  }, 120_000);
  afterAll(() => t?.close());

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
  const withoutId = ({ id: _id, ...statement }: Statement): Statement => statement;
  const raw = (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; auth?: Credentials | null } = {},
  ) =>
    fetch(`${t.base}${path}`, {
      method,
      headers: {
        ...V2,
        ...(options.auth === null ? {} : { authorization: basic(options.auth ?? full) }),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });

  it("Communication 4.0 / 3.2: missing or wrong credentials get 401 with WWW-Authenticate: Basic", async () => {
    for (const auth of [null, { ...full, secret: "wrong" }, { ...full, key: "lrs-000000000000000000000000" }]) {
      const response = await raw("GET", "/xapi/statements", { auth });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect(response.headers.get("x-experience-api-version")).toBe("2.0.0");
    }
  });

  it("never takes an officer's or admin's session cookie as LRS credentials", async () => {
    const response = await admin.request("GET", "/xapi/statements", { headers: V2 });
    expect(response.status).toBe(401);
  });

  it("Communication 3.2.s3.b10: credentials without the right get 403 (read-only cannot write, write-only cannot read)", async () => {
    expect(
      (await raw("POST", "/xapi/statements", { auth: readOnly, body: statementFor(t.people.officerA.id) })).status,
    ).toBe(403);
    expect((await raw("GET", "/xapi/statements", { auth: writeOnly })).status).toBe(403);
    expect((await raw("GET", "/xapi/statements", { auth: readOnly })).status).toBe(200);
  });

  it("revoked credentials stop working at once", async () => {
    const doomed = await create(admin, { name: "Old platform", read: true, write: true });
    expect((await raw("GET", "/xapi/statements", { auth: doomed })).status).toBe(200);
    expect((await admin.delete(`/api/admin/lrs-clients/${doomed.id}`)).status).toBe(204);
    expect((await raw("GET", "/xapi/statements", { auth: doomed })).status).toBe(401);
    const listed = (await (await admin.get("/api/admin/lrs-clients")).json()) as {
      clients: { id: string; revokedAt: string | null }[];
    };
    expect(listed.clients.find((client) => client.id === doomed.id)?.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(doomed.secret);
    // Another force's client is "not found" to this admin, and keeps working.
    expect((await admin.delete(`/api/admin/lrs-clients/${otherForce.id}`)).status).toBe(404);
    expect((await raw("GET", "/xapi/statements", { auth: otherForce })).status).toBe(200);
    expect(listed.clients.some((client) => client.id === otherForce.id)).toBe(false);
  });

  it("Communication 3.3.s3: the version header is required; 1.0, 1.0.x and 2.0.x are accepted, others refused with 400", async () => {
    for (const [version, status] of [
      ["1.0", 200],
      ["1.0.3", 200],
      ["2.0.0", 200],
      ["2.0", 200],
      ["0.95", 400],
      ["1.1.0", 400],
      ["3.0.0", 400],
    ] as const) {
      const response = await raw("GET", "/xapi/statements?limit=1", {
        headers: { "x-experience-api-version": version },
      });
      expect(response.status, version).toBe(status);
      expect(response.headers.get("x-experience-api-version"), version).toMatch(/^(1\.0\.3|2\.0\.0)$/);
    }
    const none = await fetch(`${t.base}/xapi/statements`, { headers: { authorization: basic(full) } });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      "header.x-experience-api-version",
    );
  });

  it("Communication 2.8: About lists the versions this LRS speaks, without credentials", async () => {
    const about = await lrs.getAbout();
    expect(about.data.version).toEqual(["2.0.0", "1.0.3"]);
    const anonymous = await fetch(`${t.base}/xapi/about`);
    expect(anonymous.status).toBe(200);
  });

  it("Communication 2.1.2: POST stores one statement or a batch and answers their ids in order (through @xapi/xapi)", async () => {
    const one = statementFor(t.people.officerA.id);
    expect((await lrs.sendStatement({ statement: one })).data).toEqual([one.id]);
    const batch = [
      statementFor(t.people.officerA.id),
      statementFor(t.people.officerA2.id),
      withoutId(statementFor(t.people.officerA.id)),
    ];
    const ids = (await lrs.sendStatements({ statements: batch })).data;
    expect(ids.slice(0, 2)).toEqual([batch[0]?.id, batch[1]?.id]);
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("Data 2.4.8–2.4.10: the LRS sets stored and authority, and a version when none was sent", async () => {
    const sent = statementFor(t.people.officerA.id, { authority: { mbox: "mailto:forged@example.invalid" } });
    await lrs.sendStatement({ statement: sent });
    const got = (await lrs.getStatement({ statementId: sent.id ?? "" })).data;
    expect(got.authority).toEqual({
      objectType: "Agent",
      account: { homePage: `${XAPI_IRI_BASE}/lrs-clients`, name: full.id },
    });
    expect(Date.parse(got.stored ?? "")).not.toBeNaN();
    expect(got.version).toBe("1.0.0");
    expect(got.timestamp).toBeDefined();
  });

  it("Communication 2.1.1: PUT with statementId stores it and answers 204; an id in the body that differs is 400", async () => {
    const id = randomUUID();
    const body = withoutId(statementFor(t.people.officerA.id));
    expect((await raw("PUT", `/xapi/statements?statementId=${id}`, { body })).status).toBe(204);
    expect((await raw("GET", `/xapi/statements?statementId=${id}`)).status).toBe(200);
    const mismatch = await raw("PUT", `/xapi/statements?statementId=${randomUUID()}`, {
      body: statementFor(t.people.officerA.id),
    });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("id");
    expect((await raw("PUT", "/xapi/statements", { body })).status).toBe(400);
  });

  it("Data 2.3.1 / Communication 2.1.2.s2.b4–b5: the same id with the same content is a no-op; with other content, 409", async () => {
    const sent = statementFor(t.people.officerA.id, { timestamp: "2026-11-01T10:00:00Z" });
    expect((await raw("POST", "/xapi/statements", { body: sent })).status).toBe(200);
    // The same instant written differently, and an authority the LRS replaces anyway, are the same statement.
    const again = {
      ...sent,
      timestamp: "2026-11-01T10:00:00.000+00:00",
      authority: { mbox: "mailto:x@example.invalid" },
    };
    expect((await raw("POST", "/xapi/statements", { body: again })).status).toBe(200);
    const changed = { ...sent, verb: { id: "http://adlnet.gov/expapi/verbs/attempted" } };
    expect((await raw("POST", "/xapi/statements", { body: changed })).status).toBe(409);
    const got = (await (await raw("GET", `/xapi/statements?statementId=${sent.id}`)).json()) as Statement;
    expect(got.verb.id).toBe(sent.verb.id);
  });

  it("Communication 2.1.2.s2.b6 / 3.2.s3.b9: a batch repeating an id, or holding one bad statement, is refused whole", async () => {
    const one = statementFor(t.people.officerA.id);
    expect((await raw("POST", "/xapi/statements", { body: [one, one] })).status).toBe(400);
    const good = statementFor(t.people.officerA.id);
    const bad = await raw("POST", "/xapi/statements", {
      body: [good, { ...statementFor(t.people.officerA.id), verb: { id: "not an iri" } }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("1.verb.id");
    expect((await raw("GET", `/xapi/statements?statementId=${good.id}`)).status).toBe(404);
  });

  it("Data 2.2 (validated by xapi-validation): a malformed statement is 400 naming the field", async () => {
    const response = await raw("POST", "/xapi/statements", {
      body: {
        ...statementFor(t.people.officerA.id),
        result: { score: { scaled: 2 } },
        timestamp: "2026-11-01T10:00:00",
      },
    });
    expect(response.status).toBe(400);
    const fields = ((await response.json()) as { errors: { field: string }[] }).errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(["result.score.scaled", "timestamp"]));
  });

  it("refuses a statement about nobody in the client's force with 400 naming actor (by account or mbox)", async () => {
    for (const actor of [
      byAccount(randomUUID()),
      byAccount(t.people.officerB.id),
      { mbox: "mailto:nobody@test.invalid" },
    ]) {
      const response = await raw("POST", "/xapi/statements", { body: statementFor(t.people.officerA.id, { actor }) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("actor");
    }
    const byEmail = statementFor(t.people.officerA.id, {
      actor: { mbox: `mailto:${t.people.officerA.email.toUpperCase()}` },
    });
    expect((await raw("POST", "/xapi/statements", { body: byEmail })).status).toBe(200);
  });

  it("a module completed in another platform counts in the completion projection", async () => {
    const completed = statementFor(t.people.officerA2.id, {
      verb: { id: XAPI_VERBS.completed },
      object: { objectType: "Activity", id: moduleActivityId(moduleId) },
      timestamp: "2026-10-01T09:00:00Z",
    });
    await lrs.sendStatement({ statement: completed });
    const [row] = await t.database.db
      .select()
      .from(completions)
      .where(and(eq(completions.userId, t.people.officerA2.id), eq(completions.moduleId, moduleId)));
    expect(row?.status).toBe("completed");
    expect(row?.completedAt?.toISOString()).toBe("2026-10-01T09:00:00.000Z");
    const training = await (await t.as(t.people.trainerA)).get(`/api/users/${t.people.officerA2.id}/training`);
    expect(JSON.stringify(await training.json())).toContain("completed");
  });

  it("counts a statement in the unit its learner is in when it is written, even just after a move", async () => {
    // The LRS keeps the people it has looked up for a moment; the projection row still takes the unit as stored.
    const person = t.people.officerA2;
    await lrs.sendStatement({ statement: statementFor(person.id) });
    const moved = await createUnit(t.database.db, { forceId: "force-a", name: `Moved ${target.name}`, kind: "team" });
    await t.database.db.update(users).set({ unitId: moved }).where(eq(users.id, person.id));
    const other = "victims-rights";
    await lrs.sendStatement({
      statement: statementFor(person.id, {
        verb: { id: XAPI_VERBS.completed },
        object: { objectType: "Activity", id: moduleActivityId(other) },
      }),
    });
    const [row] = await t.database.db
      .select()
      .from(completions)
      .where(and(eq(completions.userId, person.id), eq(completions.moduleId, other)));
    expect(row?.unitId).toBe(moved);
  });

  it("Communication 2.1.3: GET by statementId answers the statement with Last-Modified and Consistent-Through", async () => {
    const sent = statementFor(t.people.officerA.id);
    await lrs.sendStatement({ statement: sent });
    const response = await raw("GET", `/xapi/statements?statementId=${sent.id}`);
    expect(response.status).toBe(200);
    const got = (await response.json()) as Statement;
    expect(new Date(response.headers.get("last-modified") ?? "").getTime()).toBe(
      Math.floor(Date.parse(got.stored ?? "") / 1000) * 1000,
    );
    expect(Date.parse(response.headers.get("x-experience-api-consistent-through") ?? "")).not.toBeNaN();
    const head = await raw("HEAD", `/xapi/statements?statementId=${sent.id}`);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await raw("GET", `/xapi/statements?statementId=${sent.id}&verb=http://x.example/v`)).status).toBe(400);
    expect((await raw("GET", `/xapi/statements?statementId=${sent.id}&voidedStatementId=${sent.id}`)).status).toBe(400);
    expect((await raw("GET", `/xapi/statements?statementId=${randomUUID()}`)).status).toBe(404);
  });

  it("Communication 3.2.s3.b7–b8: an unknown parameter, or a known one in the wrong case, is 400", async () => {
    for (const query of ["colour=red", "Verb=http://x.example/v", "limit=-1", "since=yesterday"]) {
      expect((await raw("GET", `/xapi/statements?${query}`)).status, query).toBe(400);
    }
  });

  it("Communication 2.1.3: filters by agent, verb, activity and registration, and pages with `more` (through @xapi/xapi)", async () => {
    const activity = `https://platform.example/courses/paging-${randomUUID()}`;
    const verb = "http://adlnet.gov/expapi/verbs/attempted";
    const sent = Array.from({ length: 7 }, () =>
      statementFor(t.people.officerA.id, {
        verb: { id: verb },
        object: { objectType: "Activity", id: activity },
        context: { registration },
      }),
    );
    await lrs.sendStatements({ statements: sent });
    await lrs.sendStatement({
      statement: statementFor(t.people.officerA2.id, {
        verb: { id: verb },
        object: { objectType: "Activity", id: activity },
      }),
    });

    const first = await lrs.getStatements({ agent: byAccount(t.people.officerA.id), verb, activity, limit: 3 });
    expect(first.data.statements).toHaveLength(3);
    expect(first.data.more).toMatch(/^\/xapi\/statements\?more=/);
    const seen = first.data.statements.map((statement) => statement.id);
    let more = first.data.more;
    while (more) {
      const page = (await lrs.getMoreStatements({ more })) as { data: StatementsResponse };
      seen.push(...page.data.statements.map((statement) => statement.id));
      more = page.data.more;
    }
    // Newest first (Communication 2.1.3: reverse order of stored), every one once, none of the other learner's.
    expect(seen).toEqual([...sent].reverse().map((statement) => statement.id));
    const ascending = await lrs.getStatements({ registration, ascending: true, limit: 0 });
    expect(ascending.data.statements.map((statement) => statement.id)).toEqual(sent.map((statement) => statement.id));
    // The same person by email finds the same statements.
    const byEmail = await lrs.getStatements({ agent: { mbox: `mailto:${t.people.officerA.email}` }, activity });
    expect(byEmail.data.statements).toHaveLength(7);
  });

  it("Communication 2.1.3: since is exclusive, until inclusive, on stored time", async () => {
    const sent = statementFor(t.people.officerA.id);
    await lrs.sendStatement({ statement: sent });
    const stored = (await lrs.getStatement({ statementId: sent.id ?? "" })).data.stored ?? "";
    const activity = (sent.object as { id: string }).id;
    expect((await lrs.getStatements({ activity, until: stored })).data.statements).toHaveLength(1);
    const before = new Date(Date.parse(stored) - 1).toISOString();
    expect((await lrs.getStatements({ activity, since: before })).data.statements).toHaveLength(1);
    expect((await lrs.getStatements({ activity, until: before })).data.statements).toHaveLength(0);
  });

  it("Communication 2.1.3.s2.b4: no match is 200 with an empty list; another force's client sees none of force A's statements", async () => {
    const sent = statementFor(t.people.officerA.id);
    await lrs.sendStatement({ statement: sent });
    const activity = (sent.object as { id: string }).id;
    const theirs = await raw("GET", `/xapi/statements?activity=${encodeURIComponent(activity)}`, { auth: otherForce });
    expect(theirs.status).toBe(200);
    expect(await theirs.json()).toEqual({ statements: [], more: "" });
    expect((await raw("GET", `/xapi/statements?statementId=${sent.id}`, { auth: otherForce })).status).toBe(404);
  });

  it("Communication 2.1.3: related_activities matches context activities too", async () => {
    const parent = `https://platform.example/programmes/${randomUUID()}`;
    // A single Activity rather than a list, as 1.0.x allows (the library's types only know the list form).
    const single = { parent: { id: parent } } as unknown as { parent: { id: string }[] };
    const sent = statementFor(t.people.officerA.id, { context: { contextActivities: single } });
    await lrs.sendStatement({ statement: sent });
    expect((await lrs.getStatements({ activity: parent })).data.statements).toHaveLength(0);
    const related = await lrs.getStatements({ activity: parent, related_activities: true });
    expect(related.data.statements.map((statement) => statement.id)).toEqual([sent.id]);
    // Data 2.4.6.2: every contextActivities value is returned as an array.
    expect(related.data.statements[0]?.context?.contextActivities?.parent).toEqual([{ id: parent }]);
  });

  it("Communication 2.1.3: format=ids keeps only identifiers; canonical keeps one language", async () => {
    const sent = statementFor(t.people.officerA.id, {
      actor: { ...byAccount(t.people.officerA.id), name: "Officer A" },
      verb: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-GB": "experienced", cy: "profi" } },
    });
    await lrs.sendStatement({ statement: sent });
    const ids = (await (await raw("GET", `/xapi/statements?statementId=${sent.id}&format=ids`)).json()) as Statement;
    expect(ids.actor).toEqual(byAccount(t.people.officerA.id));
    expect(ids.verb).toEqual({ id: sent.verb.id });
    const canonical = (await (
      await raw("GET", `/xapi/statements?statementId=${sent.id}&format=canonical`, {
        headers: { "accept-language": "cy, en;q=0.5" },
      })
    ).json()) as Statement;
    expect(canonical.verb.display).toEqual({ cy: "profi" });
  });

  it("Data 2.3.2 / Communication 2.1.4: a voided statement leaves queries and is read by voidedStatementId; a voiding statement cannot be voided", async () => {
    const target = statementFor(t.people.officerA.id);
    await lrs.sendStatement({ statement: target });
    const [voidingId] = (
      await lrs.voidStatement({ actor: byAccount(t.people.officerA.id), statementId: target.id ?? "" })
    ).data;
    await expect(lrs.getStatement({ statementId: target.id ?? "" })).rejects.toThrow();
    expect((await lrs.getVoidedStatement({ voidedStatementId: target.id ?? "" })).data.id).toBe(target.id);
    const activity = (target.object as { id: string }).id;
    // The voiding statement still matches the voided one's activity (the StatementRef rule); the voided one does not.
    const listed = await lrs.getStatements({ activity });
    expect(listed.data.statements.map((statement) => statement.id)).toEqual([voidingId]);
    const again = await raw("POST", "/xapi/statements", {
      body: statementFor(t.people.officerA.id, {
        verb: { id: "http://adlnet.gov/expapi/verbs/voided" },
        object: { objectType: "StatementRef", id: voidingId ?? "" },
      }),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("object.id");
  });

  it("Data 2.3.2: voiding a completion recorded elsewhere takes it out of the completion projection", async () => {
    const otherModule = t.catalog.modules.find((module) => module.id !== moduleId)?.id ?? "";
    const rowOf = async () =>
      (
        await t.database.db
          .select()
          .from(completions)
          .where(and(eq(completions.userId, t.people.officerA.id), eq(completions.moduleId, otherModule)))
      )[0];
    const launched = statementFor(t.people.officerA.id, {
      verb: { id: XAPI_VERBS.launched },
      object: { objectType: "Activity", id: moduleActivityId(otherModule) },
    });
    const completed = statementFor(t.people.officerA.id, {
      verb: { id: XAPI_VERBS.completed },
      object: { objectType: "Activity", id: moduleActivityId(otherModule) },
    });
    await lrs.sendStatements({ statements: [launched, completed] });
    expect((await rowOf())?.status).toBe("completed");
    await lrs.voidStatement({ actor: byAccount(t.people.officerA.id), statementId: completed.id ?? "" });
    const after = await rowOf();
    expect(after?.status).toBe("in-progress");
    expect(after?.completedAt).toBeNull();
    // A statement written after the voiding applies on top of the rebuilt row (the writer's cached row is stale).
    await lrs.sendStatement({ statement: { ...completed, id: randomUUID() } });
    expect((await rowOf())?.status).toBe("completed");
  });

  it("keeps the completion projection equal to a fold of the log without its voided statements", async () => {
    expect(await expectProjectionAgrees(t.database.db, t.catalog)).toBeGreaterThan(0);
  });

  it("accepts xAPI 2.0 statements (contextAgents, a 2.0.0 version) from a 2.0 client", async () => {
    const sent = {
      ...statementFor(t.people.officerA.id),
      version: "2.0.0",
      context: { contextAgents: [{ objectType: "contextAgent", agent: { mbox: "mailto:trainer@example.invalid" } }] },
    };
    expect((await raw("POST", "/xapi/statements", { body: sent })).status).toBe(200);
    const got = (await (await raw("GET", `/xapi/statements?statementId=${sent.id}`)).json()) as { version: string };
    expect(got.version).toBe("2.0.0");
    const bad = await raw("POST", "/xapi/statements", {
      body: { ...sent, id: randomUUID(), context: { contextAgents: [{ agent: {} }] } },
    });
    expect(bad.status).toBe(400);
  });

  it("Communication 2.5: Activities answers the definition the statements last gave, or the id alone", async () => {
    const id = `https://platform.example/courses/defined-${randomUUID()}`;
    const unknown = await lrs.getActivity({ activityId: id });
    expect(unknown.data).toEqual({ objectType: "Activity", id });
    const definition = {
      name: { "en-GB": "Stalking awareness (College Learn)" },
      type: "http://adlnet.gov/expapi/activities/course",
    };
    await lrs.sendStatement({
      statement: statementFor(t.people.officerA.id, { object: { objectType: "Activity", id, definition } }),
    });
    expect((await lrs.getActivity({ activityId: id })).data).toEqual({ objectType: "Activity", id, definition });
    expect((await raw("GET", "/xapi/activities")).status).toBe(400);
    expect(
      (await raw("GET", `/xapi/activities?activityId=${encodeURIComponent(id)}`, { auth: writeOnly })).status,
    ).toBe(403);
  });

  it("Communication 2.4: Agents answers a Person object with what the request gave, for unknown agents too", async () => {
    const person = await lrs.getAgent({ agent: { mbox: "mailto:someone@example.invalid", name: "Someone" } });
    expect(person.data).toEqual({ objectType: "Person", name: ["Someone"], mbox: ["mailto:someone@example.invalid"] });
    expect((await raw("GET", "/xapi/agents?agent=not-json")).status).toBe(400);
  });

  it("Communication 2.3: State documents are stored, merged, listed and deleted per activity, agent and registration (through @xapi/xapi)", async () => {
    const agent = byAccount(t.people.officerA.id);
    const activityId = moduleActivityId(moduleId);
    await lrs.setState({ agent, activityId, registration, stateId: "bookmark", state: { lesson: "one", page: 2 } });
    expect((await lrs.getState({ agent, activityId, registration, stateId: "bookmark" })).data).toEqual({
      lesson: "one",
      page: 2,
    });
    // Communication 2.2.s7: POST merges top-level properties into a JSON document.
    await lrs.createState({ agent, activityId, registration, stateId: "bookmark", state: { page: 3, seen: true } });
    const merged = await lrs.getState({ agent, activityId, registration, stateId: "bookmark" });
    expect(merged.data).toEqual({ lesson: "one", page: 3, seen: true });
    expect(merged.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    await lrs.setState({
      agent,
      activityId,
      stateId: "no-registration",
      state: "plain text",
      contentType: "text/plain",
    });
    expect((await lrs.getStates({ agent, activityId, registration })).data).toEqual(["bookmark"]);
    await lrs.deleteState({ agent, activityId, registration, stateId: "bookmark" });
    await expect(lrs.getState({ agent, activityId, registration, stateId: "bookmark" })).rejects.toThrow();
    expect((await lrs.getState({ agent, activityId, stateId: "no-registration" })).data).toBe("plain text");
  });

  it("Communication 3.1: State honours If-Match and If-None-Match (412 when they do not hold)", async () => {
    const query = `activityId=${encodeURIComponent(moduleActivityId(moduleId))}&agent=${encodeURIComponent(JSON.stringify(byAccount(t.people.officerA.id)))}&stateId=etags`;
    const put = (headers: Record<string, string>, body: unknown) =>
      raw("PUT", `/xapi/activities/state?${query}`, { body, headers });
    expect((await put({ "if-none-match": "*" }, { a: 1 })).status).toBe(204);
    expect((await put({ "if-none-match": "*" }, { a: 2 })).status).toBe(412);
    const etag = (await raw("GET", `/xapi/activities/state?${query}`)).headers.get("etag") ?? "";
    expect((await put({ "if-match": '"0000000000000000000000000000000000000000"' }, { a: 3 })).status).toBe(412);
    expect((await put({ "if-match": etag }, { a: 4 })).status).toBe(204);
    expect(await (await raw("GET", `/xapi/activities/state?${query}`)).json()).toEqual({ a: 4 });
  });

  it("Communication 2.2.s8.b1: POSTing a non-JSON document onto a JSON one is 400 and changes nothing", async () => {
    const query = `activityId=${encodeURIComponent(moduleActivityId(moduleId))}&agent=${encodeURIComponent(JSON.stringify(byAccount(t.people.officerA.id)))}&stateId=merge`;
    expect((await raw("PUT", `/xapi/activities/state?${query}`, { body: { a: 1 } })).status).toBe(204);
    const text = await fetch(`${t.base}/xapi/activities/state?${query}`, {
      method: "POST",
      headers: { ...V2, authorization: basic(full), "content-type": "text/plain" },
      body: "not json",
    });
    expect(text.status).toBe(400);
    expect(await (await raw("GET", `/xapi/activities/state?${query}`)).json()).toEqual({ a: 1 });
  });
});
