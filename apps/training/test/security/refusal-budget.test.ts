import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RefusalBudget } from "../../src/server/http/refusal-budget";
import { XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

// Issue 14: a caller that keeps sending statements the server refuses is paced, so it cannot take the
// server's ingestion from honest writers (bench/ingest-bench.ts measures that; these test the rule).
describe("a refusal budget", () => {
  it("allows its capacity at once, then one more per refill interval", () => {
    const budget = new RefusalBudget(3, 6); // 3 at once, one more every 10 s
    const t0 = 1_000_000;
    for (let n = 0; n < 3; n += 1) {
      expect(budget.waitFor("a", t0)).toBe(0);
      budget.spend("a", t0);
    }
    expect(budget.waitFor("a", t0)).toBe(10_000);
    expect(budget.waitFor("a", t0 + 4_000)).toBe(6_000);
    expect(budget.waitFor("a", t0 + 10_000)).toBe(0);
    // Another caller has a budget of its own.
    expect(budget.waitFor("b", t0)).toBe(0);
  });

  it("forgets the least recently refused caller first when full", () => {
    const budget = new RefusalBudget(1, 1, 2);
    budget.spend("a", 0);
    budget.spend("b", 0);
    budget.spend("a", 1);
    budget.spend("c", 2); // over the limit of 2 callers: "b" (refused least recently) is forgotten
    expect(budget.waitFor("b", 3)).toBe(0);
    expect(budget.waitFor("a", 3)).toBeGreaterThan(0);
    expect(budget.waitFor("c", 3)).toBeGreaterThan(0);
  });
});

describe.each(databaseTargets)("statement writes from a caller that keeps being refused on $name", (target) => {
  const ALLOWED = 4;
  let t: TestApp;
  let clock = Date.parse("2026-06-01T09:00:00Z");
  beforeAll(async () => {
    t = await startTestApp(target, {
      now: () => new Date(clock),
      env: { STATEMENT_REFUSALS_PER_MINUTE: String(ALLOWED) },
    });
  }, 120_000);
  afterAll(() => t?.close());

  const statement = (actor: string, overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    actor: { account: { homePage: XAPI_IRI_BASE, name: actor } },
    verb: { id: XAPI_VERBS.experienced },
    object: { id: lessonActivityId("online-stalking", t.catalog.module("online-stalking")?.lessons[0]?.id ?? "") },
    ...overrides,
  });

  it("answers 429 with Retry-After once the budget is spent, leaves others alone, and lets it write again later", async () => {
    const poisoner = await t.as(t.people.officerA);
    const honest = await t.as(t.people.officerB);
    const poisonerId = t.people.officerA.id;
    for (let n = 0; n < ALLOWED; n += 1) {
      const refused = await poisoner.post(
        "/api/statements",
        statement(poisonerId, { context: { platform: "\u0000" } }),
      );
      expect((await expectProblem(refused, 400)).errors?.[0]?.field).toBe("context.platform");
    }
    // Spent: even an honest statement from this caller is answered 429 (held, then refused unread).
    const paced = await poisoner.post("/api/statements", statement(poisonerId));
    const problem = await expectProblem(paced, 429);
    expect(problem.title).toBe("Too many refused statements");
    expect(Number(paced.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
    // Everyone else writes as before.
    expect((await honest.post("/api/statements", statement(t.people.officerB.id))).status).toBe(200);
    // A refill interval later (60 s / 4) the caller writes again.
    clock += 15_000;
    expect((await poisoner.post("/api/statements", statement(poisonerId))).status).toBe(200);
  });

  it("counts an xAPI client's refusals by its credential", async () => {
    const admin = await t.as(t.people.adminA);
    const made = await admin.post("/api/admin/lrs-clients", { name: "Budget platform", read: true, write: true });
    const { key, secret } = (await made.json()) as { key: string; secret: string };
    const headers = {
      authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
      "x-experience-api-version": "2.0.0",
      "content-type": "application/json",
    };
    const post = (body: unknown) =>
      fetch(new URL("/xapi/statements", t.base), { method: "POST", headers, body: JSON.stringify(body) });
    for (let n = 0; n < ALLOWED; n += 1) {
      expect((await post({ actor: { mbox: "not-an-iri" }, verb: {}, object: {} })).status).toBe(400);
    }
    expect((await post({ actor: { mbox: "not-an-iri" }, verb: {}, object: {} })).status).toBe(429);
  });
});
