/**
 * Synthetic force generator for the training app's benchmarks (issue 8): N learners × every course module,
 * with statement histories, the completion projection that those statements fold to, and certificates.
 *
 * Everything is generated inside the database with generate_series and INSERT … SELECT in chunks (no row
 * crosses the wire), so a million learners load in minutes on PostgreSQL. Values are deterministic functions
 * of the learner number, so two runs build the same force. `bench/training-bench.ts` calls it on a fresh
 * database before measuring.
 *
 * Ids are md5-derived with the version and variant nibbles set to 8 (RFC 9562 version 8), so they are valid
 * UUIDs to the API's schemas, like the app's own derived ids.
 *
 * Histories per learner × module: ~30% nothing; ~20% launched and part-way through the lessons; ~8% every
 * lesson and a failed attempt; the rest every lesson, (sometimes a failed attempt, then) a pass and
 * `completed` with a certificate, completed 0–430 days ago so some are due for renewal and some expired.
 * Shortcuts, stated so nobody mistakes them for the live path: the per-question `answered` statements are
 * left out, `content_hash` is SHA-256 of the stored JSON text rather than of the canonical JSON, and
 * `last_statement_seq` stays 0.
 */
import { sql } from "drizzle-orm";
import type { Catalog } from "../src/server/catalog";
import type { Db } from "../src/server/db/client";
import { rowsOf } from "../src/server/trainer/query";
import { FAMILY, GIVEN, JOB_ROLE_MIX } from "../src/server/demo/seed";
import { XAPI_IRI_BASE, XAPI_VERBS } from "../src/shared/api";

/** What to generate. */
export interface GenerateOptions {
  forceId: string;
  forceName: string;
  learners: number;
  now: Date;
  /** Learners per INSERT … SELECT round; smaller on PGlite, whose memory is one WebAssembly heap. */
  chunk: number;
  /**
   * `full` writes every learner's whole history; `completed` writes only the `completed` statement each
   * certificate points at, which is what the trainer's queries need and loads millions of learners in minutes.
   */
  histories: "full" | "completed";
  log?: (line: string) => void;
}

/** The password hash every generated learner carries: no argon2 hash, so nobody signs in as one; marks them as generated. */
export const GENERATED_PASSWORD_HASH = "!bench: generated learners cannot sign in";

/** The tables the generator fills; their secondary indexes are built once at the end instead of row by row. */
const FILLED_TABLES = ["users", "completions", "statements", "certificates"];

export const COMMANDS = 10;
export const TEAMS_PER_COMMAND = 5;

/** A whole number inlined as SQL text (generate_series bounds and array indexes need typed values, not parameters). */
const n = (value: number) => sql.raw(String(Math.trunc(value)));

const literalArray = (values: readonly string[]) =>
  sql.raw(`ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(",")}]::text[]`);

