import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, hashToken, loadSessions } from "../../src/server/auth/session";
import { completions, statements, users } from "../../src/server/db/schema";
import { Conflict } from "../../src/server/errors";
import type { Database, PreparedStatement } from "../../src/server/db/client";
import type { IngestRequest } from "../../src/server/learning/ingest";
import { ProjectionCache, storeStatementBatch } from "../../src/server/learning/ingest";
import type { Learner } from "../../src/server/learning/statement";
import { emptyProjection } from "../../src/server/learning/projection";
import { serverStatement } from "../../src/server/learning/record";
import { rowsOf } from "../../src/server/trainer/query";
import { lessonActivityId } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { Person, TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProjectionAgrees } from "../support/projection";

describe.each(databaseTargets)("group-committed statement ingestion on $name", (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  }, 120_000);
  afterAll(() => t?.close());

  const validity = () => 12;
  const learnerOf = (person: Person): Learner => ({
    id: person.id,
    forceId: person.forceId,
    unitId: null,
    jobRole: "response-officer",
  });
  const seen = (person: Person, moduleId: string, lessonIndex: number, minute: number, id?: string) => {
    const module = t.catalog.module(moduleId);
    const lessonId = module?.lessons[lessonIndex % (module?.lessons.length ?? 1)]?.id ?? "";
    return serverStatement(learnerOf(person), {
      ...(id ? { id } : {}),
      verb: "experienced",
      objectId: lessonActivityId(moduleId, lessonId),
      moduleId,
      timestamp: new Date(Date.UTC(2026, 10, 1, 9, minute)),
    });
  };
  const request = (person: Person, ...list: IngestRequest["statements"]): IngestRequest => ({
    learner: learnerOf(person),
    statements: list,
  });
  const storedCount = async (ids: string[]) =>
    (await t.database.db.select({ n: count() }).from(statements).where(inArray(statements.id, ids)))[0]?.n ?? 0;

  const transactionsThatWrote = async (ids: string[]) =>
    (
      await rowsOf<{ n: number }>(
        t.database.db,
        sql`SELECT count(DISTINCT xmin::text)::int AS n FROM statements WHERE id = ANY(${sql.param(ids)}::uuid[])`,
      )
    )[0]?.n;

  it("stores several learners' requests in one batch, folding each projection row in stored order", async () => {
    const { officerA, officerA2, trainerA } = t.people;
    const batch = [
      request(officerA, seen(officerA, "online-stalking", 0, 1), seen(officerA, "online-stalking", 1, 2)),
      request(officerA2, seen(officerA2, "online-stalking", 0, 3)),
      request(officerA, seen(officerA, "online-stalking", 2, 4), seen(officerA, "recognising-stalking", 0, 5)),
      request(trainerA, seen(trainerA, "risk-screening", 1, 6)),
    ];
    const results = await storeStatementBatch(t.database, batch, validity);
    expect(results).toEqual(batch.map(() => ({ ok: true, value: undefined })));
    const ids = batch.flatMap((item) => item.statements.map((statement) => statement.id));
    expect(await storedCount(ids)).toBe(ids.length);

    const [row] = await t.database.db
      .select()
      .from(completions)
      .where(and(eq(completions.userId, officerA.id), eq(completions.moduleId, "online-stalking")));
    const lessons = t.catalog.module("online-stalking")?.lessons.map((lesson) => lesson.id) ?? [];
    expect(row?.status).toBe("in-progress");
    expect(row?.experiencedLessonIds).toEqual(lessons.slice(0, 3));
    expect(row?.lastLessonId).toBe(lessons[2]);
    // One transaction wrote them all (rows written by one transaction share its id, xmin).
    expect(await transactionsThatWrote(ids)).toBe(1);
    await expectProjectionAgrees(t.database.db, t.catalog);
  });

  it("fails only the request whose id is already stored with other content; its neighbours are stored", async () => {
    const { officerA, officerA2 } = t.people;
    const taken = seen(officerA2, "online-stalking", 0, 10);
    expect(await storeStatementBatch(t.database, [request(officerA2, taken)], validity)).toEqual([
      { ok: true, value: undefined },
    ]);
    const before = seen(officerA, "risk-screening", 0, 11);
    const clash = seen(officerA2, "online-stalking", 1, 12, taken.id);
    const clashNeighbour = seen(officerA2, "online-stalking", 2, 12);
    const repeat = seen(officerA2, "online-stalking", 0, 10, taken.id);
    repeat.body = { ...taken.body };
    const after = seen(officerA, "risk-screening", 1, 13);
    const results = await storeStatementBatch(
      t.database,
      [
        request(officerA, before),
        request(officerA2, clashNeighbour, clash),
        request(officerA2, repeat),
        request(officerA, after),
      ],
      validity,
    );
    expect(results[0]).toEqual({ ok: true, value: undefined });
    expect(results[1]?.ok).toBe(false);
    const error = results[1]?.ok === false ? results[1].error : undefined;
    expect(error).toBeInstanceOf(Conflict);
    expect((error as Conflict).kind).toBe("statement-conflict");
    // The same id and the same content again is a no-op, not a conflict.
    expect(results[2]).toEqual({ ok: true, value: undefined });
    expect(results[3]).toEqual({ ok: true, value: undefined });
    expect(await storedCount([before.id, after.id])).toBe(2);
    // The clash was spotted before writing: only that request went through the ledger alone.
    expect(await transactionsThatWrote([before.id, after.id])).toBe(1);
    // All or nothing within the refused request.
    expect(await storedCount([clashNeighbour.id])).toBe(0);
    await expectProjectionAgrees(t.database.db, t.catalog);
  });

  it("refuses a request that uses one id twice with different content, and stores a same-content repeat once", async () => {
    const { officerA } = t.people;
    const first = seen(officerA, "online-stalking", 3, 20);
    const twin = { ...seen(officerA, "online-stalking", 4, 21), id: first.id };
    twin.body = { ...twin.body, id: first.id };
    const twice = seen(officerA, "online-stalking", 3, 22);
    const sameAgain = { ...twice };
    const results = await storeStatementBatch(
      t.database,
      [request(officerA, first, twin), request(officerA, twice), request(officerA, sameAgain)],
      validity,
    );
    expect(results[0]?.ok).toBe(false);
    expect(((results[0]?.ok === false ? results[0].error : null) as Conflict).kind).toBe("statement-conflict");
    expect(results.slice(1)).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ]);
    expect(await storedCount([first.id])).toBe(0);
    expect(await storedCount([twice.id])).toBe(1);
    await expectProjectionAgrees(t.database.db, t.catalog);
  });

  it("keeps the projection equal to the log when batches race for the same learner and module", async () => {
    const { trainerA } = t.people;
    const module = t.catalog.module("victims-rights");
    const lessonCount = module?.lessons.length ?? 0;
    // Each batch reads the row, then writes it only if no other batch has written it since; the losers replay.
    const racing = Array.from({ length: 8 }, (_, n) =>
      storeStatementBatch(t.database, [request(trainerA, seen(trainerA, "victims-rights", n, 30 + n))], validity),
    );
    const results = await Promise.all(racing);
    expect(results.flat()).toEqual(racing.map(() => ({ ok: true, value: undefined })));
    const [row] = await t.database.db
      .select()
      .from(completions)
      .where(and(eq(completions.userId, trainerA.id), eq(completions.moduleId, "victims-rights")));
    expect(new Set(row?.experiencedLessonIds).size).toBe(Math.min(8, lessonCount));
    await expectProjectionAgrees(t.database.db, t.catalog);
  });

  /** The database, noting the name of every prepared statement run through it. */
  const watched = (): { database: Database; ran: string[] } => {
    const ran: string[] = [];
    const database: Database = {
      ...t.database,
      query: <T>(statement: PreparedStatement, params: unknown[]) => {
        ran.push(statement.name);
        return t.database.query<T>(statement, params);
      },
    };
    return { database, ran };
  };

  it("writes from the rows it wrote last without reading them, and rereads when another writer has moved on", async () => {
    const { officerB } = t.people;
    const here = new ProjectionCache();
    const elsewhere = new ProjectionCache(); // another instance of the app, with its own cache
    const module = "stalking-protection-orders";
    const lessons = t.catalog.module(module)?.lessons.map((lesson) => lesson.id) ?? [];

    const first = watched();
    expect(
      await storeStatementBatch(first.database, [request(officerB, seen(officerB, module, 0, 40))], validity, here),
    ).toEqual([{ ok: true, value: undefined }]);
    expect(first.ran).toEqual(["ingest_read_batch", "ingest_write_batch"]);

    const cached = watched();
    expect(
      await storeStatementBatch(cached.database, [request(officerB, seen(officerB, module, 1, 41))], validity, here),
    ).toEqual([{ ok: true, value: undefined }]);
    expect(cached.ran).toEqual(["ingest_write_batch"]);

    // The other instance writes the same row, so this instance's copy is now one version behind.
    await storeStatementBatch(t.database, [request(officerB, seen(officerB, module, 2, 42))], validity, elsewhere);
    const stale = watched();
    expect(
      await storeStatementBatch(stale.database, [request(officerB, seen(officerB, module, 3, 43))], validity, here),
    ).toEqual([{ ok: true, value: undefined }]);
    // The write from the stale copy was refused as a whole; the retry read the row first and was stored.
    expect(stale.ran).toEqual(["ingest_write_batch", "ingest_read_batch", "ingest_write_batch"]);

    const [row] = await t.database.db
      .select()
      .from(completions)
      .where(and(eq(completions.userId, officerB.id), eq(completions.moduleId, module)));
    expect(row?.experiencedLessonIds).toEqual(lessons.slice(0, 4));
    await expectProjectionAgrees(t.database.db, t.catalog);
  });

  it("still treats a reused id as a no-op or a 409 when the rows come from the cache", async () => {
    const { officerB } = t.people;
    const cache = new ProjectionCache();
    const module = "victims-rights";
    const original = seen(officerB, module, 0, 50);
    await storeStatementBatch(t.database, [request(officerB, original)], validity, cache);
    const again = { ...original, body: { ...original.body } };
    const changed = seen(officerB, module, 1, 51, original.id);
    const neighbour = seen(officerB, "online-stalking", 0, 52);
    const results = await storeStatementBatch(
      t.database,
      [request(officerB, again), request(officerB, changed), request(officerB, neighbour)],
      validity,
      cache,
    );
    expect(results[0]).toEqual({ ok: true, value: undefined });
    expect(results[1]?.ok === false ? (results[1].error as Conflict).kind : "stored").toBe("statement-conflict");
    expect(results[2]).toEqual({ ok: true, value: undefined });
    expect(await storedCount([original.id, neighbour.id])).toBe(2);
    await expectProjectionAgrees(t.database.db, t.catalog);
  });

  it("looks up a batch of sessions in one go: live ones, and null for unknown, expired and disabled", async () => {
    const { officerA, officerA2, officerB } = t.people;
    const now = new Date();
    const live = await createSession(t.database.db, officerA, 60, now);
    const stale = await createSession(t.database.db, officerA2, 60, new Date(now.getTime() - 2 * 3_600_000));
    const disabled = await createSession(t.database.db, officerB, 60, now);
    await t.database.db.update(users).set({ disabledAt: now }).where(eq(users.id, officerB.id));
    try {
      const found = await loadSessions(
        t.database,
        [
          { token: live.token, now },
          { token: randomUUID(), now },
          { token: stale.token, now },
          { token: disabled.token, now },
          { token: live.token, now: new Date(now.getTime() + 2 * 3_600_000) },
        ],
        60,
      );
      const first = found[0];
      if (!first || "ended" in first) throw new Error("the live session was not found");
      expect(first.user.id).toBe(officerA.id);
      expect(first.session.csrfToken).toBe(live.csrfToken);
      // A disabled account's session is found as ended, so its holder can be told why.
      expect(found.slice(1)).toEqual([
        null,
        null,
        { ended: "account-disabled", tokenHash: hashToken(disabled.token) },
        null,
      ]);
    } finally {
      await t.database.db.update(users).set({ disabledAt: null }).where(eq(users.id, officerB.id));
    }
  });
});

describe("the projection cache", () => {
  const row = (seq: number) => ({ state: emptyProjection(), seq });

  it("answers only when it holds every key asked for", () => {
    const cache = new ProjectionCache();
    cache.set("a", row(1));
    cache.set("b", row(2));
    expect(cache.all(["a", "b"])?.get("b")?.seq).toBe(2);
    expect(cache.all(["a", "c"])).toBeUndefined();
    cache.forget(["a"]);
    expect(cache.all(["a"])).toBeUndefined();
  });

  it("drops the least recently written row beyond its capacity", () => {
    const cache = new ProjectionCache(2);
    cache.set("a", row(1));
    cache.set("b", row(2));
    cache.set("a", row(3));
    cache.set("c", row(4));
    expect(cache.all(["b"])).toBeUndefined();
    expect(cache.all(["a", "c"])?.get("a")?.seq).toBe(3);
  });
});
