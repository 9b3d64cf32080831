import type { Batcher, ItemResult } from "../batcher";
import { createBatcher } from "../batcher";
import type { Database, PreparedStatement } from "../db/client";
import type { CompletionJson } from "../db/completions";
import {
  STATE_COLUMN_LIST,
  STATE_COLUMN_TYPES,
  STATE_FROM_EXCLUDED,
  stateOfJson,
  stateToJson,
} from "../db/completions";
import { withLedger } from "./ledger";
import type { ProjectionState } from "./projection";
import { applyStatement, emptyProjection } from "./projection";
import type { Learner, NewStatement } from "./statement";
import { statementHash } from "./xapi";

/** One request's statements: stored all together or not at all (xAPI's rule for a batch). */
export interface IngestRequest {
  learner: Learner;
  statements: readonly NewStatement[];
}

/** Stores statements, group-committing concurrent requests; resolves once the request's statements are durable. */
export type StatementIngest = Batcher<IngestRequest, void>;

const keyOf = (userId: string, moduleId: string) => `${userId}\u0000${moduleId}`;

/** A projection row as a batch knows it: its state, and the statement it was last folded up to. */
interface KnownRow {
  state: ProjectionState;
  seq: number;
}

/**
 * The projection rows this instance wrote last, so a learner's next batch can skip reading them back. Nothing
 * depends on it being current: the write checks each row's version (`last_statement_seq`), and a batch that
 * finds one changed by another writer (another instance, a scored attempt) is retried with a fresh read.
 */
export class ProjectionCache {
  private readonly rows = new Map<string, KnownRow>();

  /**
   * `capacity` rows, least recently written dropped first. A row is about 1 KB (measured with four lessons
   * seen), so the default is about 20 MB: far more learners than are part-way through a lesson at once.
   */
  constructor(private readonly capacity = 20_000) {}

  /** The rows for every key, or `undefined` if any is missing. */
  all(keys: Iterable<string>): Map<string, KnownRow> | undefined {
    const found = new Map<string, KnownRow>();
    for (const key of keys) {
      const row = this.rows.get(key);
      if (!row) return undefined;
      found.set(key, row);
    }
    return found;
  }

  set(key: string, row: KnownRow): void {
    // Re-inserted, so a Map's insertion order is least recently written first.
    this.rows.delete(key);
    this.rows.set(key, row);
    if (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next().value;
      if (oldest !== undefined) this.rows.delete(oldest);
    }
  }

  forget(keys: Iterable<string>): void {
    for (const key of keys) this.rows.delete(key);
  }
}

const readBatchQuery: PreparedStatement = {
  name: "ingest_read_batch",
  text: `SELECT 'row' AS kind, row_to_json(c)::text AS data FROM completions c
      WHERE (c.user_id, c.module_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
    UNION ALL
    SELECT 'statement', json_build_object('id', s.id, 'content_hash', s.content_hash)::text FROM statements s
      WHERE s.id = ANY($3::uuid[])`,
};

/** What a batch found when it read: the projection rows it touches, and the ids of its statements already stored. */
async function readBatch(
  database: Database,
  keys: readonly { userId: string; moduleId: string }[],
  ids: readonly string[],
) {
  const rows = await database.query<{ kind: "row" | "statement"; data: string }>(readBatchQuery, [
    keys.map((key) => key.userId),
    keys.map((key) => key.moduleId),
    ids,
  ]);
  const projection = new Map<string, KnownRow>();
  const storedHash = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === "row") {
      const stored = JSON.parse(row.data) as CompletionJson & {
        user_id: string;
        module_id: string;
        last_statement_seq: number;
      };
      projection.set(keyOf(stored.user_id, stored.module_id), {
        state: stateOfJson(stored),
        seq: stored.last_statement_seq,
      });
    } else {
      const stored = JSON.parse(row.data) as { id: string; content_hash: string };
      storedHash.set(stored.id, stored.content_hash);
    }
  }
  return { projection, storedHash };
}

