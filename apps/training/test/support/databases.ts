import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Database } from "../../src/server/db/client";
import { migrate, openDatabase } from "../../src/server/db/client";

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

const pglite: DatabaseTarget = {
  name: "pglite",
  async create() {
    const database = await openDatabase({ dataDir: "memory://" });
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
