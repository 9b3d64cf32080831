/**
 * Statement ingestion benchmark (issue 8): statements/s over HTTP at concurrency 32, and the raw INSERT
 * ceiling measured in the same run. Prints numbers; never passes or fails on time.
 *
 *   cd apps/training
 *   tsx --conditions=@stalking-response/source bench/ingest-bench.ts --db postgres \
 *     --database-url postgres://postgres@127.0.0.1:5432/test [--learners 10000] [--seconds 15] [--runs 3]
 *   tsx --conditions=@stalking-response/source bench/ingest-bench.ts --db pglite
 *
 * With `--xapi`, each run also measures the same writers posting through the xAPI LRS (`/xapi/statements`, one
 * HTTP Basic client of the force, issue 19) and prints that rate beside the app's own endpoint's.
 *
 * Each run also measures the writers again beside `--poisoners` clients (default 1) that send, one after
 * another, statements with a NUL byte the database cannot store (issue 14): before, such a statement failed
 * the group-commit batch it landed in, and its neighbours were replayed one by one. The bench prints that
 * rate as a share of the clean one from the same run.
 *
 * It generates a force of N learners first (so statements go into tables and indexes of a realistic size),
 * signs in 32 officers and has each POST one statement after another; the server group-commits concurrent
 * requests (src/server/learning/ingest.ts). A statement counts once its 200 has arrived, which the server
 * sends only after the statement's transaction has committed.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createAccount } from "../src/server/accounts";
import { createLrsClient } from "../src/server/auth/lrs-clients";
import { buildApp } from "../src/server/app";
import type { Database } from "../src/server/db/client";
import { migrate, openDatabase } from "../src/server/db/client";
import { parseEnv } from "../src/server/env";
import { defaultCatalog } from "../src/server/start";
import { rowsOf } from "../src/server/trainer/query";
import { TestClient } from "../test/support/client";
import type { Writer } from "./ingest";
import { loadGenerator, measureIngestion, processTreeCpuMs, serverProcess } from "./ingest";
import { generateForce } from "./training-generate";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    learners: { type: "string", default: "10000" },
    seconds: { type: "string", default: "15" },
    runs: { type: "string", default: "3" },
    writers: { type: "string", default: "32" },
    instances: { type: "string", default: "1" },
    poisoners: { type: "string", default: "1" },
    // Issue 19: also measure the same writers through the xAPI LRS (/xapi/statements, HTTP Basic) in each run.
    xapi: { type: "boolean", default: false },
  },
});
const FORCE = "bench";
const PASSWORD = "bench-password-not-secret";
const writersWanted = Number(args.writers);
const say = (line: string) => console.log(line);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function openFresh(): Promise<{ database: Database; label: string; url?: string; dispose(): Promise<void> }> {
  if (args.db === "postgres") {
    const name = `training_ingest_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: args["database-url"] });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(args["database-url"]);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    return {
      database,
      url: url.toString(),
      label: `PostgreSQL (${name}, the app's default pool)`,
      async dispose() {
        await database.close();
        const drop = new pg.Client({ connectionString: args["database-url"] });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "training-ingest-"));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    label: `PGlite (${dir})`,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Backends come and go as pools open and idle out, so each one's last reading is kept after it has gone.
const backendCpu = new Map<number, number>();

/** CPU milliseconds of the PostgreSQL backends that have served the bench's database so far. */
async function backendCpuMs(database: Database): Promise<number> {
  const backends = await rowsOf<{ pid: number }>(
    database.db,
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  for (const { pid } of backends) backendCpu.set(pid, processTreeCpuMs(pid));
  return [...backendCpu.values()].reduce((sum, ms) => sum + ms, 0);
}

/** PGlite is one process's embedded database, so the app runs in the bench's process. */
async function inProcessServer(database: Database) {
  // Logging at the default level (info: a line per request) into a sink, as a server writing to a file would.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const env = parseEnv({ SEED_DEMO: "never", SIGN_IN_MAX_ATTEMPTS: "1000" });
  const app = await buildApp({ env, database, catalog: defaultCatalog(), logStream: sink });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return { base, pid: process.pid, stop: () => app.close() };
}

async function main() {
  const catalog = defaultCatalog();
  const module = catalog.modules[0];
  if (!module) throw new Error("the course has no modules");
  const fresh = await openFresh();
  const { database, label } = fresh;
  try {
    const learners = Number(args.learners);
    say(
      `# Ingestion bench on ${label}, ${fresh.url ? `app in ${args.instances} process(es) of its own` : "app in this process"}: ${writersWanted} writers (load from ${loadGenerator}), ${args.seconds} s × ${args.runs} runs`,
    );
    say(`node ${process.version}, ${process.platform}/${process.arch}`);
    await migrate(database);
    const started = Date.now();
    const counts = await generateForce(database.db, catalog, {
      forceId: FORCE,
      forceName: "Bench Constabulary",
      learners,
      now: new Date(),
      chunk: args.db === "postgres" ? 50_000 : 10_000,
      histories: "full",
    });
    say(
      `population: ${counts.users} learners, ${counts.statements} statements, generated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const server = fresh.url ? await serverProcess(fresh.url, Number(args.instances)) : await inProcessServer(database);
    const base = server.base;
    const [unit] = await rowsOf<{ id: string }>(
      database.db,
      sql`SELECT id FROM units WHERE force_id = ${FORCE} AND kind = 'team' ORDER BY name LIMIT 1`,
    );
    const writers: Writer[] = [];
    const poisoners: Writer[] = [];
    for (let n = 0; n < writersWanted + Number(args.poisoners); n += 1) {
      const email = `writer${n}.${randomUUID().slice(0, 8)}@bench.invalid`;
      await createAccount(database.db, {
        forceId: FORCE,
        unitId: unit?.id ?? null,
        email,
        displayName: `Bench writer ${n}`,
        role: "officer",
        jobRole: "response-officer",
        password: PASSWORD,
      });
      const client = new TestClient(base);
      const session = await client.signIn(email, PASSWORD);
      (n < writersWanted ? writers : poisoners).push({ client, id: session.user?.id ?? "", forceId: FORCE });
    }

    const lrsClient = args.xapi
      ? await createLrsClient(
          database.db,
          { id: writers[0]?.id ?? "", forceId: FORCE },
          { name: "Bench", read: false, write: true },
        )
      : undefined;
    const lrsAuthorization = lrsClient
      ? `Basic ${Buffer.from(`${lrsClient.key}:${lrsClient.secret}`).toString("base64")}`
      : undefined;
    const xapiRates: number[] = [];
    const http: number[] = [];
    const raw: number[] = [];
    const poisoned: number[] = [];
    for (let run = 1; run <= Number(args.runs); run += 1) {
      const clean = () =>
        measureIngestion({
          base,
          database,
          writers,
          module,
          seconds: Number(args.seconds),
          sampleCpu: async () => ({
            ...(fresh.url
              ? { "app process(es)": processTreeCpuMs(server.pid) }
              : { "this process (app + PGlite)": processTreeCpuMs(process.pid) }),
            ...(fresh.url ? { "PostgreSQL backends": await backendCpuMs(database) } : {}),
          }),
        });
      const beside = () =>
        measureIngestion({ base, database, writers, poisoners, module, seconds: Number(args.seconds), raw: false });
      // On a shared machine the load drifts: alternate which of the pair goes first, so drift does not always
      // favour one side.
      const poisonFirst = poisoners.length > 0 && run % 2 === 0;
      const poisonedResult = poisonFirst ? await beside() : undefined;
      const result = await clean();
      http.push(result.httpRate);
      raw.push(result.rawRate);
      say(
        `run ${run}: HTTP ${result.httpRate.toFixed(0)} statements/s (${result.stored} stored, ${result.failed} failed); raw INSERT ceiling ${result.rawRate.toFixed(0)} rows/s`,
      );
      say(
        `  CPU per stored statement: ${Object.entries(result.cpuMsPerStatement)
          .map(([who, ms]) => `${who} ${ms.toFixed(3)} ms`)
          .join(", ")}`,
      );
      if (lrsAuthorization) {
        const lrs = await measureIngestion({
          base,
          database,
          writers,
          module,
          seconds: Number(args.seconds),
          raw: false,
          lrsAuthorization,
        });
        xapiRates.push(lrs.httpRate / result.httpRate);
        say(
          `  xAPI LRS (/xapi/statements, HTTP Basic): ${lrs.httpRate.toFixed(0)} statements/s (${lrs.stored} stored, ${lrs.failed} failed), ${((lrs.httpRate / result.httpRate) * 100).toFixed(0)}% of /api/statements' ${result.httpRate.toFixed(0)} (goal ≥ 80%)`,
        );
      }
      if (poisoners.length > 0) {
        const withPoison = poisonedResult ?? (await beside());
        poisoned.push(withPoison.httpRate / result.httpRate);
        say(
          `  with ${poisoners.length} poisoning client(s) (measured ${poisonFirst ? "before" : "after"} the clean run): HTTP ${withPoison.httpRate.toFixed(0)} statements/s (${withPoison.stored} stored, ${withPoison.failed} failed), ${((withPoison.httpRate / result.httpRate) * 100).toFixed(0)}% of the clean ${result.httpRate.toFixed(0)}; poisoner answers ${JSON.stringify(withPoison.poisonStatuses)}`,
        );
      }
    }
    say(
      `median: HTTP ingestion ${median(http).toFixed(0)} statements/s at concurrency ${writersWanted}; raw INSERT ceiling ${median(raw).toFixed(0)} rows/s (${((median(http) / median(raw)) * 100).toFixed(0)}%)`,
    );
    if (xapiRates.length > 0) {
      say(
        `median: /xapi/statements keeps ${(median(xapiRates) * 100).toFixed(0)}% of /api/statements' rate (goal ≥ 80%)`,
      );
    }
    if (poisoned.length > 0) {
      say(
        `median: with ${poisoners.length} poisoning client(s) the writers keep ${(median(poisoned) * 100).toFixed(0)}% of the clean rate (target ≥ 90%)`,
      );
    }
    await server.stop();
  } finally {
    await fresh.dispose();
  }
}

await main();
