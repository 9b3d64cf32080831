/**
 * xAPI statement query bench (issue 19): GET /xapi/statements pages over a force of 1,000,000 learners on
 * PostgreSQL, timed over HTTP against the app in its own process. Prints p50/p95 per query kind, cold (the first
 * request of each distinct query, after the server has started) and warm (the same queries again); never passes
 * or fails on time. Goal: p95 < 50 ms.
 *
 *   cd apps/training
 *   tsx --conditions=@stalking-response/source bench/xapi-query-bench.ts \
 *     --database-url postgres://postgres@127.0.0.1:5432/test [--learners 1000000] [--per-learner 2] [--samples 100]
 *
 * The population is made inside the database with generate_series (no row crosses the wire): N learners, each
 * with `--per-learner` statements about one of 50 course activities with one of 4 verbs, stored over the last
 * year; one learner in a thousand also appears as the object of a statement (an instructor's "mentored"), and one
 * activity in a hundred thousand statements is rare. Statements are as an LRS client would have sent them
 * (`content_hash` is the SHA-256 of the stored JSON text, a shortcut nobody reads here).
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createLrsClient } from "../src/server/auth/lrs-clients";
import { migrate, openDatabase } from "../src/server/db/client";
import { rowsOf } from "../src/server/trainer/query";
import { XAPI_IRI_BASE } from "../src/shared/api";
import { serverProcess } from "./ingest";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    learners: { type: "string", default: "1000000" },
    "per-learner": { type: "string", default: "2" },
    samples: { type: "string", default: "100" },
    keep: { type: "boolean", default: false },
  },
});
const FORCE = "bench";
const say = (line: string) => console.log(line);
const learners = Number(args.learners);
const perLearner = Number(args["per-learner"]);
const samples = Number(args.samples);
const CHUNK = 200_000;
const n = (value: number) => sql.raw(String(Math.trunc(value)));
/** md5-derived version-8 UUID of a text, as bench/training-generate.ts makes ids. */
const uuidOf = (text: string) =>
  sql.raw(`(substr(md5(${text}),1,12) || '8' || substr(md5(${text}),14,3) || '8' || substr(md5(${text}),18,15))::uuid`);
const VERBS = [
  "http://adlnet.gov/expapi/verbs/experienced",
  "http://adlnet.gov/expapi/verbs/attempted",
  "http://adlnet.gov/expapi/verbs/completed",
  "http://adlnet.gov/expapi/verbs/passed",
];
const activity = (k: number) => `https://platform.example/courses/${k}`;

