import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CSRF_HEADER, XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId, moduleActivityId } from "../../src/shared/api";
import { createAccount, createUnit } from "../../src/server/accounts";
import { rotateScimToken } from "../../src/server/auth/identity-admin";
import { issuePasswordReset } from "../../src/server/auth/password-reset";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { CERTIFICATE_CHECKS_PER_WINDOW } from "../../src/server/routes/certificates";
import { drawAttempt } from "../support/attempts";
import { databaseTargets } from "../support/databases";
import { COMPLETION_COLUMNS, PEOPLE_COLUMNS } from "../../src/shared/import-api";

/**
 * Issue 14: the extended fuzz. Every write endpoint (and the trainer's search and cursors) gets
 * `FUZZ_RUNS` seeded requests (10,000 by default) built from the character classes and dates that reached
 * a 500 before: NUL, unpaired surrogates, bidi overrides, zero-width and control characters, combining
 * marks, astral characters, very long strings, impossible and far-away dates and offsets, huge numbers.
 * Requests go in-process (fastify's inject, through every hook) so the run fits CI's budget; the answer must
 * never be a 5xx and every refusal is problem+json.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
// 10,000 requests take tens of seconds per endpoint on a busy 2-core machine; the file's wall time is printed.
vi.setConfig({ testTimeout: 900_000 });
const SEED = 20_261_206;

const poison = fc.constantFrom(
  "\u0000",
  "\ud800",
  "\udfff",
  "\ud83d",
  "\u202e",
  "\u2066",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\u0007",
  "\u0301",
  "\u{1f46e}",
  "e\u0301",
  "\u00e9",
  "'; DROP TABLE users; --",
  "%00",
  "\\u0000",
);
/** Text mixing ordinary characters with the poison classes, sometimes very long. */
const text = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 6 }), poison), { maxLength: 8 }).map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 5000 }) },
);
const dates = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31",
    "1969-12-31T23:59:59Z",
    "2026-02-30",
    "2026-06-01T24:00:00Z",
    "2026-06-01T23:59:60Z",
    "2026-06-01T09:00:00+14:01",
    "2026-06-01T09:00:00-23:59",
    "2026-06-01T09:00:00.123456789Z",
    "+275760-09-13T00:00:00Z",
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -23, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(
      ([year, hours, minutes]) =>
        `${String(year).padStart(4, "0")}-06-01T09:00:00${hours < 0 ? "-" : "+"}${String(Math.abs(hours)).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`,
    ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);
const numbers = fc.oneof(
  fc.constantFrom(2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -0, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
/** A value, or sometimes poison text, a date, a number or anything at all in its place. */
const or = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 2, arbitrary: text },
    { weight: 1, arbitrary: dates },
    { weight: 1, arbitrary: numbers },
    { weight: 1, arbitrary: fc.anything() },
  );
/** A path segment: the known one, or poison, percent-encoded (raw encodings of NUL and a lone surrogate too). */
const segment = (known: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(encodeURIComponent(known)) },
    { weight: 1, arbitrary: fc.constantFrom("%00", "%ED%A0%80", "%C0%80", "%E2%80%AE", "%", "..%2F..%2F") },
    {
      weight: 2,
      arbitrary: or(fc.constant(known)).map((value) => {
        try {
          return encodeURIComponent(String(value));
        } catch {
          // A lone surrogate has no UTF-8 form: send the bytes a careless client would.
          return `${encodeURIComponent(String(value).replace(/[\ud800-\udfff]/g, ""))}%ED%B0%80`;
        }
      }),
    },
  );

/** Answers to a knowledge check: mostly real question and option ids, sometimes anything in their place. */
const answersOf = (questionIds: readonly string[], optionIds: readonly string[]) =>
  or(
    fc.array(
      fc.record({
        questionId: or(fc.constantFrom(...questionIds)),
        optionIds: or(fc.array(or(fc.constantFrom(...optionIds)), { maxLength: 4 })),
      }),
      { maxLength: 8 },
    ),
  );

/** A query string of fuzzed values: strings as they are, anything else as its JSON. */
function queryOf(values: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    search.set(key, typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
  }
  return search.toString();
}