// $1: the statements, $2: the projection rows, $3 and $4: how many of each must be written.
const writeBatchQuery: PreparedStatement = {
  name: "ingest_write_batch",
  text: `
    WITH incoming AS (
      SELECT s.* FROM jsonb_to_recordset($1::jsonb) AS s(
        id uuid, force_id text, user_id uuid, verb text, object_id text, module_id text, registration uuid,
        "timestamp" timestamptz, content_hash text, statement jsonb, ref_target uuid, voiding boolean, n bigint)
    ),
    new_statements AS (
      INSERT INTO statements (id, force_id, user_id, verb, object_id, module_id, registration, "timestamp", content_hash,
        statement, ref_target, voiding)
      SELECT id, force_id, user_id, verb, object_id, module_id, registration, "timestamp", content_hash, statement,
        ref_target, coalesce(voiding, false)
      FROM incoming ORDER BY n
      ON CONFLICT (id) DO NOTHING
      RETURNING seq, user_id, module_id
    ),
    proposed AS (
      SELECT p.*, last.seq FROM jsonb_to_recordset($2::jsonb) AS p(
        user_id uuid, module_id text, force_id text, unit_id uuid, job_role text, expected_seq bigint,
        ${STATE_COLUMN_TYPES})
      JOIN (SELECT user_id, module_id, max(seq) AS seq FROM new_statements GROUP BY user_id, module_id) last
        USING (user_id, module_id)
    ),
    saved AS (
      INSERT INTO completions AS c (user_id, module_id, force_id, unit_id, job_role, ${STATE_COLUMN_LIST},
        last_statement_seq, updated_at)
      -- The learner's unit and job role as stored now, not as the request saw them: a person moved between the
      -- request's lookup and this write is counted where they are (the LRS keeps people for a moment).
      SELECT user_id, module_id, force_id,
        (SELECT u.unit_id FROM users u WHERE u.id = proposed.user_id),
        (SELECT u.job_role FROM users u WHERE u.id = proposed.user_id),
        ${STATE_COLUMN_LIST}, seq, now()
      FROM proposed ORDER BY user_id, module_id
      ON CONFLICT (user_id, module_id) DO UPDATE SET ${STATE_FROM_EXCLUDED},
        last_statement_seq = excluded.last_statement_seq, updated_at = excluded.updated_at
      WHERE c.last_statement_seq = (
        SELECT p.expected_seq FROM proposed p WHERE p.user_id = c.user_id AND p.module_id = c.module_id)
      RETURNING c.user_id, c.module_id, c.last_statement_seq
    )
    SELECT CASE
        WHEN (SELECT count(*) FROM new_statements) <> $3::int
          THEN ingest_conflict('a statement id was stored by another writer')
        WHEN (SELECT count(*) FROM saved) <> $4::int
          THEN ingest_conflict('a projection row was written by another writer')
        ELSE 0 END AS ok,
      (SELECT json_agg(json_build_array(user_id, module_id, last_statement_seq)) FROM saved)::text AS versions`,
};

/** The projection rows a batch of requests touches, by key. */
function keysOf(requests: readonly IngestRequest[]) {
  const keys = new Map<string, { learner: Learner; moduleId: string }>();
  for (const request of requests) {
    for (const statement of request.statements) {
      if (statement.moduleId === null) continue; // stored, not projected
      keys.set(keyOf(request.learner.id, statement.moduleId), {
        learner: request.learner,
        moduleId: statement.moduleId,
      });
    }
  }
  return keys;
}

/**
 * Stores the requests that can go together in one SQL statement and no explicit transaction: it inserts the
 * statements and upserts the projection rows only where each row is still the version the batch started from
 * (`last_statement_seq`), failing as a whole (40001) otherwise. A statement is atomic, so the statements and
 * the projection commit together or not at all, as with the ledger.
 *
 * The starting versions come from `known` (the rows this instance wrote last: one round trip in all) or, when
 * that is absent, from a read first (two round trips), which also finds statement ids already stored. Without
 * the read a reused id still cannot slip through: it is not inserted, the count check fails, and the caller
 * retries with a read. Returns the requests that need the ledger's exact per-request rules instead (an id
 * already used with other content: a 409 of their own).
 */
