import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Database } from "../src/server/db/client";
import { openDatabase } from "../src/server/db/client";

/** A database made for one bench run, and how to throw it away. */
export interface BenchDatabase {
  database: Database;
  label: string;
  dispose(): Promise<void>;
}

/**
 * A fresh database for a bench: with `url`, a new PostgreSQL database beside the one it names (`<prefix>_<time>`,
 * dropped afterwards); without, PGlite in a temporary directory (deleted afterwards).
 */
export async function openBenchDatabase(prefix: string, url: string | undefined): Promise<BenchDatabase> {
  if (url) {
    const name = `${prefix}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ url: target.toString() });
    return {
      database,
      label: `PostgreSQL (${name})`,
      async dispose() {
        await database.close();
        const drop = new pg.Client({ connectionString: url });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    label: "PGlite",
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
