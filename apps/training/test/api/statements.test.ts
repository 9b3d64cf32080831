import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statements } from "../../src/server/db/schema";
import { XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId, moduleActivityId } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";
import { expectProjectionAgrees } from "../support/projection";

describe.each(databaseTargets)("xAPI statements on $name", (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  }, 120_000);
  afterAll(() => t?.close());

  const statement = (userId: string, overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    actor: { objectType: "Agent", account: { homePage: XAPI_IRI_BASE, name: userId } },
    verb: { id: XAPI_VERBS.experienced, display: { "en-GB": "experienced" } },
    object: {
      objectType: "Activity",
      id: lessonActivityId("online-stalking", t.catalog.module("online-stalking")?.lessons[0]?.id ?? ""),
    },
    timestamp: "2026-11-27T10:00:00.000Z",
    ...overrides,
  });
  const stored = async (id: string) => {
    const [row] = await t.database.db.select({ n: count() }).from(statements).where(eq(statements.id, id));
    return row?.n ?? 0;
  };

  it("stores a statement once: the same id and content again is a no-op", async () => {
    const client = await t.as(t.people.officerA);
    const body = statement(t.people.officerA.id);
    const first = await client.post("/api/statements", body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual([body.id]);
    // Key order differs; the content is the same, so it is the same statement.
    const reordered = {
      object: body.object,
      verb: body.verb,
      timestamp: body.timestamp,
      actor: body.actor,
      id: body.id,
    };
    const again = await client.post("/api/statements", reordered);
    expect(again.status).toBe(200);
    expect(await stored(body.id)).toBe(1);
  });

  it("answers 409 naming the id when the id is reused with different content, and stores nothing new", async () => {
    const client = await t.as(t.people.officerA);
    const body = statement(t.people.officerA.id);
    expect((await client.post("/api/statements", body)).status).toBe(200);
    const changed = await client.post("/api/statements", { ...body, timestamp: "2026-11-27T11:00:00.000Z" });
    const problem = await expectProblem(changed, 409);
    expect(problem.errors?.[0]?.field).toBe("id");
    const [row] = await t.database.db
      .select({ statement: statements.statement })
      .from(statements)
      .where(eq(statements.id, body.id));
    expect((row?.statement as { timestamp: string }).timestamp).toBe("2026-11-27T10:00:00.000Z");
  });

  it("stores a batch all or nothing", async () => {
    const client = await t.as(t.people.officerA2);
    const good = statement(t.people.officerA2.id);
    const foreign = statement(t.people.officerA.id);
    const refused = await client.post("/api/statements", [good, foreign]);
    expect((await expectProblem(refused, 403)).errors?.[0]?.field).toBe("1.actor.account.name");
    expect(await stored(good.id)).toBe(0);

    const clash = await client.post("/api/statements", [good, { ...good, timestamp: "2026-01-01T00:00:00.000Z" }]);
    await expectProblem(clash, 409);
    expect(await stored(good.id)).toBe(0);

    const ok = await client.post("/api/statements", [good, statement(t.people.officerA2.id)]);
    expect(ok.status).toBe(200);
    expect(await stored(good.id)).toBe(1);
  });

  it("assigns an id when the client sends none", async () => {
    const client = await t.as(t.people.officerA);
    const { id: _id, ...body } = statement(t.people.officerA.id);
    const ids = (await (await client.post("/api/statements", body)).json()) as string[];
    expect(ids).toHaveLength(1);
    expect(await stored(ids[0] ?? "")).toBe(1);
  });

  it("never lets a client record a result: passed, failed, answered and completed are server-only", async () => {
    const client = await t.as(t.people.officerA);
    for (const verb of [XAPI_VERBS.passed, XAPI_VERBS.completed, XAPI_VERBS.failed, XAPI_VERBS.answered]) {
      const body = statement(t.people.officerA.id, {
        verb: { id: verb },
        object: { id: moduleActivityId("online-stalking") },
      });
      const problem = await expectProblem(await client.post("/api/statements", body), 403);
      expect(problem.errors?.[0]?.field).toBe("verb.id");
    }
  });

  it("refuses activities outside the course and malformed statements, naming the field", async () => {
    const client = await t.as(t.people.officerA);
    const unknown = statement(t.people.officerA.id, {
      object: { id: lessonActivityId("online-stalking", "no-such-lesson") },
    });
    expect((await expectProblem(await client.post("/api/statements", unknown), 400)).errors?.[0]?.field).toBe(
      "object.id",
    );
    const mailbox = statement(t.people.officerA.id, { actor: { mbox: "mailto:someone@test.invalid" } });
    expect((await expectProblem(await client.post("/api/statements", mailbox), 400)).errors?.[0]?.field).toMatch(
      /^actor/,
    );
    const badScore = statement(t.people.officerA.id, { result: { score: { scaled: 2 } } });
    expect((await expectProblem(await client.post("/api/statements", badScore), 400)).errors?.[0]?.field).toBe(
      "result.score.scaled",
    );
  });

  it("keeps the projection equal to the statement log under concurrent generated writes", async () => {
    const learners = [t.people.officerA, t.people.officerA2, t.people.trainerA];
    const clients = await Promise.all(learners.map((person) => t.as(person)));
    const activities = t.catalog.modules.flatMap((module) => [
      moduleActivityId(module.id),
      ...module.lessons.map((lesson) => lessonActivityId(module.id, lesson.id)),
    ]);
    const writes = fc.sample(
      fc.record({
        who: fc.integer({ min: 0, max: learners.length - 1 }),
        verb: fc.constantFrom(XAPI_VERBS.launched, XAPI_VERBS.experienced),
        activity: fc.constantFrom(...activities),
        minute: fc.integer({ min: 0, max: 10_000 }),
      }),
      { numRuns: 120, seed: 7 },
    );
    // Eight at a time, so writes for the same learner and module really do race for the row lock.
    for (let i = 0; i < writes.length; i += 8) {
      const responses = await Promise.all(
        writes.slice(i, i + 8).map((write) => {
          const person = learners[write.who];
          const client = clients[write.who];
          if (!person || !client) throw new Error("no learner");
          return client.post(
            "/api/statements",
            statement(person.id, {
              verb: { id: write.verb },
              object: { id: write.activity },
              timestamp: new Date(Date.UTC(2026, 10, 1) + write.minute * 60_000).toISOString(),
            }),
          );
        }),
      );
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    }
    expect(await expectProjectionAgrees(t.database.db, t.catalog)).toBeGreaterThan(3);
  });
});