async function generate(db: Parameters<typeof rowsOf>[0]) {
  await db.execute(sql`INSERT INTO forces (id, name) VALUES (${FORCE}, 'Bench Constabulary')`);
  for (let start = 0; start < learners; start += CHUNK) {
    const end = Math.min(learners, start + CHUNK) - 1;
    await db.execute(sql`
      INSERT INTO users (id, force_id, email, display_name, role, job_role, password_hash)
      SELECT ${uuidOf("'learner' || g")}, ${FORCE}, 'learner' || g || '@bench.invalid', 'Learner ' || g, 'officer',
        'response-officer', '!bench: generated learners cannot sign in'
      FROM generate_series(${n(start)}, ${n(end)}) AS g`);
  }
  const total = learners * perLearner;
  const verbs = sql.raw(`ARRAY[${VERBS.map((v) => `'${v}'`).join(",")}]`);
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK) - 1;
    // Statement g is learner g % N's; stored times spread over the last year in order of g.
    await db.execute(sql`
      INSERT INTO statements (id, force_id, user_id, verb, object_id, registration, "timestamp", stored, content_hash, statement)
      SELECT s.id, ${FORCE}, s.user_id, s.verb, s.object_id, NULL, s.at, s.at, md5(s.id::text), jsonb_build_object(
          'id', s.id,
          'actor', jsonb_build_object('objectType', 'Agent', 'account',
            jsonb_build_object('homePage', ${XAPI_IRI_BASE}::text, 'name', s.user_id)),
          'verb', jsonb_build_object('id', s.verb),
          'object', CASE WHEN s.g % 1000 = 7
            THEN jsonb_build_object('objectType', 'Agent', 'mbox', 'mailto:learner' || ((s.g / 1000) % ${n(learners)}) || '@bench.invalid')
            ELSE jsonb_build_object('objectType', 'Activity', 'id', s.object_id) END,
          'timestamp', to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'authority', jsonb_build_object('objectType', 'Agent', 'account',
            jsonb_build_object('homePage', ${`${XAPI_IRI_BASE}/lrs-clients`}::text, 'name', 'bench')),
          'version', '2.0.0')
      FROM (
        SELECT g, ${uuidOf("'statement' || g")} AS id, ${uuidOf(`'learner' || (g % ${learners})`)} AS user_id,
          (${verbs})[1 + (g % 4)] AS verb,
          CASE WHEN g % 1000 = 7 THEN ''
               WHEN g % 100000 = 3 THEN 'https://platform.example/rare/' || g
               ELSE 'https://platform.example/courses/' || (g % 50) END AS object_id,
          now() - interval '365 days' + (g::float8 / ${n(total)}) * interval '365 days' AS at
        FROM generate_series(${n(start)}, ${n(end)}) AS g
      ) s`);
  }
  await db.execute(sql`ANALYZE`);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function main() {
  const name = `training_xapi_query_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: args["database-url"] });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(args["database-url"]);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  const [version] = await rowsOf<{ v: string }>(database.db, sql`SELECT current_setting('server_version') AS v`);
  say(`# xAPI statement query bench: PostgreSQL ${version?.v ?? "?"} (${name}), app in its own process`);
  try {
    await migrate(database);
    const started = Date.now();
    await generate(database.db);
    const [counts] = await rowsOf<{ users: number; statements: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM statements) AS statements`,
    );
    say(
      `population: ${counts?.users} learners, ${counts?.statements} statements, generated in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const [anyone] = await rowsOf<{ id: string }>(database.db, sql`SELECT id FROM users LIMIT 1`);
    const client = await createLrsClient(
      database.db,
      { id: anyone?.id ?? "", forceId: FORCE },
      { name: "Bench reader", read: true, write: false },
    );
    const authorization = `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString("base64")}`;
    const server = await serverProcess(url.toString(), 1);
    try {
      const get = async (path: string) => {
        const begun = performance.now();
        const response = await fetch(`${server.base}${path}`, {
          headers: { authorization, "x-experience-api-version": "2.0.0" },
        });
        const body = (await response.json()) as { statements?: unknown[]; more?: string };
        const ms = performance.now() - begun;
        if (response.status !== 200) throw new Error(`${path} → ${response.status} ${JSON.stringify(body)}`);
        return { ms, body };
      };
      const learnerNumber = (k: number) => (k * 7919) % learners;
      const agentOf = (k: number) =>
        encodeURIComponent(JSON.stringify({ mbox: `mailto:learner${learnerNumber(k)}@bench.invalid` }));
      const accountOf = async (k: number) => {
        const [row] = await rowsOf<{ id: string }>(
          database.db,
          sql`SELECT id FROM users WHERE lower(email) = ${`learner${learnerNumber(k)}@bench.invalid`}`,
        );
        return encodeURIComponent(JSON.stringify({ account: { homePage: XAPI_IRI_BASE, name: row?.id ?? "" } }));
      };
      const [rare] = await rowsOf<{ object_id: string }>(
        database.db,
        sql`SELECT object_id FROM statements WHERE object_id LIKE 'https://platform.example/rare/%' LIMIT 1`,
      );
      const sinceDay = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const kinds: { label: string; path: (k: number) => Promise<string> | string }[] = [
        { label: "agent (mbox), newest page", path: (k) => `/xapi/statements?agent=${agentOf(k)}` },
        { label: "agent (account), newest page", path: async (k) => `/xapi/statements?agent=${await accountOf(k)}` },
        {
          label: "activity (common), limit 100",
          path: (k) => `/xapi/statements?activity=${encodeURIComponent(activity(k % 50))}&limit=100`,
        },
        {
          label: "activity (rare)",
          path: () => `/xapi/statements?activity=${encodeURIComponent(rare?.object_id ?? activity(0))}`,
        },
        {
          label: "verb, limit 100",
          path: (k) => `/xapi/statements?verb=${encodeURIComponent(VERBS[k % 4] ?? "")}&limit=100`,
        },
        {
          label: "since 3 days ago, ascending, limit 100",
          path: () => `/xapi/statements?since=${encodeURIComponent(sinceDay)}&ascending=true&limit=100`,
        },
        {
          label: "agent + verb",
          path: (k) => `/xapi/statements?agent=${agentOf(k)}&verb=${encodeURIComponent(VERBS[k % 4] ?? "")}`,
        },
      ];
      say(`\nGET /xapi/statements, ${samples} different queries per kind, one at a time; ms`);
      say("kind | cold p50 | cold p95 | warm p50 | warm p95 | statements/page");
      for (const kind of kinds) {
        const paths = await Promise.all(Array.from({ length: samples }, async (_, k) => kind.path(k + 1)));
        const cold: number[] = [];
        let returned = 0;
        for (const path of paths) {
          const { ms, body } = await get(path);
          cold.push(ms);
          returned += body.statements?.length ?? 0;
        }
        const warm: number[] = [];
        for (const path of paths) warm.push((await get(path)).ms);
        say(
          `${kind.label} | ${percentile(cold, 50).toFixed(1)} | ${percentile(cold, 95).toFixed(1)} | ${percentile(warm, 50).toFixed(1)} | ${percentile(warm, 95).toFixed(1)} | ${(returned / paths.length).toFixed(0)}`,
        );
      }
      // Paging with `more`: the pages after the first of a common activity's newest statements.
      const paging: number[] = [];
      let next = `/xapi/statements?activity=${encodeURIComponent(activity(3))}&limit=100`;
      for (let page = 0; page < samples && next !== ""; page += 1) {
        const { ms, body } = await get(next);
        if (page > 0) paging.push(ms);
        next = body.more ?? "";
      }
      say(
        `more (pages 2–${paging.length + 1} of a common activity, limit 100) | p50 ${percentile(paging, 50).toFixed(1)} | p95 ${percentile(paging, 95).toFixed(1)}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
    if (!args.keep) {
      const drop = new pg.Client({ connectionString: args["database-url"] });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    } else say(`kept database ${name}`);
  }
}

await main();
