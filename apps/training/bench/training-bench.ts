/**
 * Training app benchmarks (issue 8). Prints numbers; never passes or fails on time.
 *
 *   cd apps/training   # or: pnpm --filter training bench -- --learners 50000
 *   tsx --conditions=@stalking-response/source bench/training-bench.ts --learners 50000 --db pglite
 *   tsx --conditions=@stalking-response/source bench/training-bench.ts --learners 1000000 --db postgres \
 *     --database-url postgres://postgres@127.0.0.1:5432/test [--seconds 20] [--explain ../../docs/training-explain.md]
 *
 * On a fresh database (PostgreSQL: a new database beside --database-url, dropped afterwards unless --keep) it
 * generates a force of N learners (bench/training-generate.ts), starts the real app on port 0 and measures:
 * (`--reuse <name>` names a kept database instead, a PostgreSQL database or a PGlite directory: created and
 * generated into on the first run, then reused as it is, vacuumed and analysed, with only new migrations
 * applied, so a 1,000,000-learner force is generated once; `--skip ingest,grid,export` with it just generates.)
 *  1. ingestion: statements/s over HTTP at concurrency 32 (one statement per POST), then the raw INSERT
 *     ceiling in the same run (32 concurrent single-row inserts), as bench/ingest-bench.ts measures it;
 *  2. grid: p50/p95 over HTTP of the first page, each filter and each sort, a keyset page with `after` and
 *     Previous pages with `before` from mid-list cursors (a bookmarked page: each index read backwards);
 *  3. export: time to stream the whole force as CSV and the process's peak RSS while doing it;
 *  4. optionally EXPLAIN (ANALYZE, BUFFERS) of each hot query, written as Markdown.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createAccount } from "../src/server/accounts";
import { buildApp } from "../src/server/app";
import type { Database } from "../src/server/db/client";
import { migrate, openDatabase } from "../src/server/db/client";
import { parseEnv } from "../src/server/env";
import { defaultCatalog } from "../src/server/start";
import { exportSelect } from "../src/server/trainer/export";
import { encodeGridCursor, gridPage, gridPageQuery, gridPageSteps, gridSummaryQuery } from "../src/server/trainer/grid";
import { queryContext, rowsOf } from "../src/server/trainer/query";
import { trainerPaths, trainerQuery } from "../src/shared/trainer-api";
import { TestClient } from "../test/support/client";
import { loadGenerator, measureIngestion } from "./ingest";
import { COMMANDS, GENERATED_PASSWORD_HASH, TEAMS_PER_COMMAND, generateForce } from "./training-generate";

const { values: args } = parseArgs({
  options: {
    learners: { type: "string", default: "50000" },
    db: { type: "string", default: "pglite" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    seconds: { type: "string", default: "15" },
    runs: { type: "string", default: "30" },
    explain: { type: "string" },
    keep: { type: "boolean", default: false },
    skip: { type: "string", default: "" },
    histories: { type: "string", default: "full" },
    reuse: { type: "string" },
  },
});
const learners = Number(args.learners);
const seconds = Number(args.seconds);
const runs = Number(args.runs);
const skip = new Set(args.skip.split(",").filter(Boolean));
const FORCE = "bench";
const PASSWORD = "bench-password-not-secret";
const CONCURRENCY = 32;
const say = (line: string) => console.log(line);

/** A kept database named by --reuse: a PostgreSQL database name beside --database-url, or a PGlite directory. */
const reuseName = args.reuse;
if (reuseName !== undefined && args.db === "postgres" && !/^[a-z_][a-z0-9_]{0,62}$/.test(reuseName)) {
  throw new Error(`--reuse ${reuseName}: a PostgreSQL database name is lower-case letters, digits and _`);
}