async function storeTogether(
  database: Database,
  requests: readonly IngestRequest[],
  keys: Map<string, { learner: Learner; moduleId: string }>,
  known: Map<string, KnownRow> | undefined,
  validityMonths: (moduleId: string) => number,
  cache: ProjectionCache | undefined,
): Promise<Set<number>> {
  const hashed = requests.map((request) =>
    request.statements.map((statement) => ({ statement, hash: statementHash(statement) })),
  );
  if (hashed.every((list) => list.length === 0)) return new Set();
  const { projection, storedHash } = known
    ? { projection: known, storedHash: new Map<string, string>() }
    : await readBatch(
        database,
        [...keys.values()].map(({ learner, moduleId }) => ({ userId: learner.id, moduleId })),
        hashed.flatMap((list) => list.map(({ statement }) => statement.id)),
      );

  // An id used again with the same content is a no-op (xAPI); with other content, that request alone gets a 409.
  const alone = new Set<number>();
  const batchHash = new Map<string, string>();
  hashed.forEach((list, index) => {
    const own = new Map<string, string>();
    for (const { statement, hash } of list) {
      const earlier = own.get(statement.id) ?? batchHash.get(statement.id) ?? storedHash.get(statement.id);
      if (earlier !== undefined && earlier !== hash) alone.add(index);
      own.set(statement.id, hash);
    }
    if (!alone.has(index)) for (const [id, hash] of own) if (!batchHash.has(id)) batchHash.set(id, hash);
  });

  const states = new Map<string, ProjectionState>();
  const rowsToWrite: {
    user_id: string;
    module_id: string;
    force_id: string;
    unit_id: string | null;
    job_role: string;
    expected_seq: number | null;
  }[] = [];
  const written = new Set<string>();
  const statementsToWrite: Record<string, unknown>[] = [];
  hashed.forEach((list, index) => {
    if (alone.has(index)) return;
    const learner = requests[index]?.learner;
    if (!learner) return;
    for (const { statement, hash } of list) {
      if (storedHash.has(statement.id) || written.has(statement.id)) continue;
      written.add(statement.id);
      const row = {
        // Stored order is batch order: the fold below applies them in this order.
        n: statementsToWrite.length,
        id: statement.id,
        force_id: learner.forceId,
        user_id: learner.id,
        verb: statement.verb,
        object_id: statement.objectId,
        module_id: statement.moduleId,
        registration: statement.registration,
        timestamp: statement.timestamp.toISOString(),
        content_hash: hash,
        statement: statement.body,
        ref_target: statement.refTarget ?? null,
        voiding: statement.voiding ?? false,
      };
      statementsToWrite.push(row);
      if (statement.moduleId === null) continue;
      const key = keyOf(learner.id, statement.moduleId);
      if (!states.has(key)) {
        const stored = projection.get(key);
        states.set(key, stored ? stored.state : emptyProjection());
        rowsToWrite.push({
          user_id: learner.id,
          module_id: statement.moduleId,
          force_id: learner.forceId,
          unit_id: learner.unitId,
          job_role: learner.jobRole,
          expected_seq: stored ? stored.seq : null,
        });
      }
      const state = states.get(key) ?? emptyProjection();
      states.set(
        key,
        applyStatement(state, statement, { validityMonths: validityMonths(statement.moduleId) }, () => null),
      );
    }
  });
  if (statementsToWrite.length === 0) return alone;

  const projectionRows = rowsToWrite.map((row) => {
    const state = states.get(keyOf(row.user_id, row.module_id)) ?? emptyProjection();
    return { ...row, ...stateToJson(state) };
  });
  // Rows are written in one global order (user, module) so that two batches cannot deadlock on them.
  projectionRows.sort((a, b) =>
    a.user_id === b.user_id ? (a.module_id < b.module_id ? -1 : 1) : a.user_id < b.user_id ? -1 : 1,
  );
  const [result] = await database.query<{ versions: string | null }>(writeBatchQuery, [
    JSON.stringify(statementsToWrite),
    JSON.stringify(projectionRows),
    statementsToWrite.length,
    projectionRows.length,
  ]);
  if (cache) {
    const versions = JSON.parse(result?.versions ?? "[]") as [string, string, number][];
    for (const [userId, moduleId, seq] of versions) {
      const key = keyOf(userId, moduleId);
      const state = states.get(key);
      if (state) cache.set(key, { state, seq });
    }
  }
  return alone;
}

/** Stores one request alone through the ledger: the exact rules, with that request's own error. */
function storeAlone(
  database: Database,
  request: IngestRequest,
  validityMonths: (moduleId: string) => number,
): Promise<void> {
  return withLedger(
    database.db,
    request.learner,
    request.statements.flatMap((statement) => (statement.moduleId === null ? [] : [statement.moduleId])),
    validityMonths,
    async (ledger) => {
      for (const statement of request.statements) await ledger.append(statement);
    },
  );
}