/** Generates the force; returns the number of rows written per table. */
export async function generateForce(db: Db, catalog: Catalog, options: GenerateOptions) {
  const log = options.log ?? (() => undefined);
  const { forceId } = options;
  // Inlined, so it is checked first: the generator builds SQL text, and ids are short kebab-case by contract.
  if (!/^[a-z0-9-]{1,40}$/.test(forceId)) throw new Error(`force id ${forceId} must be kebab-case`);
  const F = sql.raw(`'${forceId}'::text`);
  const now = options.now.toISOString();
  await db.execute(sql`INSERT INTO forces (id, name) VALUES (${F}, ${options.forceName}::text) ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO units (id, force_id, parent_id, name, kind)
    SELECT overlay(overlay(md5(${F} || '-command-' || c) placing '8' from 13) placing '8' from 17)::uuid, ${F}, NULL, 'Command ' || c, 'command'
    FROM generate_series(0, ${n(COMMANDS - 1)}) c`);
  await db.execute(sql`INSERT INTO units (id, force_id, parent_id, name, kind)
    SELECT overlay(overlay(md5(${F} || '-team-' || t) placing '8' from 13) placing '8' from 17)::uuid, ${F}, overlay(overlay(md5(${F} || '-command-' || (t / ${n(TEAMS_PER_COMMAND)})) placing '8' from 13) placing '8' from 17)::uuid,
      'Command ' || (t / ${n(TEAMS_PER_COMMAND)}) || ' team ' || (t % ${n(TEAMS_PER_COMMAND)}), 'team'
    FROM generate_series(0, ${n(COMMANDS * TEAMS_PER_COMMAND - 1)}) t`);

  // One row per module: its position, id, lesson ids and validity, as a VALUES list the queries join to.
  const modules = sql.join(
    catalog.modules.map(
      (module, index) =>
        sql`(${n(index)}, ${module.id}, ${literalArray(module.lessons.map((lesson) => lesson.id))}, ${n(module.validityMonths)})`,
    ),
    sql`, `,
  );
  const teams = COMMANDS * TEAMS_PER_COMMAND;
  // The state of learner g on module k, from one deterministic number r in 0..999.
  const pairs = (from: number, to: number) => sql`
    SELECT g, m.k, m.module_id, m.lessons, m.validity,
      overlay(overlay(md5(${F} || '-user-' || g) placing '8' from 13) placing '8' from 17)::uuid AS user_id,
      overlay(overlay(md5(${F} || '-team-' || (g % ${n(teams)})) placing '8' from 13) placing '8' from 17)::uuid AS unit_id,
      (${literalArray(JOB_ROLE_MIX)})[1 + g % ${n(JOB_ROLE_MIX.length)}] AS job_role,
      r,
      CASE WHEN r < 500 THEN 'in-progress' WHEN r < 580 THEN 'failed' ELSE 'completed' END AS state,
      CASE WHEN r < 500 THEN 1 + g % greatest(cardinality(m.lessons) - 1, 1) ELSE cardinality(m.lessons) END AS seen,
      CASE WHEN r >= 580 AND r < 650 THEN 2 WHEN r >= 500 THEN 1 ELSE 0 END AS attempts,
      ${now}::timestamptz - make_interval(days => ((g * 31 + m.k * 977) % 430)::int, secs => (g % 36000)::int) AS done_at
    FROM generate_series(${n(from)}, ${n(to)}) g
    CROSS JOIN (VALUES ${modules}) AS m(k, module_id, lessons, validity)
    CROSS JOIN LATERAL (SELECT ((g::bigint * 7919 + m.k * 104729) % 1000)::int AS r) rr
    WHERE r >= 300`;

  // Unique by construction (force prefix + learner × module number in hex), and a valid verification id.
  const certificateId = sql`'SRT-' || upper(substr(md5(${F}), 1, 4)) || '-' || substr(lpad(upper(to_hex(p.g * 8 + p.k)), 8, '0'), 1, 4) || '-' || substr(lpad(upper(to_hex(p.g * 8 + p.k)), 8, '0'), 5, 4)`;
  // Inserting millions of random (md5-derived) keys into a dozen btrees one row at a time is most of the cost,
  // so the secondary indexes not backing a constraint are dropped and rebuilt once by sort at the end (several
  // times faster). Primary keys and foreign keys stay, so the data is still checked as it goes in.
  const deferred = await rowsOf<{ name: string; definition: string }>(
    db,
    sql`SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname IN (${sql.join(
        FILLED_TABLES.map((table) => sql`${table}`),
        sql`, `,
      )}) AND t.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  for (const index of deferred) await db.execute(sql.raw(`DROP INDEX ${index.name}`));
  // PGlite is built without JIT and has no such setting to turn off.
  const jit = (await rowsOf(db, sql`SELECT 1 FROM pg_settings WHERE name = 'jit'`)).length > 0;
  try {
    await fill();
  } finally {
    const started = Date.now();
    for (const index of deferred) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
        await tx.execute(sql.raw(index.definition));
      });
    }
    log(`  ${deferred.length} secondary indexes rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await db.execute(sql`ANALYZE`);
  const [row] = await rowsOf<{ users: number; completions: number; statements: number; certificates: number }>(
    db,
    sql`SELECT
      (SELECT count(*) FROM users WHERE force_id = ${F})::int AS users,
      (SELECT count(*) FROM completions WHERE force_id = ${F})::int AS completions,
      (SELECT count(*) FROM statements WHERE force_id = ${F})::int AS statements,
      (SELECT count(*) FROM certificates WHERE force_id = ${F})::int AS certificates`,
  );
  if (!row) throw new Error("the counts query returned no row");
  return row;

  async function fill() {
    for (let from = 1; from <= options.learners; from += options.chunk) {
      const to = Math.min(options.learners, from + options.chunk - 1);
      const started = Date.now();
      await db.transaction(async (tx) => {
        // The planner's estimates over generate_series make PostgreSQL JIT-compile each INSERT, which costs
        // seconds per statement and saves nothing here.
        if (jit) await tx.execute(sql`SET LOCAL jit = off`);
        await tx.execute(sql`INSERT INTO users (id, force_id, unit_id, email, collar_number, display_name, role, job_role, password_hash)
        SELECT overlay(overlay(md5(${F} || '-user-' || g) placing '8' from 13) placing '8' from 17)::uuid, ${F}, overlay(overlay(md5(${F} || '-team-' || (g % ${n(teams)})) placing '8' from 13) placing '8' from 17)::uuid,
          ${F} || '.' || g || '@bench.invalid', upper(${F}) || '-' || g,
          (${literalArray(GIVEN)})[1 + g % ${n(GIVEN.length)}] || ' ' || (${literalArray(FAMILY)})[1 + (g / ${n(GIVEN.length)}) % ${n(FAMILY.length)}] || ' ' || g,
          'officer', (${literalArray(JOB_ROLE_MIX)})[1 + g % ${n(JOB_ROLE_MIX.length)}],
          ${GENERATED_PASSWORD_HASH}::text
        FROM generate_series(${n(from)}, ${n(to)}) g`);
        // The statements: launched, one experienced per lesson seen, the verdicts, and completed.
        await tx.execute(sql`INSERT INTO statements (id, force_id, user_id, verb, object_id, module_id, registration, "timestamp", stored, content_hash, statement)
        SELECT s.id, ${F}, s.user_id, s.verb, s.object_id, s.module_id, NULL, s.ts, s.ts, encode(sha256(convert_to(s.body::text, 'UTF8')), 'hex'), s.body
        FROM (
          SELECT v.*, jsonb_build_object(
              'id', v.id, 'actor', jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', ${XAPI_IRI_BASE}::text, 'name', v.user_id)),
              'verb', jsonb_build_object('id', v.verb), 'object', jsonb_build_object('objectType', 'Activity', 'id', v.object_id),
              'timestamp', to_char(v.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
              || CASE WHEN v.score IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('result', jsonb_build_object('score', jsonb_build_object('scaled', v.score / 100.0), 'success', v.verb = ${XAPI_VERBS.passed}::text)) END AS body
          FROM (
            SELECT CASE WHEN kind = 'completed' THEN overlay(overlay(md5(${F} || '-completed-' || p.g || '-' || p.k) placing '8' from 13) placing '8' from 17)::uuid
                        ELSE overlay(overlay(md5(${F} || '-s-' || p.g || '-' || p.k || '-' || j) placing '8' from 13) placing '8' from 17)::uuid END AS id,
              p.user_id, p.module_id,
              CASE kind WHEN 'launched' THEN ${XAPI_VERBS.launched}::text WHEN 'experienced' THEN ${XAPI_VERBS.experienced}::text
                WHEN 'failed' THEN ${XAPI_VERBS.failed}::text WHEN 'passed' THEN ${XAPI_VERBS.passed}::text ELSE ${XAPI_VERBS.completed}::text END AS verb,
              CASE WHEN kind = 'experienced' THEN ${XAPI_IRI_BASE}::text || '/modules/' || p.module_id || '/lessons/' || p.lessons[j]
                   ELSE ${XAPI_IRI_BASE}::text || '/modules/' || p.module_id END AS object_id,
              CASE kind WHEN 'failed' THEN 40 WHEN 'passed' THEN 80 + p.g % 21 END AS score,
              -- The completed statement is stamped exactly at done_at, which the projection and certificate use.
              CASE WHEN kind = 'completed' THEN p.done_at
                ELSE (CASE WHEN p.state = 'in-progress' THEN ${now}::timestamptz - make_interval(days => (p.g % 60)::int) ELSE p.done_at - interval '3 hours' END)
                  + make_interval(mins => j) END AS ts
            FROM (${pairs(from, to)}) p
            CROSS JOIN LATERAL generate_series(0, p.seen + p.attempts + (CASE WHEN p.state = 'completed' THEN 1 ELSE 0 END)) j
            CROSS JOIN LATERAL (SELECT CASE
              WHEN j = 0 THEN 'launched'
              WHEN j <= p.seen THEN 'experienced'
              WHEN p.state = 'failed' THEN 'failed'
              WHEN p.state = 'completed' AND j = p.seen + 1 AND p.attempts = 2 THEN 'failed'
              WHEN p.state = 'completed' AND j = p.seen + p.attempts THEN 'passed'
              ELSE 'completed' END AS kind) kk
            ${options.histories === "full" ? sql`` : sql`WHERE kind = 'completed'`}
          ) v
        ) s`);
        await tx.execute(sql`INSERT INTO completions (user_id, module_id, force_id, unit_id, job_role, status, experienced_lesson_ids, last_lesson_id,
          attempts, score_percent, best_score_percent, started_at, completed_at, expires_at, certificate_id, updated_at)
        SELECT p.user_id, p.module_id, ${F}, p.unit_id, p.job_role,
          CASE WHEN p.state = 'completed' THEN 'completed' ELSE 'in-progress' END,
          p.lessons[1:p.seen], p.lessons[p.seen], p.attempts,
          CASE p.state WHEN 'completed' THEN 80 + p.g % 21 WHEN 'failed' THEN 40 END,
          CASE p.state WHEN 'completed' THEN 80 + p.g % 21 WHEN 'failed' THEN 40 END,
          CASE WHEN p.state = 'in-progress' THEN ${now}::timestamptz - make_interval(days => (p.g % 60)::int) ELSE p.done_at - interval '3 hours' END,
          CASE WHEN p.state = 'completed' THEN p.done_at END,
          CASE WHEN p.state = 'completed' THEN p.done_at + make_interval(months => p.validity) END,
          CASE WHEN p.state = 'completed' THEN ${certificateId} END,
          ${now}::timestamptz
        FROM (${pairs(from, to)}) p`);
        await tx.execute(sql`INSERT INTO certificates (id, force_id, user_id, module_id, module_version, score_percent, issued_at, expires_at, statement_id)
        SELECT ${certificateId},
          ${F}, p.user_id, p.module_id, 'bench', 80 + p.g % 21, p.done_at, p.done_at + make_interval(months => p.validity),
          overlay(overlay(md5(${F} || '-completed-' || p.g || '-' || p.k) placing '8' from 13) placing '8' from 17)::uuid
        FROM (${pairs(from, to)}) p WHERE p.state = 'completed'`);
      });
      log(`  learners ${from}–${to} written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
}