async function benchDatabase(): Promise<{ database: Database; label: string; dispose: () => Promise<void> }> {
  if (args.db === "postgres") {
    const name = reuseName ?? `training_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: args["database-url"] });
    await admin.connect();
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(args["database-url"]);
    url.pathname = `/${name}`;
    // The app's pool, sized for 32 concurrent requests.
    const database = await openDatabase({ url: url.toString() }, { poolMax: CONCURRENCY });
    return {
      database,
      label: `PostgreSQL (${name})`,
      dispose: async () => {
        await database.close();
        if (args.keep || reuseName !== undefined) return say(`kept database ${url.toString()}`);
        const drop = new pg.Client({ connectionString: args["database-url"] });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const dir = reuseName ?? mkdtempSync(join(tmpdir(), "training-bench-"));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    label: `PGlite (${dir})`,
    dispose: async () => {
      await database.close();
      if (args.keep || reuseName !== undefined) return say(`kept PGlite directory ${dir}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How many generated learners the bench force already holds (a reused database), 0 on a fresh one. */
async function generatedLearners(database: Database): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM users WHERE force_id = ${FORCE} AND password_hash = ${GENERATED_PASSWORD_HASH}`,
  );
  return row?.n ?? 0;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const catalog = defaultCatalog();
  const { database, label, dispose } = await benchDatabase();
  try {
    say(
      `# Training bench: ${learners.toLocaleString("en-GB")} learners × ${catalog.modules.length} modules on ${label}`,
    );
    say(`node ${process.version}, ${process.platform}/${process.arch}`);
    const applied = await migrate(database);
    if (applied.length > 0) say(`applied migrations: ${applied.join(", ")}`);
    const now = new Date();
    const existing = reuseName === undefined ? 0 : await generatedLearners(database);
    if (existing === learners) {
      say(`reusing ${label}: ${existing} generated learners already there`);
      // Earlier runs' bench assignments would change what "overdue" means; this run adds its own below.
      await database.db.execute(sql`DELETE FROM assignments WHERE force_id = ${FORCE}`);
      // VACUUM as well as ANALYZE: autovacuum would have set the visibility map on a live database by now, and
      // the index-only scans (a search in name order) depend on it, but it may be off where the bench runs.
      await database.db.execute(sql`VACUUM (ANALYZE)`);
    } else {
      if (existing !== 0) {
        throw new Error(`--reuse: ${label} holds ${existing} generated learners, not ${learners}; pick another name`);
      }
      say(`generating, statement histories: ${args.histories}`);
      const started = Date.now();
      const counts = await generateForce(database.db, catalog, {
        forceId: FORCE,
        forceName: "Bench Constabulary",
        learners,
        now,
        chunk: args.db === "postgres" ? 50_000 : 10_000,
        histories: args.histories === "completed" ? "completed" : "full",
        log: say,
      });
      say(
        `generated ${counts.users} users, ${counts.completions} projection rows, ${counts.statements} statements, ${counts.certificates} certificates in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }

    const env = parseEnv({ LOG_LEVEL: "error", SEED_DEMO: "never", SIGN_IN_MAX_ATTEMPTS: "1000" });
    const app = await buildApp({ env, database, catalog });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const team = (n: number) =>
      rowsOf<{ id: string }>(
        database.db,
        sql`SELECT id FROM units WHERE force_id = ${FORCE} AND kind = 'team' ORDER BY name OFFSET ${n} LIMIT 1`,
      ).then((rows) => rows[0]?.id ?? "");
    const generatedUserId = async (g: number) =>
      (
        await rowsOf<{ id: string }>(
          database.db,
          sql`SELECT id FROM users WHERE force_id = ${FORCE} AND collar_number = ${`${FORCE.toUpperCase()}-${g}`}`,
        )
      )[0]?.id ?? "";
    const signIn = async (role: "officer" | "trainer", n: number) => {
      const email = `${role}${n}.${randomUUID().slice(0, 8)}@bench.invalid`;
      await createAccount(database.db, {
        forceId: FORCE,
        unitId: await team(n % (COMMANDS * TEAMS_PER_COMMAND)),
        email,
        displayName: `Bench ${role} ${n}`,
        role,
        jobRole: "response-officer",
        password: PASSWORD,
      });
      const client = new TestClient(base);
      const session = await client.signIn(email, PASSWORD);
      return { client, id: session.user?.id ?? "" };
    };

    if (!skip.has("ingest")) {
      // The same measurement as bench/ingest-bench.ts, here against the force just generated (in this process).
      const writers = await Promise.all(Array.from({ length: CONCURRENCY }, (_, n) => signIn("officer", n)));
      const module = catalog.modules[0];
      if (!module) throw new Error("the course has no modules");
      const result = await measureIngestion({
        base,
        database,
        writers: writers.map((writer) => ({ ...writer, forceId: FORCE })),
        module,
        seconds,
      });
      say(
        `ingestion over HTTP, concurrency ${CONCURRENCY}, one statement per request (load from ${loadGenerator}): ${result.httpRate.toFixed(0)} statements/s (${result.stored} stored, ${result.failed} failed, ${seconds} s)`,
      );
      say(
        `raw INSERT ceiling, concurrency ${CONCURRENCY}, one row per statement: ${result.rawRate.toFixed(0)} rows/s (${seconds} s); HTTP ingestion is ${((result.httpRate / result.rawRate) * 100).toFixed(0)}% of it`,
      );
    }

    const { client: trainer } = await signIn("trainer", 0);
    const someTeam = await team(7);
    const someCommand = (
      await rowsOf<{ parent_id: string }>(database.db, sql`SELECT parent_id FROM units WHERE id = ${someTeam}::uuid`)
    )[0]?.parent_id;
    const [someone = { display_name: "nobody", collar_number: "nobody" }] = await rowsOf<{
      display_name: string;
      collar_number: string;
    }>(
      database.db,
      sql`SELECT display_name, collar_number FROM users WHERE id = ${await generatedUserId(Math.ceil(learners / 2))}::uuid`,
    );
    const scenarios: [string, Record<string, string | number>][] = [
      ["first page (name)", {}],
      ["filter unit (team)", { unit: someTeam }],
      ["filter unit (command)", { unit: someCommand ?? someTeam }],
      ["filter job role", { jobRole: "investigator" }],
      ["filter module + status completed", { module: "risk-screening", status: "completed" }],
      ["filter module + status overdue", { module: "recognising-stalking", status: "overdue" }],
      ["filter status expired (any module)", { status: "expired" }],
      ["filter renewal due within 60 days", { module: "recognising-stalking", status: "renewal-due", withinDays: 60 }],
      ["search name (part of a surname)", { q: "okafor" }],
      ["search full name", { q: someone.display_name }],
      ["search collar number", { q: someone.collar_number }],
      ["sort name desc", { sort: "name", direction: "desc" }],
      ["sort collar number", { sort: "collarNumber" }],
      ["sort module status", { sort: "status", module: "stalking-protection-orders" }],
      ["sort module score desc", { sort: "score", direction: "desc", module: "stalking-protection-orders" }],
      ["sort module completed date", { sort: "completedAt", module: "online-stalking" }],
    ];

    // Previous pages (`before`) from mid-list cursors, as a bookmarked or shared address opens them: each cursor is
    // the previousCursor the API gives the page that starts at that row (encodeGridCursor of its sort key and id, the
    // sort key being what sortKey computes), and the Previous page walks the sort's index backwards from it.
    const midRow = async (query: SQL) => (await rowsOf<{ k: string | number; id: string }>(database.db, query))[0];
    const teamSize =
      (
        await rowsOf<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM users WHERE force_id = ${FORCE} AND unit_id = ${someTeam}::uuid AND disabled_at IS NULL`,
        )
      )[0]?.n ?? 0;
    const scoreModule = "stalking-protection-orders";
    const scored =
      (
        await rowsOf<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM completions WHERE force_id = ${FORCE} AND module_id = ${scoreModule} AND score_percent IS NOT NULL`,
        )
      )[0]?.n ?? 0;
    const cursorAt = (sort: "name" | "score" | "status", row: { k: string | number; id: string } | undefined) => {
      if (!row) throw new Error(`no mid-list row to make a ${sort} cursor from`);
      return encodeGridCursor(sort, { key: sort === "name" ? String(row.k) : Number(row.k), id: row.id });
    };
    const before = {
      // Halfway down the whole force in name order.
      name: cursorAt(
        "name",
        await midRow(sql`SELECT lower(display_name) AS k, id FROM users WHERE force_id = ${FORCE} AND disabled_at IS NULL
          ORDER BY lower(display_name), id OFFSET ${Math.floor(learners / 2)} LIMIT 1`),
      ),
      // Halfway down one team in name order.
      team: cursorAt(
        "name",
        await midRow(sql`SELECT lower(display_name) AS k, id FROM users
          WHERE force_id = ${FORCE} AND unit_id = ${someTeam}::uuid AND disabled_at IS NULL
          ORDER BY lower(display_name), id OFFSET ${Math.floor(teamSize / 2)} LIMIT 1`),
      ),
      // Halfway down the scored learners in score-descending order (the run of scored rows).
      score: cursorAt(
        "score",
        await midRow(sql`SELECT score_percent::float8 AS k, user_id AS id FROM completions
          WHERE force_id = ${FORCE} AND module_id = ${scoreModule} AND score_percent IS NOT NULL
          ORDER BY score_percent DESC, user_id DESC OFFSET ${Math.floor(scored / 2)} LIMIT 1`),
      ),
      // The status sort's first run (not started, key 0), halfway through the id space: its Previous page walks
      // users_force_id_idx backwards with the anti join.
      status: cursorAt(
        "status",
        await midRow(sql`SELECT 0 AS k, u.id FROM users u WHERE u.force_id = ${FORCE} AND u.disabled_at IS NULL
          AND u.id >= '80000000-0000-8000-8000-000000000000'::uuid
          AND NOT EXISTS (SELECT 1 FROM completions x WHERE x.user_id = u.id AND x.module_id = ${scoreModule}
            AND x.status IN ('in-progress', 'completed'))
          ORDER BY u.id LIMIT 1`),
      ),
    };
    const previousPages: [string, Record<string, string | number>][] = [
      ["previous page (before), name, mid-list", { before: before.name }],
      ["previous page (before), filter unit (team), mid-team", { unit: someTeam, before: before.team }],
      [
        "previous page (before), sort module score desc, mid-run",
        { sort: "score", direction: "desc", module: scoreModule, before: before.score },
      ],
      [
        "previous page (before), sort module status, mid not-started run",
        { sort: "status", module: scoreModule, before: before.status },
      ],
    ];

    // Assign one module so "overdue" has something to find (due yesterday, to response officers).
    await database.db.execute(sql`INSERT INTO assignments (id, force_id, module_id, job_role, due_date)
      VALUES (${randomUUID()}::uuid, ${FORCE}, 'recognising-stalking', 'response-officer', (now() - interval '1 day')::date)`);

    if (!skip.has("grid")) {
      say(`\n## Grid over HTTP (${runs} runs each after 3 warm-up runs; page size 50)`);
      say("| query | p50 | p95 | rows |");
      say("| --- | --- | --- | --- |");
      const time = async (path: string) => {
        const samples: number[] = [];
        let rows = 0;
        let firstRun = NaN;
        for (let run = 0; run < runs + 3; run += 1) {
          const begin = performance.now();
          const response = await trainer.get(path);
          const body = (await response.json()) as { rows?: unknown[]; learners?: number };
          if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
          if (run === 0) firstRun = performance.now() - begin;
          if (run >= 3) samples.push(performance.now() - begin);
          rows = body.rows?.length ?? body.learners ?? 0;
        }
        samples.sort((a, b) => a - b);
        return { p50: percentile(samples, 50), p95: percentile(samples, 95), rows, first: firstRun };
      };
      for (const [name, query] of scenarios) {
        const result = await time(`${trainerPaths.grid}${trainerQuery(query)}`);
        say(`| ${name} | ${ms(result.p50)} | ${ms(result.p95)} | ${result.rows} |`);
      }
      const firstPage = (await (await trainer.get(trainerPaths.grid)).json()) as { nextCursor: string };
      const second = await time(`${trainerPaths.grid}${trainerQuery({ after: firstPage.nextCursor })}`);
      say(`| second page (keyset cursor) | ${ms(second.p50)} | ${ms(second.p95)} | ${second.rows} |`);
      for (const [name, query] of previousPages) {
        const result = await time(`${trainerPaths.grid}${trainerQuery(query)}`);
        say(`| ${name} | ${ms(result.p50)} | ${ms(result.p95)} | ${result.rows} |`);
      }
      for (const [name, query] of [
        ["counts, whole force", {}],
        ["counts, one team", { unit: someTeam }],
        ["counts, overdue", { module: "recognising-stalking", status: "overdue" }],
      ] as const) {
        const result = await time(`${trainerPaths.gridSummary}${trainerQuery(query)}`);
        // The first request computes the counts (nothing cached yet in this app); later ones may be served from
        // the counts cache (src/server/trainer/counts-cache.ts), so both are printed.
        say(
          `| ${name} (distinct people) | ${ms(result.p50)} | ${ms(result.p95)} | ${result.rows} learners; first request (computed): ${ms(result.first)} |`,
        );
      }
    }

    if (!skip.has("export")) {
      say("\n## CSV export of the whole force over HTTP");
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const begin = performance.now();
      const response = await trainer.get(trainerPaths.gridCsv);
      const reader = response.body?.getReader();
      let bytes = 0;
      let lines = 0;
      let firstByte = NaN;
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        if (Number.isNaN(firstByte)) firstByte = performance.now() - begin;
        bytes += chunk.value.byteLength;
        // Counted natively: a byte-by-byte loop over 184 MB would bill the export for the client's own work.
        for (let at = chunk.value.indexOf(10); at !== -1; at = chunk.value.indexOf(10, at + 1)) lines += 1;
      }
      clearInterval(sampler);
      const elapsed = (performance.now() - begin) / 1000;
      const mb = (value: number) => `${(value / 1_048_576).toFixed(0)} MB`;
      say(
        `${(lines - 1).toLocaleString("en-GB")} rows, ${mb(bytes)} in ${elapsed.toFixed(1)} s (first byte after ${ms(firstByte)}); RSS ${mb(rssBefore)} before, peak ${mb(peak)} (server and client share this process)`,
      );
    }

    if (args.explain) {
      const context = await queryContext(database.db, catalog, FORCE, new Date());
      const planOf = (rows: Record<string, string>[]) => rows.map((row) => Object.values(row)[0]).join("\n");
      const explain = async (query: ReturnType<typeof sql>) =>
        planOf(await rowsOf<Record<string, string>>(database.db, sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`));
      // The export runs with the settings its cursor transaction sets (export.ts).
      const explainExport = (query: ReturnType<typeof sql>) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL cursor_tuple_fraction = 1.0`);
          await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
          return planOf(await rowsOf<Record<string, string>>(tx, sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`));
        });
      const page = (query: Parameters<typeof gridPageQuery>[1]) => gridPageQuery(context, query).sql;
      const base = { sort: "name", direction: "asc", limit: 50, withinDays: 30 } as const;
      const scoreSort = { ...base, sort: "score", direction: "desc", module: "stalking-protection-orders" } as const;
      const firstScorePage = await gridPage(database.db, context, scoreSort);
      const wholeExport = gridPageSteps(context, { ...base, limit: 1 }, exportSelect, { whole: true }).steps[0];
      const sections: [string, ReturnType<typeof sql>, "export"?][] = [
        ["Grid first page, sorted by name", page(base)],
        ["Grid filtered to one team", page({ ...base, unit: someTeam })],
        ["Grid filtered to a command (its teams)", page({ ...base, unit: someCommand ?? someTeam })],
        [
          "Grid filtered by module and status (overdue)",
          page({ ...base, module: "recognising-stalking", status: "overdue" }),
        ],
        [
          "Grid filtered by module and renewal due within 60 days",
          page({ ...base, module: "recognising-stalking", status: "renewal-due", withinDays: 60 }),
        ],
        ["Grid filtered by status expired on any module", page({ ...base, status: "expired" })],
        ["Grid searched by collar number", page({ ...base, q: someone.collar_number })],
        ["Grid searched by part of a name (a common surname)", page({ ...base, q: "okafor" })],
        [
          "Grid sorted by one module's status: first run (not started: learners with no in-progress or completed row)",
          page({ ...base, sort: "status", module: "stalking-protection-orders" }),
        ],
        ["Grid sorted by one module's score, descending: first run (scored rows)", page(scoreSort)],
        [
          "Grid sorted by one module's score, descending: second page (keyset cursor inside the run)",
          page({ ...scoreSort, ...(firstScorePage.nextCursor ? { after: firstScorePage.nextCursor } : {}) }),
        ],
        [
          "Grid sorted by one module's completion date: first run (no completion date)",
          page({ ...base, sort: "completedAt", module: "online-stalking" }),
        ],
        ["Grid Previous page (before cursor), sorted by name, from mid-list", page({ ...base, before: before.name })],
        [
          "Grid Previous page (before cursor), filtered to one team, from mid-team",
          page({ ...base, unit: someTeam, before: before.team }),
        ],
        [
          "Grid Previous page (before cursor), sorted by one module's score descending, from mid-run (scored rows)",
          page({ ...scoreSort, before: before.score }),
        ],
        [
          "Grid Previous page (before cursor), sorted by one module's status, from mid not-started run",
          page({ ...base, sort: "status", module: scoreModule, before: before.status }),
        ],
        [
          "Distinct-person counts, one team (computed; then cached)",
          gridSummaryQuery(context, { withinDays: 30, unit: someTeam }),
        ],
        ["Distinct-person counts, whole force (computed; then cached)", gridSummaryQuery(context, { withinDays: 30 })],
        ...(wholeExport && database.kind === "postgres"
          ? [
              [
                "CSV export of the whole force: the one query its cursor reads",
                wholeExport(Number.MAX_SAFE_INTEGER),
                "export",
              ] as [string, ReturnType<typeof sql>, "export"],
            ]
          : []),
      ];
      // Hand-written notes between the markers survive a regeneration.
      const previous = existsSync(args.explain) ? readFileSync(args.explain, "utf8") : "";
      const notes = /<!-- notes -->[\s\S]*?<!-- \/notes -->/.exec(previous)?.[0] ?? "<!-- notes -->\n<!-- /notes -->";
      const out = [
        "# Training app: EXPLAIN (ANALYZE, BUFFERS) of the trainer's hot queries",
        "",
        `Generated by \`bench/training-bench.ts --explain\` on ${label.replace(/ \(.*\)$/, "")} with ${learners.toLocaleString("en-GB")} learners × ${catalog.modules.length} modules, ${new Date().toISOString().slice(0, 10)}. Each plan is the exact SQL the API runs (built by \`gridPageQuery\` / \`gridSummaryQuery\` / the export's \`gridPageSteps(…, { whole: true })\`), with the app pool's settings (JIT and parallel workers off). A module sort runs one query per run of its order until the page is full; the plan shown is the first.`,
        "",
        notes,
        "",
      ];
      for (const [title, query, kind] of sections) {
        const plan = kind === "export" ? await explainExport(query) : await explain(query);
        const indexes = [
          ...new Set(
            [...plan.matchAll(/(?:Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g)].map((match) => match[1]),
          ),
        ];
        out.push(
          `## ${title}`,
          "",
          `Indexes used: ${indexes.length ? indexes.map((name) => `\`${name}\``).join(", ") : "none"}`,
          "",
          "```",
          plan,
          "```",
          "",
        );
      }
      writeFileSync(args.explain, out.join("\n"));
      say(`\nwrote EXPLAIN output to ${args.explain}`);
    }
    await app.close();
  } finally {
    await dispose();
  }
}

await main();