/**
 * Stores a batch of requests together where it can: from the cached projection rows when it has them all,
 * else (or when a cached row proves stale) after reading them. If the shared write still fails (another
 * writer changed a row it read, a lost connection, a value the database refuses), nothing of it was stored
 * and the batch is split in half and each half tried the same way, down to single requests, which are
 * replayed alone through the ledger. So one bad request fails only itself, costs its neighbours about two
 * extra writes per halving instead of one write each, and every request is answered only after its own
 * statements have committed.
 */
export async function storeStatementBatch(
  database: Database,
  requests: readonly IngestRequest[],
  validityMonths: (moduleId: string) => number,
  cache?: ProjectionCache,
): Promise<ItemResult<void>[]> {
  const results: ItemResult<void>[] = [];
  const storeGroup = async (indices: readonly number[]): Promise<void> => {
    const group = indices.map((index) => requests[index] as IngestRequest);
    const keys = keysOf(group);
    let alone: Set<number> | undefined;
    const known = cache?.all(keys.keys());
    if (known) {
      try {
        alone = await storeTogether(database, group, keys, known, validityMonths, cache);
      } catch {
        cache?.forget(keys.keys());
      }
    }
    if (!alone) {
      try {
        alone = await storeTogether(database, group, keys, undefined, validityMonths, cache);
      } catch {
        cache?.forget(keys.keys());
        if (group.length > 1) {
          const half = Math.ceil(indices.length / 2);
          await storeGroup(indices.slice(0, half));
          await storeGroup(indices.slice(half));
          return;
        }
        alone = new Set([0]);
      }
    }
    for (const [position, request] of group.entries()) {
      const index = indices[position] as number;
      if (!alone.has(position)) {
        results[index] = { ok: true, value: undefined };
        continue;
      }
      // The ledger writes these rows itself; cached versions of them would only fail the next batch's check.
      cache?.forget(keysOf([request]).keys());
      try {
        await storeAlone(database, request, validityMonths);
        results[index] = { ok: true, value: undefined };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await storeGroup([...requests.keys()]);
  return results;
}

/** The group-committing statement writer an app uses for the xAPI Statements resource. */
export function createStatementIngest(
  database: Database,
  validityMonths: (moduleId: string) => number,
  options: { maxInFlight: number; maxBatch?: number; cache?: ProjectionCache },
): StatementIngest {
  const cache = options.cache ?? new ProjectionCache();
  return createBatcher<IngestRequest, void>(
    (requests) => storeStatementBatch(database, requests, validityMonths, cache),
    {
      maxInFlight: options.maxInFlight,
      // Statements, not requests: bounds the rows (and bind parameters) one transaction writes.
      maxBatch: options.maxBatch ?? 1000,
      sizeOf: (request) => request.statements.length,
    },
  );
}

/** A statement writer that also knows up to when everything stored is readable. */
export interface TrackedIngest extends StatementIngest {
  /**
   * xAPI's `X-Experience-API-Consistent-Through` (Communication 2.1.3.s2.b5): every statement with an earlier
   * `stored` is readable. A statement's `stored` is its write's transaction time, so that is the start of the
   * oldest write still in flight, or now; a second earlier for the database's clock against this one's. Other
   * instances' writes are not seen here: behind a load balancer, that second is all the margin there is.
   */
  consistentThrough(): Date;
}

/**
 * Wraps the writer to keep the start times of the writes in flight; `onStored` hears of each request once its
 * statements are durable (the forwarder's nudge), after the writer has answered.
 */
export function trackConsistency(
  ingest: StatementIngest,
  clock: () => number = Date.now,
  onStored?: (request: IngestRequest) => void,
): TrackedIngest {
  const inFlight = new Map<number, number>();
  let next = 0;
  const tracked = (async (request: IngestRequest) => {
    const ticket = next++;
    inFlight.set(ticket, clock());
    try {
      await ingest(request);
      onStored?.(request);
    } finally {
      inFlight.delete(ticket);
    }
  }) as TrackedIngest;
  tracked.drain = () => ingest.drain();
  tracked.consistentThrough = () => {
    // A Map iterates in insertion order, so the first entry is the oldest write in flight.
    const oldest = inFlight.values().next().value;
    return new Date((oldest ?? clock()) - 1000);
  };
  return tracked;
}
