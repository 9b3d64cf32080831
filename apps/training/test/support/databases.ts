import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Database } from "../../src/server/db/client";
import { listMigrations, migrate, openDatabase } from "../../src/server/db/client";

/** A database a test file can run against: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export interface DatabaseTarget {
  name: "pglite" | "postgres";
  /** A fresh, migrated database for one test file, and how to dispose of it. */
  create(): Promise<{ database: Database; url: string | null; dispose(): Promise<void> }>;
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** Creates an empty PostgreSQL database next to TEST_DATABASE_URL's and returns its URL. */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `training_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A migrated, empty PGlite data directory, dumped once and cached on disk by migration content: loading
 * it takes about 2 s where initdb takes over 10 s, and every test file needs a fresh database.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const key = createHash("sha256")
    .update(
      listMigrations()
        .map((migration) => migration.name + migration.sql)
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 16);
  const file = join(tmpdir(), `training-pglite-template-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const database = await openDatabase({ dataDir: "memory://" });
  await migrate(database);
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("none");
  await database.close();
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  renameSync(temporary, file); // atomic, so a parallel test file never reads half a template
  return dump;
}

const pglite: DatabaseTarget = {
  name: "pglite",
  async create() {
    const database = await openDatabase({ dataDir: "memory://", loadDataDir: await pgliteTemplate() });
    // Applies nothing on the template; still run so a stale template could never hide a migration.
    await migrate(database);
    return { database, url: null, dispose: () => database.close() };
  },
};

const postgres: DatabaseTarget = {
  name: "postgres",
  async create() {
    const fresh = await freshPostgresUrl();
    const database = await openDatabase({ url: fresh.url });
    await migrate(database);
    return {
      database,
      url: fresh.url,
      async dispose() {
        await database.close();
        await fresh.drop();
      },
    };
  },
};

/** The databases every API test file runs against. */
export const databaseTargets: DatabaseTarget[] = testDatabaseUrl ? [pglite, postgres] : [pglite];
