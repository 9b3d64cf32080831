import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

/** The drizzle database, the same type whether it runs on PGlite or PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * A hot statement run with positional parameters. On PostgreSQL it is prepared by `name` once per connection,
 * so it is parsed and planned once rather than on every call; the name must be unique to the text.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

/** An open database: drizzle for queries, and the driver's raw multi-statement `exec` for migrations. */
export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs a {@link PreparedStatement}; for the few statements on the request path at thousands a second. */
  query<T>(statement: PreparedStatement, params: unknown[]): Promise<T[]>;
  /**
   * Runs SQL text as the job queue (pg-boss) sends it: with values, one statement; without, possibly several
   * (its schema set-up and its advisory-locked steps, `BEGIN; …; COMMIT`), answered with the last result.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Runs `run` inside one transaction that holds the migration lock. */
  inMigrationLock(run: (connection: MigrationConnection) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** What a migration may do: run SQL text (several statements allowed) and read rows. */
export interface MigrationConnection {
  exec(sqlText: string): Promise<void>;
  rows(sqlText: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * Where to find the database: a PostgreSQL URL, or a PGlite data directory (`memory://` for tests, which
 * may start from a dumped `loadDataDir` so each test file skips PGlite's slow initdb).
 */
export type DatabaseLocation = { url: string } | { dataDir: string; loadDataDir?: Blob };

/** Opens the database (without migrating). */
export async function openDatabase(location: DatabaseLocation, options: { poolMax?: number } = {}): Promise<Database> {
  if ("url" in location) {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: options.poolMax ?? 10,
      // The app's reads are short keyset walks (a page of 50) that PostgreSQL estimates as costly because the
      // tables are big. Left on, JIT compiles their CASE expressions on every run (hundreds of milliseconds) and
      // parallel workers split a 50-row walk three ways, each worker walking further than one would alone
      // (measured at 1,000,000 learners: 200-350 ms parallel, 20-50 ms serial; docs/training-explain.md).
      options: "-c jit=off -c max_parallel_workers_per_gather=0",
    });
    // An idle client that loses its server emits 'error'; without a listener that would crash the process.
    pool.on("error", () => undefined);
    return {
      db: drizzlePg({ client: pool, schema }) as unknown as Db,
      kind: "postgres",
      query: async <T>({ name, text }: PreparedStatement, values: unknown[]) =>
        (await pool.query<T & pg.QueryResultRow>({ name, text, values })).rows,
      executeSql: (text, values) => pool.query(text, values),
      async inMigrationLock(run) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          // Two app instances starting together must not both apply the same migration.
          await client.query("SELECT pg_advisory_xact_lock(727274)");
          await run({
            exec: async (sqlText) => {
              await client.query(sqlText);
            },
            rows: async (sqlText, params) => (await client.query<Record<string, unknown>>(sqlText, params)).rows,
          });
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (!location.dataDir.startsWith("memory://")) mkdirSync(location.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: location.dataDir,
    // Migration 0004 creates pg_trgm for the grid's substring search; PGlite ships it as a loadable extension.
    extensions: { pg_trgm },
    ...(location.loadDataDir ? { loadDataDir: location.loadDataDir } : {}),
  });
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: "pglite",
    // One connection in this process: nothing to gain from naming, and PGlite keeps no prepared statements.
    query: async <T>({ text }: PreparedStatement, values: unknown[]) => (await client.query<T>(text, values)).rows,
    async executeSql(text, values) {
      if (values !== undefined && values.length > 0) return client.query<Record<string, unknown>>(text, values);
      // PGlite's `query` takes one statement; `exec` takes several and answers each.
      const results = await client.exec(text);
      return { rows: results[results.length - 1]?.rows ?? [] };
    },
    async inMigrationLock(run) {
      // PGlite is one connection in one process, so the transaction alone serialises migrations.
      await client.transaction(async (tx) => {
        await run({
          exec: async (sqlText) => {
            await tx.exec(sqlText);
          },
          rows: async (sqlText, params) => (await tx.query<Record<string, unknown>>(sqlText, params)).rows,
        });
      });
    },
    close: () => client.close(),
  };
}

const migrationsDir = fileURLToPath(new URL("./migrations", import.meta.url));

/** The checked-in migrations, in the order they apply. */
export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((name) => ({ name, sql: readFileSync(`${migrationsDir}/${name}`, "utf8") }));
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction; returns those
 * applied. `through` stops after the named migration (an upgrade done in steps, with online index builds
 * between them: db/online/).
 */
export async function migrate(database: Database, options: { through?: string } = {}): Promise<string[]> {
  const { through } = options;
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    if (through !== undefined && migration.name > through) break;
    await database.inMigrationLock(async (connection) => {
      await connection.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      // Checked inside the lock, so a migration another instance has just applied is not applied twice.
      const done = await connection.rows("SELECT 1 FROM schema_migrations WHERE name = $1", [migration.name]);
      if (done.length > 0) return;
      await connection.exec(migration.sql);
      await connection.rows("INSERT INTO schema_migrations (name) VALUES ($1)", [migration.name]);
      applied.push(migration.name);
    });
  }
  return applied;
}
