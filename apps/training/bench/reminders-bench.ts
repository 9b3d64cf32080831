/**
 * Reminder scan and trainer digest benchmark (issue 20). Prints numbers; never passes or fails on time.
 *
 *   cd apps/training
 *   tsx --conditions=@stalking-response/source bench/reminders-bench.ts                 # 50,000 learners, PGlite
 *   tsx --conditions=@stalking-response/source bench/reminders-bench.ts --db postgres --learners 1000000 \
 *     --database-url postgres://postgres@127.0.0.1:5432/test                             # a fresh database beside it
 *
 * Generates a force (bench/training-generate.ts, completed histories only), assigns every module to the whole
 * force with due dates spread either side of today, adds a trainer per team, then times, counting the SQL
 * statements each sends to the database:
 *  1. the first scan, which decides and stores every reminder due (and each trainer's weekly digest);
 *  2. a second scan an hour later, which finds everything stored (the hourly steady state);
 *  3. the next week's scan (new reminders, and every trainer's weekly digest);
 *  4. the weekly digest's unit counts alone;
 * and, as the ceiling in the same run, one plain pass over the force's completion rows.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Database } from "../src/server/db/client";
import { migrate } from "../src/server/db/client";
import { scanForce, trainerDigests } from "../src/server/notifications/scan";
import { defaultCatalog } from "../src/server/start";
import { rowsOf } from "../src/server/trainer/query";
import { GENERATED_PASSWORD_HASH, generateForce } from "./training-generate";
import { openBenchDatabase } from "./bench-database";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    learners: { type: "string", default: "50000" },
    "database-url": { type: "string" },
  },
});
const learners = Number(args.learners);
// `--db` names the engine; a database URL alone still means PostgreSQL (as before `--db` existed).
const engine = args.db ?? (args["database-url"] ? "postgres" : "pglite");
if (engine !== "pglite" && engine !== "postgres") throw new Error("--db must be pglite or postgres");
if (engine === "postgres" && !args["database-url"]) throw new Error("--db postgres needs --database-url");
if (!Number.isInteger(learners) || learners < 1) throw new Error("--learners must be a whole number above 0");
const FORCE = "bench";
const say = (line: string) => console.log(line);
/** The machine's 1, 5 and 15-minute load averages, printed beside the numbers (a shared machine skews them). */
const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(", ")}`;

/** Counts the statements the driver is handed, by wrapping its `query` (and PGlite's `exec`). */
function countQueries(database: Database): { count(): number } {
  let n = 0;
  const client = (database.db as unknown as { $client: Record<string, unknown> }).$client;
  for (const method of ["query", "exec"] as const) {
    const original = client[method];
    if (typeof original !== "function") continue;
    client[method] = (...callArgs: unknown[]) => {
      n += 1;
      return (original as (...a: unknown[]) => unknown).apply(client, callArgs);
    };
  }
  return { count: () => n };
}

async function main() {
  const catalog = defaultCatalog();
  const opened = await openBenchDatabase(
    "training_reminders",
    engine === "postgres" ? args["database-url"] : undefined,
  );
  const { database, label } = opened;
  try {
    say(
      `# Reminder scan and digest: ${learners.toLocaleString("en-GB")} learners × ${catalog.modules.length} modules on ${label}`,
    );
    await migrate(database);
    const now = new Date("2027-01-04T10:00:00Z"); // a Monday
    const started = Date.now();
    await generateForce(database.db, catalog, {
      forceId: FORCE,
      forceName: "Bench Constabulary",
      learners,
      now,
      chunk: engine === "postgres" ? 50_000 : 10_000,
      histories: "completed",
    });
    // Every module assigned force-wide, due from a month ago to a month ahead; a trainer per team.
    for (const [index, module] of catalog.modules.entries()) {
      const due = new Date(now.getTime() + (index * 15 - 30) * 86_400_000).toISOString().slice(0, 10);
      await database.db.execute(
        sql`INSERT INTO assignments (id, force_id, module_id, due_date, created_at)
            VALUES (gen_random_uuid(), ${FORCE}, ${module.id}, ${due}::date, ${new Date(now.getTime() - 60 * 86_400_000).toISOString()}::timestamptz)`,
      );
    }
    await database.db.execute(
      sql`INSERT INTO users (id, force_id, unit_id, email, display_name, role, job_role, password_hash)
          SELECT gen_random_uuid(), ${FORCE}, id, 'trainer.' || id || '@bench.invalid', 'Trainer ' || name, 'trainer', 'supervisor', ${GENERATED_PASSWORD_HASH}
          FROM units WHERE force_id = ${FORCE} AND kind = 'team'`,
    );
    await database.db.execute(sql`ANALYZE`);
    say(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s (${load()})`);

    const counter = countQueries(database);
    const measure = async <T>(name: string, run: () => Promise<T>, describe: (value: T) => string) => {
      const before = counter.count();
      const start = performance.now();
      const value = await run();
      const elapsed = performance.now() - start;
      say(
        `${name.padEnd(44)} ${(elapsed / 1000).toFixed(2).padStart(7)} s  ${String(counter.count() - before).padStart(4)} queries  ${describe(value)}`,
      );
    };
    await measure(
      "ceiling: one pass over the completion rows",
      () =>
        rowsOf<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM completions WHERE force_id = ${FORCE} AND expires_at > ${now.toISOString()}::timestamptz`,
        ),
      (rows) => `${rows[0]?.n ?? 0} current completions`,
    );
    const scanned = (result: Awaited<ReturnType<typeof scanForce>>) =>
      `${Math.round(result.readMs ?? 0)} ms reading, ${result.learners} learners read, ${result.decided} notices decided, ${result.stored} stored`;
    await measure("first scan (decides and stores)", () => scanForce(database.db, catalog, FORCE, now), scanned);
    await measure(
      "hourly scan, nothing new",
      () => scanForce(database.db, catalog, FORCE, new Date(now.getTime() + 3_600_000)),
      scanned,
    );
    // The next Monday: each trainer's digest is due again, so the unit counts run (and the learners' new notices).
    await measure(
      "next week's scan with weekly digests",
      () => scanForce(database.db, catalog, FORCE, new Date(now.getTime() + 7 * 86_400_000)),
      scanned,
    );
    await measure(
      "weekly digest alone (every unit's counts)",
      () => trainerDigests(database.db, catalog, FORCE, new Date(now.getTime() + 14 * 86_400_000)),
      (result) => `${result.notices.length} trainers' digests decided`,
    );
    const [digests] = await rowsOf<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM notifications WHERE force_id = ${FORCE} AND kind = 'digest'`,
    );
    say(`trainer digests stored: ${digests?.n ?? 0}`);
    say(`finished (${load()})`);
  } finally {
    await opened.dispose();
  }
}

await main();