describe.each(databaseTargets)("the extended fuzz finds no 5xx on $name", (target) => {
  let t: TestApp;
  let officer: TestClient;
  let admin: TestClient;
  let trainer: TestClient;
  let passwordPerson: TestClient;
  const counts: Record<string, number> = {};
  beforeAll(async () => {
    // The fuzz asks what each input is answered, not how often one caller may be refused (refusal-budget.test.ts).
    t = await startTestApp(target, { env: { STATEMENT_REFUSALS_PER_MINUTE: "1000000" } });
    officer = await t.as(t.people.officerA);
    admin = await t.as(t.people.adminA);
    trainer = await t.as(t.people.trainerA);
    // Signed in before the sign-in fuzz has spent this address's failed-sign-in ceiling (auth/throttle.ts).
    const email = `fuzz.${randomUUID()}@test.invalid`;
    await createAccount(t.database.db, {
      forceId: "force-a",
      email,
      displayName: "Fuzz Person",
      role: "officer",
      jobRole: "staff",
      password: PASSWORD,
    });
    passwordPerson = t.client();
    await passwordPerson.signIn(email, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    console.log(`fuzz on ${target.name}: ${JSON.stringify(counts)}`);
    await t?.close();
  });

  const headersOf = (client: TestClient | null): Record<string, string> => {
    if (!client) return {};
    const cookies = ["srt_session", "srt_csrf"].flatMap((name) => {
      const value = client.cookie(name);
      return value ? [`${name}=${value}`] : [];
    });
    return {
      ...(cookies.length ? { cookie: cookies.join("; ") } : {}),
      ...(client.csrfToken ? { [CSRF_HEADER]: client.csrfToken } : {}),
    };
  };

  async function fuzz(
    name: string,
    method: "GET" | "POST" | "PUT" | "PATCH",
    requests: fc.Arbitrary<{ url: string; body?: unknown }>,
    client: () => TestClient | null,
    minRefused = RUNS / 4,
    runs = RUNS,
    /** Another refusal media type (SCIM's), extra headers (a bearer token), or the caller's address. */
    options: { refusalType?: RegExp; headers?: Record<string, string>; remoteAddress?: string } = {},
  ) {
    const samples = fc.sample(requests, { numRuns: runs, seed: SEED });
    const statuses = new Map<number, number>();
    const concurrency = 8;
    for (let start = 0; start < samples.length; start += concurrency) {
      const batch = samples.slice(start, start + concurrency);
      const responses = await Promise.all(
        batch.map(({ url, body }) =>
          t.app.inject({
            method,
            url,
            ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
            headers: {
              ...headersOf(client()),
              ...options.headers,
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { payload: JSON.stringify(body) ?? "null" }),
          }),
        ),
      );
      for (const [index, response] of responses.entries()) {
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500) {
          expect.fail(
            `${method} ${batch[index]?.url} ${JSON.stringify(batch[index]?.body)?.slice(0, 300)} → ${response.statusCode} ${response.body}`,
          );
        }
        if (response.statusCode >= 400) {
          expect(response.headers["content-type"]).toMatch(options.refusalType ?? /problem\+json/);
        }
      }
    }
    counts[name] = samples.length;
    const refused = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, n]) => sum + n, 0);
    // The generators reach the validators (most answers are refusals) and also get through (some are not).
    expect(refused, JSON.stringify([...statuses])).toBeGreaterThan((minRefused * runs) / RUNS);
    return statuses;
  }

  it("POST /api/session", async () => {
    const body = fc.record({
      identifier: or(fc.constantFrom(t.people.officerB.email, t.people.officerB.collarNumber)),
      password: or(fc.string()),
    });
    const visitor = t.client();
    await visitor.refreshSession();
    await fuzz(
      "POST /api/session",
      "POST",
      body.map((b) => ({ url: "/api/session", body: b })),
      () => visitor,
      RUNS / 4,
      RUNS,
      // From an address of its own: its thousands of failures would otherwise lock every later sign-in from
      // this machine out for the throttle's window (the per-address ceiling), as they would a real attacker.
      { remoteAddress: "203.0.113.7" },
    );
  });

  it("POST /api/statements", async () => {
    const lessonId = t.catalog.module("online-stalking")?.lessons[0]?.id ?? "";
    const statement = fc.record(
      {
        id: or(fc.uuid()),
        actor: or(
          fc.record({
            account: or(
              fc.record({ homePage: or(fc.constant(XAPI_IRI_BASE)), name: or(fc.constant(t.people.officerA.id)) }),
            ),
          }),
        ),
        verb: or(
          fc.record({
            id: or(fc.constantFrom(XAPI_VERBS.launched, XAPI_VERBS.experienced)),
            display: or(fc.dictionary(text, text, { maxKeys: 2 })),
          }),
        ),
        object: or(
          fc.record({
            id: or(fc.constantFrom(lessonActivityId("online-stalking", lessonId), moduleActivityId("online-stalking"))),
          }),
        ),
        result: or(
          fc.record(
            {
              response: or(text),
              duration: or(fc.constant("PT1M")),
              score: or(fc.record({ raw: numbers, scaled: numbers })),
            },
            { requiredKeys: [] },
          ),
        ),
        context: or(
          fc.record({ platform: or(text), language: or(text), registration: or(fc.uuid()) }, { requiredKeys: [] }),
        ),
        timestamp: or(dates),
      },
      { requiredKeys: ["actor", "verb", "object"] },
    );
    const body = fc.oneof(
      { weight: 3, arbitrary: statement },
      { weight: 1, arbitrary: fc.array(statement, { maxLength: 5 }) },
    );
    await fuzz(
      "POST /api/statements",
      "POST",
      body.map((b) => ({ url: "/api/statements", body: b })),
      () => officer,
    );
  });

  it("PUT /api/modules/:moduleId/progress", async () => {
    const lessons = t.catalog.module("online-stalking")?.lessons.map((lesson) => lesson.id) ?? [];
    const request = fc.record({
      module: segment("online-stalking"),
      body: fc.record({ lessonId: or(fc.constantFrom(...lessons)) }),
    });
    await fuzz(
      "PUT /api/modules/:moduleId/progress",
      "PUT",
      request.map(({ module, body }) => ({ url: `/api/modules/${module}/progress`, body })),
      () => officer,
    );
  });

  it("POST /api/modules/:moduleId/attempt-draws", async () => {
    const request = fc.record({
      module: segment("online-stalking"),
      body: fc.option(fc.anything(), { nil: undefined }),
    });
    await fuzz(
      "POST /api/modules/:moduleId/attempt-draws",
      "POST",
      request.map(({ module, body }) => ({ url: `/api/modules/${module}/attempt-draws`, body })),
      () => officer,
      // A draw takes no body and an open draw is handed back again, so a well-formed module id is answered
      // 200 whatever the body holds: about a quarter of these requests are refusals, not most of them.
      RUNS / 10,
    );
  });

  it("PUT /api/modules/:moduleId/attempt-draws/:attemptId/answers-so-far", async () => {
    const module = t.catalog.module("online-stalking");
    if (!module) throw new Error("module missing");
    const draw = await drawAttempt(officer, module.id);
    const questionIds = draw.questions.map((question) => question.id);
    const optionIds = draw.questions.flatMap((question) => question.options.map((option) => option.id));
    const request = fc.record({
      module: segment(module.id),
      attempt: segment(draw.attemptId),
      body: fc.record({
        answers: answersOf(questionIds, optionIds),
      }),
    });
    // A tenth of the runs: the same validators as the attempts endpoint below, which gets the full count.
    const runs = Math.max(1, Math.round(RUNS / 10));
    await fuzz(
      "PUT /api/modules/:moduleId/attempt-draws/:attemptId/answers-so-far",
      "PUT",
      request.map(({ module: id, attempt, body }) => ({
        url: `/api/modules/${id}/attempt-draws/${attempt}/answers-so-far`,
        body,
      })),
      () => officer,
      runs / 4,
      runs,
    );
  });

  it("POST /api/modules/:moduleId/attempts", async () => {
    const module = t.catalog.module("online-stalking");
    if (!module) throw new Error("module missing");
    const questionIds = module.knowledgeCheck.questions.map((question) => question.id);
    const optionIds = module.knowledgeCheck.questions.flatMap((question) =>
      question.options.map((option) => option.id),
    );
    const request = fc.record({
      module: segment(module.id),
      body: fc.record({
        attemptId: or(fc.uuid()),
        answers: answersOf(questionIds, optionIds),
      }),
    });
    await fuzz(
      "POST /api/modules/:moduleId/attempts",
      "POST",
      request.map(({ module: id, body }) => ({ url: `/api/modules/${id}/attempts`, body })),
      () => officer,
    );
  });

  // Issue 20's settings endpoints: a tenth of the runs each (simple bodies, and CI time is budgeted).
  it("PUT /api/me/notification-preferences", async () => {
    const body = fc.record({
      optionalFrequency: or(fc.constantFrom("immediate", "daily", "off")),
      mandatoryFrequency: or(fc.constantFrom("immediate", "daily")),
      digestFrequency: or(fc.constantFrom("weekly", "daily", "off")),
    });
    await fuzz(
      "PUT /api/me/notification-preferences",
      "PUT",
      body.map((b) => ({ url: "/api/me/notification-preferences", body: b })),
      () => officer,
      RUNS / 40,
      RUNS / 10,
    );
  });

  it("PUT /api/admin/notification-channel", async () => {
    const body = fc.record(
      {
        kind: or(fc.constantFrom("smtp", "notify")),
        senderName: or(text),
        fromAddress: or(fc.emailAddress()),
        smtpUrl: or(fc.constantFrom("smtp://127.0.0.1:2525", "smtps://user:pass@mail.example.invalid")),
        notifyApiKey: or(fc.constant(`key-${randomUUID()}-${randomUUID()}`)),
        notifyTemplateId: or(fc.uuid()),
        quietStartHour: or(fc.integer({ min: 0, max: 23 })),
        quietEndHour: or(fc.integer({ min: 0, max: 23 })),
        timeZone: or(fc.constantFrom("Europe/London", "UTC", "Mars/Olympus")),
      },
      { requiredKeys: ["kind", "senderName"] },
    );
    await fuzz(
      "PUT /api/admin/notification-channel",
      "PUT",
      body.map((b) => ({ url: "/api/admin/notification-channel", body: b })),
      () => admin,
      RUNS / 40,
      RUNS / 10,
    );
  });

  it("POST /api/admin/jobs/:jobId/retry", async () => {
    await fuzz(
      "POST /api/admin/jobs/:jobId/retry",
      "POST",
      segment(randomUUID()).map((id) => ({ url: `/api/admin/jobs/${id}/retry` })),
      () => admin,
      RUNS / 40,
      RUNS / 20,
    );
  });

  it("POST /api/me/notifications/read", async () => {
    const body = fc.record({ ids: or(fc.array(or(fc.uuid()), { maxLength: 120 })) }, { requiredKeys: [] });
    await fuzz(
      "POST /api/me/notifications/read",
      "POST",
      body.map((b) => ({ url: "/api/me/notifications/read", body: b })),
      () => officer,
      RUNS / 40,
      RUNS / 20,
    );
  });

  it("POST /callbacks/notify/:forceId/delivery-receipts", async () => {
    // With the force's real token, so fuzzed receipts reach the lookup: every one is refused or not found.
    const token = (
      (await (await admin.request("POST", "/api/admin/notification-channel/notify-callback-token")).json()) as {
        token: string;
      }
    ).token;
    const receipt = fc.record(
      {
        id: or(fc.uuid()),
        reference: or(fc.option(text, { nil: null })),
        to: or(fc.emailAddress()),
        status: or(fc.constantFrom("delivered", "permanent-failure", "temporary-failure", "technical-failure")),
        created_at: or(dates),
        completed_at: or(fc.option(dates, { nil: null })),
        sent_at: or(fc.option(dates, { nil: null })),
        notification_type: or(fc.constantFrom("email", "sms", "letter")),
        template_id: or(fc.uuid()),
        template_version: or(fc.integer({ min: 1, max: 20 })),
      },
      { requiredKeys: ["id", "to", "status", "created_at"] },
    );
    await fuzz(
      "POST /callbacks/notify/:forceId/delivery-receipts",
      "POST",
      fc
        .tuple(segment("force-a"), receipt)
        .map(([force, b]) => ({ url: `/callbacks/notify/${force}/delivery-receipts`, body: b })),
      () => null,
      RUNS / 20,
      RUNS / 10,
      { headers: { authorization: `Bearer ${token}` } },
    );
  });

  it("POST /api/password-reset/request", async () => {
    const visitor = t.client();
    await visitor.refreshSession();
    const body = fc.record({ email: or(fc.emailAddress()) });
    // One client address: past the first 20 requests the limit answers 429, which must be problem+json too.
    await fuzz(
      "POST /api/password-reset/request",
      "POST",
      body.map((b) => ({ url: "/api/password-reset/request", body: b })),
      () => visitor,
      RUNS / 40,
      RUNS / 10,
    );
  });

  it("POST /api/admin/units", async () => {
    const body = fc.record({
      name: or(text),
      kind: or(fc.constantFrom("command", "team")),
      parentId: fc.option(or(fc.uuid()), { nil: undefined }),
    });
    await fuzz(
      "POST /api/admin/units",
      "POST",
      body.map((b) => ({ url: "/api/admin/units", body: b })),
      () => admin,
    );
  });

  it("POST /api/admin/users", async () => {
    // Each fully valid body costs an argon2 hash, so the password is usually refused; names still reach the
    // database through the other bodies' validation only when the password fits.
    const body = fc.record({
      email: or(fc.emailAddress()),
      collarNumber: fc.option(or(fc.stringMatching(/^[A-Z0-9]{1,8}$/)), { nil: undefined }),
      displayName: or(text),
      role: or(fc.constantFrom("officer", "trainer")),
      jobRole: or(fc.constantFrom("call-handler", "staff")),
      password: fc.oneof(
        { weight: 1, arbitrary: fc.constant("a long first password") },
        { weight: 12, arbitrary: or(fc.string({ maxLength: 11 })) },
      ),
    });
    await fuzz(
      "POST /api/admin/users",
      "POST",
      body.map((b) => ({ url: "/api/admin/users", body: b })),
      () => admin,
    );
  });

  it("PATCH /api/admin/users/:userId", async () => {
    const request = fc.record({
      user: segment(t.people.officerA2.id),
      body: fc.record(
        {
          role: or(fc.constantFrom("officer", "trainer")),
          jobRole: or(fc.constantFrom("staff", "investigator")),
          unitId: or(fc.constant(t.unitA)),
          disabled: or(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
    });
    await fuzz(
      "PATCH /api/admin/users/:userId",
      "PATCH",
      request.map(({ user, body }) => ({ url: `/api/admin/users/${user}`, body })),
      () => admin,
    );
  });

  // Issue 15's endpoints get a twentieth of the runs each: their bodies are two strings, and a valid one costs
  // an argon2 hash, so more runs would add CI minutes without reaching new code.
  const FEW = Math.max(50, Math.round(RUNS / 20));
  const password = fc.oneof(
    { weight: 1, arbitrary: fc.constant("a long new passphrase") },
    { weight: 6, arbitrary: or(fc.string({ maxLength: 11 })) },
    { weight: 1, arbitrary: text },
  );

  it("POST /api/me/password", async () => {
    const person = passwordPerson;
    const body = fc.record(
      { currentPassword: or(fc.constantFrom(PASSWORD, "wrong password")), newPassword: password },
      { requiredKeys: [] },
    );
    await fuzz(
      "POST /api/me/password",
      "POST",
      body.map((b) => ({ url: "/api/me/password", body: b })),
      () => person,
      RUNS / 4,
      FEW,
    );
  });

  it("POST /api/password-reset and its check", async () => {
    const issued = await issuePasswordReset(
      t.database.db,
      { user: { id: t.people.officerA2.id, forceId: "force-a" }, issuedBy: null },
      new Date(),
    );
    const visitor = t.client();
    await visitor.refreshSession();
    const body = fc.record(
      {
        token: or(fc.constantFrom(issued.token, "A".repeat(43))),
        newPassword: fc.oneof({ weight: 1, arbitrary: fc.constant("tiny") }, { weight: 3, arbitrary: password }),
      },
      { requiredKeys: [] },
    );
    for (const url of ["/api/password-reset/check", "/api/password-reset"]) {
      await fuzz(
        `POST ${url}`,
        "POST",
        body.map((b) => ({ url, body: b })),
        () => visitor,
        RUNS / 4,
        FEW,
      );
    }
  });

  it("POST /api/admin/users/:userId/reset-links and PUT …/temporary-password", async () => {
    const spare = await createAccount(t.database.db, {
      forceId: "force-a",
      email: `fuzz.spare.${randomUUID()}@test.invalid`,
      displayName: "Spare Person",
      role: "officer",
      jobRole: "staff",
      password: PASSWORD,
    });
    const links = fc.record({ user: segment(spare), body: fc.option(fc.anything(), { nil: undefined }) });
    await fuzz(
      "POST /api/admin/users/:userId/reset-links",
      "POST",
      links.map(({ user, body }) => ({ url: `/api/admin/users/${user}/reset-links`, body })),
      () => admin,
      RUNS / 10,
      FEW,
    );
    const temporary = fc.record({ user: segment(spare), body: fc.record({ password }, { requiredKeys: [] }) });
    await fuzz(
      "PUT /api/admin/users/:userId/temporary-password",
      "PUT",
      temporary.map(({ user, body }) => ({ url: `/api/admin/users/${user}/temporary-password`, body })),
      () => admin,
      RUNS / 4,
      FEW,
    );
  });

  it("PATCH /api/admin/units/:unitId and GET /api/admin/users?q=", async () => {
    const unit = await createUnit(t.database.db, { forceId: "force-a", name: "Fuzzed Unit", kind: "team" });
    const request = fc.record({
      unit: segment(unit),
      body: fc.record(
        { name: or(text), parentId: or(fc.constantFrom(t.unitA, null)), closed: or(fc.boolean()) },
        { requiredKeys: [] },
      ),
    });
    await fuzz(
      "PATCH /api/admin/units/:unitId",
      "PATCH",
      request.map(({ unit: id, body }) => ({ url: `/api/admin/units/${id}`, body })),
      () => admin,
      RUNS / 10,
      FEW,
    );
    const search = fc.record({ q: or(text), after: fc.option(text, { nil: undefined }) }, { requiredKeys: [] });
    await fuzz(
      "GET /api/admin/users?q=",
      "GET",
      search.map((values) => {
        const query = new URLSearchParams();
        for (const [key, value] of Object.entries(values)) query.set(key, String(value));
        return { url: `/api/admin/users?${query.toString()}` };
      }),
      () => admin,
      RUNS / 20,
      FEW,
    );
  });

  it("POST /api/trainer/assignments", async () => {
    const body = fc.record(
      {
        moduleId: or(fc.constant("online-stalking")),
        jobRole: or(fc.constantFrom("staff", null)),
        unitId: or(fc.constant(t.unitA)),
        dueDate: or(dates),
      },
      { requiredKeys: [] },
    );
    await fuzz(
      "POST /api/trainer/assignments",
      "POST",
      body.map((b) => ({ url: "/api/trainer/assignments", body: b })),
      () => trainer,
    );
  });

  it("GET /api/trainer/grid: searches, sorts and cursors", async () => {
    const cursor = fc
      .tuple(or(fc.constantFrom("name", "score", "status", "completedAt", "overdue")), or(fc.string()), or(fc.uuid()))
      .map((value) => Buffer.from(JSON.stringify(value)).toString("base64url"));
    const query = fc.record(
      {
        q: or(text),
        sort: or(fc.constantFrom("name", "collarNumber", "status", "completedAt", "expiresAt", "score", "overdue")),
        module: or(fc.constant("online-stalking")),
        after: fc.oneof(cursor, text),
        before: fc.oneof(cursor, text),
        limit: or(fc.integer({ min: 1, max: 100 })),
      },
      { requiredKeys: [] },
    );
    const url = query.map((values) => ({ url: `/api/trainer/grid?${queryOf(values)}` }));
    await fuzz("GET /api/trainer/grid", "GET", url, () => trainer);
  });

  it("GET /api/trainer/exports/*: completions, Totara and statements exports", async () => {
    const query = fc.record(
      {
        module: or(fc.constantFrom("stalking-protection-orders", "no-such-module", "UPPER")),
        shortname: or(text),
        idnumber: or(text),
        username: or(fc.constantFrom("email", "collar-number")),
        learner: or(fc.constant(t.people.officerA.id)),
      },
      { requiredKeys: [] },
    );
    const url = fc
      .tuple(fc.constantFrom("completions.csv", "totara-certifications.csv", "statements.jsonl"), query)
      .map(([file, values]) => ({ url: `/api/trainer/exports/${file}?${queryOf(values)}` }));
    await fuzz("GET /api/trainer/exports", "GET", url, () => trainer, FEW / 10, FEW);
  });

  it("GET /api/certificate-checks/{certificateId}", async () => {
    // Signed out, as most checks are. A tenth of the runs: the path is the only input, and past the address's
    // limit every well-formed id is refused with 429 before any lookup, which is itself what must hold.
    const runs = Math.max(1, Math.round(RUNS / 10));
    const url = segment("SRT-7K2M-9QXD-4H3P").map((id) => ({ url: `/api/certificate-checks/${id}` }));
    const statuses = await fuzz("GET /api/certificate-checks", "GET", url, () => null, runs / 2, runs);
    // The first lookups were answered; past the address's limit (when the run is long enough), refused.
    expect(statuses.get(404)).toBeGreaterThan(0);
    if (runs > CERTIFICATE_CHECKS_PER_WINDOW) expect(statuses.get(429)).toBeGreaterThan(0);
  });

  it("POST /api/certificates/{certificateId}/withdrawal", async () => {
    // Made-up or mangled ids and reasons: every answer a refusal (400 for the body, 404 for an id naming nothing).
    const request = fc.record({
      id: segment("SRT-7K2M-9QXD-4H3P"),
      body: fc.record({ reason: or(text) }, { requiredKeys: [] }),
    });
    await fuzz(
      "POST /api/certificates/:certificateId/withdrawal",
      "POST",
      request.map(({ id, body }) => ({ url: `/api/certificates/${id}/withdrawal`, body })),
      () => trainer,
      FEW / 2,
      FEW,
    );
  });

  // Single sign-on and SCIM (issue 15): FEW runs each too, as their inputs are few and flat.

  it("PUT /api/admin/sso", async () => {
    const body = fc.record(
      {
        label: or(text),
        issuer: or(fc.constantFrom("https://login.example.com/tenant/v2.0", "http://127.0.0.1:1/x", "ftp://x")),
        clientId: or(text),
        clientSecret: or(fc.string({ maxLength: 40 })),
        collarNumberClaim: or(fc.constantFrom("employee_id", "extn.collar")),
        groupsClaim: or(fc.constant("groups")),
        groupMappings: or(
          fc.array(
            fc.record(
              {
                group: or(text),
                role: or(fc.constantFrom("officer", "trainer", "admin")),
                unitId: or(fc.constant(t.unitA)),
                jobRole: or(fc.constant("staff")),
              },
              { requiredKeys: ["group"] },
            ),
            { maxLength: 4 },
          ),
        ),
        justInTime: or(fc.boolean()),
        localPasswords: fc.constant(true),
        defaultJobRole: or(fc.constant("staff")),
      },
      { requiredKeys: ["label", "issuer", "clientId", "collarNumberClaim"] },
    );
    await fuzz(
      "PUT /api/admin/sso",
      "PUT",
      body.map((b) => ({ url: "/api/admin/sso", body: b })),
      () => admin,
      FEW / 2,
      FEW,
    );
  });

  it("GET /api/sso/:forceId/start and /api/sso/callback", async () => {
    const start = fc
      .record({ force: segment("force-a"), next: fc.oneof(segment("/training"), segment("//evil.example")) })
      .map(({ force, next }) => ({ url: `/api/sso/${force}/start?next=${next}` }));
    await fuzz("GET /api/sso/:forceId/start", "GET", start, () => null, FEW / 4, FEW);
    const callback = fc
      .record({ state: or(fc.string()), code: or(fc.string()), error: or(text), iss: or(text) }, { requiredKeys: [] })
      .map((values) => ({ url: `/api/sso/callback?${queryOf(values)}` }));
    // Nearly every callback is well-formed and answered by a redirect back to sign-in (its state is unknown).
    await fuzz("GET /api/sso/callback", "GET", callback, () => null, 0, FEW);
  });

  it("SCIM /scim/v2/Users: create, patch and filter", async () => {
    const { token } = await rotateScimToken(t.database.db, t.people.adminA, "http://scim.invalid", new Date());
    const scim = { refusalType: /scim\+json/, headers: { authorization: `Bearer ${token}` } };
    const user = fc.record(
      {
        schemas: or(fc.constant(["urn:ietf:params:scim:schemas:core:2.0:User"])),
        userName: or(fc.emailAddress()),
        externalId: or(text),
        displayName: or(text),
        name: or(fc.record({ givenName: or(text), familyName: or(text) }, { requiredKeys: [] })),
        active: or(fc.constantFrom(true, false, "True", "False")),
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": or(
          fc.record({ employeeNumber: or(fc.stringMatching(/^[A-Z0-9]{1,8}$/)) }),
        ),
      },
      { requiredKeys: [] },
    );
    await fuzz(
      "POST /scim/v2/Users",
      "POST",
      user.map((b) => ({ url: "/scim/v2/Users", body: b })),
      () => null,
      FEW / 4,
      FEW,
      scim,
    );
    const operation = fc.record(
      {
        op: or(fc.constantFrom("add", "Replace", "remove")),
        path: or(
          fc.constantFrom(
            "active",
            "displayName",
            "userName",
            'emails[type eq "work"].value',
            "name.givenName",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            'members[value eq "x"]',
            "a..b",
          ),
        ),
        value: or(fc.constantFrom("False", "True", "Someone", "x@y.example")),
      },
      { requiredKeys: ["op"] },
    );
    const patch = fc.record({
      user: segment(t.people.officerA2.id),
      body: fc.record({
        schemas: or(fc.constant(["urn:ietf:params:scim:api:messages:2.0:PatchOp"])),
        Operations: or(fc.array(operation, { maxLength: 4 })),
      }),
    });
    await fuzz(
      "PATCH /scim/v2/Users/:id",
      "PATCH",
      patch.map(({ user: id, body }) => ({ url: `/scim/v2/Users/${id}`, body })),
      () => null,
      FEW / 4,
      FEW,
      scim,
    );
    const filter = fc
      .record({
        filter: or(fc.constantFrom('userName eq "a@b.example"', 'externalId eq "x" and id eq "y"', "userName sw 1")),
        startIndex: or(fc.integer()),
        count: or(fc.integer()),
      })
      .map((values) => ({ url: `/scim/v2/Users?${queryOf(values)}` }));
    await fuzz("GET /scim/v2/Users", "GET", filter, () => null, FEW / 10, FEW, scim);
  });

  // Issue 19: the LRS and its credentials. A twentieth of the runs: the statement validator is the LRS's own
  // (xapi-validation) and the body shapes are those of POST /api/statements above, so this adds little CI time.
  const LRS_RUNS = Math.max(50, Math.round(RUNS / 20));
  let lrsHeaders: Record<string, string> = {};
  it("POST /api/admin/lrs-clients", async () => {
    const body = fc.record({ name: or(text), read: or(fc.boolean()), write: or(fc.boolean()) }, { requiredKeys: [] });
    await fuzz(
      "POST /api/admin/lrs-clients",
      "POST",
      body.map((b) => ({ url: "/api/admin/lrs-clients", body: b })),
      () => admin,
      LRS_RUNS / 4,
      LRS_RUNS,
    );
    const made = await admin.post("/api/admin/lrs-clients", { name: "Fuzz platform", read: true, write: true });
    const { key, secret } = (await made.json()) as { key: string; secret: string };
    lrsHeaders = {
      authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
      "x-experience-api-version": "2.0.0",
    };
  });

  it("PUT /api/admin/lrs-forwarding", async () => {
    const body = fc.record(
      {
        endpoint: or(
          fc.constantFrom("https://lrs.example/xapi/", "http://127.0.0.1:1/xapi", "ftp://x", "https://u:p@x/"),
        ),
        username: or(text),
        password: or(fc.string({ maxLength: 40 })),
        enabled: or(fc.boolean()),
        sendHistory: or(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    await fuzz(
      "PUT /api/admin/lrs-forwarding",
      "PUT",
      body.map((b) => ({ url: "/api/admin/lrs-forwarding", body: b })),
      () => admin,
      LRS_RUNS / 4,
      LRS_RUNS,
    );
  });

  it("POST /xapi/statements", async () => {
    const agent = fc.oneof(
      fc.record({
        account: or(
          fc.record({ homePage: or(fc.constant(XAPI_IRI_BASE)), name: or(fc.constant(t.people.officerA.id)) }),
        ),
      }),
      fc.record({
        mbox: or(fc.constant(`mailto:${t.people.officerA.email}`)),
        objectType: or(fc.constantFrom("Agent", "Group")),
      }),
    );
    const statement = fc.record(
      {
        id: or(fc.uuid()),
        actor: or(agent),
        verb: or(
          fc.record({
            id: or(fc.constantFrom(XAPI_VERBS.completed, "http://adlnet.gov/expapi/verbs/voided")),
            display: or(fc.dictionary(text, text, { maxKeys: 2 })),
          }),
        ),
        object: or(
          fc.oneof(
            fc.record({
              id: or(fc.constantFrom(moduleActivityId("online-stalking"), "https://platform.example/x")),
              definition: or(fc.record({ name: or(fc.dictionary(text, text, { maxKeys: 2 })) })),
            }),
            fc.record({ objectType: fc.constant("StatementRef"), id: or(fc.uuid()) }),
            agent,
          ),
        ),
        result: or(
          fc.record(
            { score: or(fc.record({ scaled: numbers, raw: numbers })), duration: or(text) },
            { requiredKeys: [] },
          ),
        ),
        context: or(
          fc.record(
            {
              registration: or(fc.uuid()),
              contextActivities: or(fc.record({ parent: or(fc.record({ id: or(text) })) })),
              contextAgents: or(fc.array(fc.anything(), { maxLength: 2 })),
            },
            { requiredKeys: [] },
          ),
        ),
        timestamp: or(dates),
        version: or(fc.constantFrom("1.0.0", "2.0.0", "3.0.0")),
      },
      { requiredKeys: ["actor", "verb", "object"] },
    );
    const body = fc.oneof(
      { weight: 3, arbitrary: statement },
      { weight: 1, arbitrary: fc.array(statement, { maxLength: 5 }) },
    );
    await fuzz(
      "POST /xapi/statements",
      "POST",
      body.map((b) => ({ url: "/xapi/statements", body: b })),
      () => null,
      LRS_RUNS / 4,
      LRS_RUNS,
      { headers: lrsHeaders },
    );
  });

  it("GET /xapi/statements", async () => {
    const query = fc.record(
      {
        agent: or(fc.constant(JSON.stringify({ mbox: `mailto:${t.people.officerA.email}` }))),
        verb: or(fc.constant(XAPI_VERBS.completed)),
        activity: or(fc.constant(moduleActivityId("online-stalking"))),
        registration: or(fc.uuid()),
        since: or(dates),
        until: or(dates),
        limit: or(fc.integer({ min: 0, max: 600 })),
        format: or(fc.constantFrom("ids", "exact", "canonical")),
        ascending: or(fc.constantFrom("true", "false")),
        related_agents: or(fc.constantFrom("true", "false")),
        more: or(text),
        statementId: or(fc.uuid()),
      },
      { requiredKeys: [] },
    );
    const url = query.map((values) => ({ url: `/xapi/statements?${queryOf(values)}` }));
    await fuzz("GET /xapi/statements", "GET", url, () => null, LRS_RUNS / 4, LRS_RUNS, { headers: lrsHeaders });
  });

  it("POST /api/admin/imports/… (CSV files: previews and applies)", async () => {
    // The file is the body here, so the cells are fuzzed: poison text, dates, numbers, quotes and commas,
    // sometimes malformed quoting, sometimes a wrong header, sometimes bytes that are not UTF-8 at all.
    const cell = fc
      .tuple(
        fc.boolean(),
        or(fc.constantFrom("E1", "staff", "officer", "College Learn", "2026-01-01", "85%", "A Response", "", '"', ",")),
      )
      .map(([quote, value]) => {
        const written = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
        return quote ? `"${written.replace(/"/g, '""')}"` : written;
      });
    const csvOf = (columns: readonly string[], known: fc.Arbitrary<string>) =>
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc
            .tuple(
              fc.oneof({ weight: 5, arbitrary: fc.constant(columns.join(",")) }, { weight: 1, arbitrary: text }),
              fc.array(fc.array(fc.oneof(cell, known), { minLength: 1, maxLength: columns.length + 2 }), {
                maxLength: 6,
              }),
              fc.boolean(),
            )
            .map(([header, rows, bom]) =>
              Buffer.from(`${bom ? "\ufeff" : ""}${[header, ...rows.map((row) => row.join(","))].join("\r\n")}`),
            ),
        },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
      );
    const people = PEOPLE_COLUMNS;
    const completions = COMPLETION_COLUMNS;
    const targets = [
      {
        name: "POST /api/admin/imports/people/preview",
        url: or(fc.constantFrom("full", "change-only")).map(
          (load) => `/api/admin/imports/people/preview?${queryOf({ load })}`,
        ),
        file: csvOf(people, fc.constantFrom(t.people.officerA.email, "x@test.invalid", "Response officer")),
      },
      {
        name: "POST /api/admin/imports/people/apply",
        url: fc
          .record({
            load: or(fc.constantFrom("full", "change-only")),
            fingerprint: or(fc.stringMatching(/^[0-9a-f]{64}$/)),
          })
          .map((query) => `/api/admin/imports/people/apply?${queryOf(query)}`),
        file: csvOf(people, fc.constantFrom(t.people.officerA.email, "x@test.invalid", "Response officer")),
      },
      {
        name: "POST /api/admin/imports/completions/preview",
        url: fc.constant("/api/admin/imports/completions/preview"),
        file: csvOf(completions, fc.constantFrom(t.people.officerA.collarNumber, "stalking-protection-orders")),
      },
      {
        name: "POST /api/admin/imports/completions/apply",
        url: or(fc.stringMatching(/^[0-9a-f]{64}$/)).map(
          (fingerprint) => `/api/admin/imports/completions/apply?${queryOf({ fingerprint })}`,
        ),
        file: csvOf(completions, fc.constantFrom(t.people.officerA.collarNumber, "stalking-protection-orders")),
      },
    ];
    const runs = Math.max(20, Math.floor(RUNS / 20));
    for (const target of targets) {
      const samples = fc.sample(fc.tuple(target.url, target.file), { numRuns: runs, seed: SEED });
      let refused = 0;
      for (let start = 0; start < samples.length; start += 8) {
        const batch = samples.slice(start, start + 8);
        const responses = await Promise.all(
          batch.map(([url, payload]) =>
            t.app.inject({
              method: "POST",
              url,
              headers: { ...headersOf(admin), "content-type": "text/csv" },
              payload,
            }),
          ),
        );
        for (const [index, response] of responses.entries()) {
          if (response.statusCode >= 500) {
            expect.fail(
              `${batch[index]?.[0]} ${batch[index]?.[1].toString("utf8").slice(0, 300)} → ${response.statusCode} ${response.body}`,
            );
          }
          if (response.statusCode >= 400) {
            refused += 1;
            expect(response.headers["content-type"]).toMatch(/problem\+json/);
          }
        }
      }
      counts[target.name] = samples.length;
      // Bad files are refused, and some get through to the row checks (a preview answers 200 with errors).
      expect(refused).toBeGreaterThan(runs / 10);
      if (target.name.endsWith("preview")) expect(refused).toBeLessThan(runs);
    }
  });
  // The document resources share one parser and one store (learning/lrs-documents.ts): their parameters are
  // fuzzed on each resource's PUT and GET, the body on PUT (any bytes are a document; JSON is merged on POST).
  for (const url of ["/xapi/activities/state", "/xapi/activities/profile", "/xapi/agents/profile"]) {
    const paramsOf = () =>
      fc.record(
        {
          activityId: or(fc.constantFrom(moduleActivityId("online-stalking"), "https://platform.example/x")),
          agent: or(fc.constant(JSON.stringify({ mbox: `mailto:${t.people.officerA.email}` }))),
          registration: or(fc.uuid()),
          stateId: or(text),
          profileId: or(text),
          since: or(dates),
        },
        { requiredKeys: [] },
      );
    it(`PUT and GET ${url}`, async () => {
      const params = paramsOf();
      const put = fc
        .tuple(params, fc.oneof(fc.anything(), fc.dictionary(text, fc.anything(), { maxKeys: 3 })))
        .map(([values, body]) => ({ url: `${url}?${queryOf(values)}`, body }));
      await fuzz(`PUT ${url}`, "PUT", put, () => null, LRS_RUNS / 8, LRS_RUNS / 2, { headers: lrsHeaders });
      const get = params.map((values) => ({ url: `${url}?${queryOf(values)}` }));
      await fuzz(`GET ${url}`, "GET", get, () => null, LRS_RUNS / 8, LRS_RUNS / 2, { headers: lrsHeaders });
    });
  }

  it("still serves a correct request afterwards", async () => {
    const response = await officer.post("/api/statements", {
      id: randomUUID(),
      actor: { account: { homePage: XAPI_IRI_BASE, name: t.people.officerA.id } },
      verb: { id: XAPI_VERBS.launched },
      object: { id: moduleActivityId("online-stalking") },
    });
    expect(response.status).toBe(200);
  });
});
