import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId } from "../../src/shared/api";
import type { TestClient } from "../support/client";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";

// Per endpoint per database. Enough to reach every branch of each validator many times over while keeping
// the file to well under a minute on a 2-core machine.
const RUNS = 200;

/** A value, or sometimes anything at all in its place. */
const orJunk = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.anything() });
/** A JSON body that is mostly the right shape with wrong parts, or any JSON, or not JSON. */
const bodies = (nearlyValid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    nearlyValid.map((value) => ({ raw: JSON.stringify(value) ?? "null" })),
    fc.jsonValue().map((value) => ({ raw: JSON.stringify(value) })),
    fc.string({ maxLength: 200 }).map((raw) => ({ raw })),
  );

describe.each(databaseTargets)("bad input never reaches a 5xx on $name", (target) => {
  let t: TestApp;
  let client: TestClient;
  let admin: TestClient;
  let lessonId: string;
  beforeAll(async () => {
    // The fuzz asks what each input is answered, not how often one caller may be refused (refusal-budget.test.ts).
    t = await startTestApp(target, { env: { STATEMENT_REFUSALS_PER_MINUTE: "1000000" } });
    client = await t.as(t.people.officerA);
    // Signed in before the sign-in endpoint is hammered, which may throttle this address.
    admin = await t.as(t.people.adminA);
    lessonId = t.catalog.module("online-stalking")?.lessons[0]?.id ?? "";
  }, 120_000);
  afterAll(() => t?.close());

  async function hammer(
    method: string,
    paths: fc.Arbitrary<string>,
    body: fc.Arbitrary<{ raw: string }>,
    caller: () => TestClient,
    runs = RUNS,
  ) {
    const statuses = new Map<number, number>();
    const samples = fc.sample(fc.tuple(paths, body), { numRuns: runs, seed: 20_261_128 });
    for (let i = 0; i < samples.length; i += 8) {
      const batch = samples.slice(i, i + 8);
      const responses = await Promise.all(
        batch.map(([path, { raw }]) =>
          caller().request(method, path, { body: raw, headers: { "content-type": "application/json" } }),
        ),
      );
      for (const [index, response] of responses.entries()) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        expect(
          response.status,
          `${method} ${batch[index]?.[0]} ${batch[index]?.[1].raw.slice(0, 200)} → ${text}`,
        ).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers.get("content-type")).toMatch(/problem\+json/);
      }
    }
    // The generators must actually hit the validators: most answers are 4xx, not all 200.
    const refused = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, n]) => sum + n, 0);
    expect(refused).toBeGreaterThan(runs / 2);
    return statuses;
  }

  it("POST /api/statements", async () => {
    const statement = fc.record({
      id: orJunk(fc.uuid()),
      actor: orJunk(
        fc.record({
          account: orJunk(
            fc.record({
              homePage: orJunk(fc.constant(XAPI_IRI_BASE)),
              name: orJunk(fc.constant(t.people.officerA.id)),
            }),
          ),
        }),
      ),
      verb: orJunk(fc.record({ id: orJunk(fc.constantFrom(...Object.values(XAPI_VERBS))) })),
      object: orJunk(fc.record({ id: orJunk(fc.constant(lessonActivityId("online-stalking", lessonId))) })),
      result: fc.option(fc.anything(), { nil: undefined }),
      context: fc.option(fc.record({ registration: orJunk(fc.uuid()) }), { nil: undefined }),
      timestamp: fc.option(orJunk(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), { nil: undefined }),
    });
    await hammer(
      "POST",
      fc.constant("/api/statements"),
      bodies(fc.oneof(statement, fc.array(statement, { maxLength: 5 }))),
      () => client,
    );
  });

  it("POST /api/modules/:moduleId/attempts", async () => {
    const module = t.catalog.module("stalking-protection-orders");
    if (!module) throw new Error("module 3 missing");
    const questionIds = module.knowledgeCheck.questions.map((question) => question.id);
    const optionIds = module.knowledgeCheck.questions.flatMap((question) =>
      question.options.map((option) => option.id),
    );
    const attempt = fc.record({
      attemptId: orJunk(fc.uuid()),
      answers: orJunk(
        fc.array(
          fc.record({
            questionId: orJunk(fc.constantFrom(...questionIds)),
            optionIds: orJunk(fc.array(fc.constantFrom(...optionIds), { maxLength: 4 })),
          }),
          { maxLength: 15 },
        ),
      ),
    });
    const paths = fc.oneof(
      { weight: 4, arbitrary: fc.constant(`/api/modules/${module.id}/attempts`) },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 30 }).map((id) => `/api/modules/${encodeURIComponent(id)}/attempts`),
      },
    );
    await hammer("POST", paths, bodies(attempt), () => client);
  });

  it("PUT /api/modules/:moduleId/progress", async () => {
    const module = t.catalog.module("online-stalking");
    if (!module) throw new Error("module 4 missing");
    const progress = fc.record({
      lessonId: orJunk(fc.constantFrom(...module.lessons.map((lesson) => lesson.id), "no-such-lesson")),
    });
    const paths = fc.oneof(
      { weight: 4, arbitrary: fc.constant(`/api/modules/${module.id}/progress`) },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 30 }).map((id) => `/api/modules/${encodeURIComponent(id)}/progress`),
      },
    );
    await hammer("PUT", paths, bodies(progress), () => client);
  });

  it("POST /api/session", async () => {
    // Shapes that pass validation cost an argon2 verification each, so this endpoint leans on junk.
    const signIn = fc.record({ identifier: orJunk(fc.string({ maxLength: 40 })), password: fc.anything() });
    const visitor = t.client();
    await visitor.refreshSession();
    await hammer("POST", fc.constant("/api/session"), bodies(signIn), () => visitor);
  });

  it("DELETE /api/session with a body it does not expect", async () => {
    await hammer("DELETE", fc.constant("/api/session"), bodies(fc.anything()), () => {
      const visitor = t.client();
      visitor.csrfToken = "not-a-valid-token-for-this-visitor";
      return visitor;
    });
  });

  it("admin writes: POST /api/admin/units, POST /api/admin/users, PATCH /api/admin/users/:userId", async () => {
    const unit = fc.record({
      name: orJunk(fc.string({ maxLength: 130 })),
      kind: orJunk(fc.constantFrom("command", "team")),
      parentId: fc.option(orJunk(fc.uuid()), { nil: undefined }),
    });
    await hammer("POST", fc.constant("/api/admin/units"), bodies(unit), () => admin, RUNS / 2);
    // Mostly invalid on purpose: each valid body costs an argon2 hash.
    const user = fc.record({
      email: orJunk(fc.emailAddress()),
      displayName: orJunk(fc.string({ maxLength: 130 })),
      role: orJunk(fc.constantFrom("officer", "trainer", "admin")),
      jobRole: orJunk(fc.constantFrom("call-handler", "staff")),
      password: fc.anything(),
    });
    await hammer("POST", fc.constant("/api/admin/users"), bodies(user), () => admin, RUNS / 2);
    const change = fc.record(
      { role: orJunk(fc.constantFrom("officer", "trainer")), unitId: orJunk(fc.uuid()), disabled: fc.anything() },
      { requiredKeys: [] },
    );
    const paths = fc.oneof(
      fc.constant(`/api/admin/users/${t.people.officerB.id}`),
      fc.string({ maxLength: 40 }).map((id) => `/api/admin/users/${encodeURIComponent(id)}`),
    );
    await hammer("PATCH", paths, bodies(change), () => admin, RUNS / 2);
  });

  it("still serves correct requests afterwards", async () => {
    const response = await client.post("/api/statements", {
      id: randomUUID(),
      actor: { account: { homePage: XAPI_IRI_BASE, name: t.people.officerA.id } },
      verb: { id: XAPI_VERBS.launched },
      object: { id: lessonActivityId("online-stalking", lessonId) },
    });
    expect(response.status).toBe(200);
  });
});
