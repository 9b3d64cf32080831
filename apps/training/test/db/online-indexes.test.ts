import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/server/db/client";
import { listMigrations, migrate, openDatabase } from "../../src/server/db/client";
import { rowsOf } from "../../src/server/trainer/query";
import { databaseTargets, freshPostgresUrl } from "../support/databases";

const script = fileURLToPath(
  new URL("../../src/server/db/online/0004_build_indexes_concurrently.sql", import.meta.url),
);
const before0004 = listMigrations().find((migration) => migration.name.startsWith("0003_"))?.name ?? "";
const indexes0004 = [
  "users_display_name_trgm_idx",
  "users_collar_number_trgm_idx",
  "users_force_name_idx",
  "completions_module_score_idx",
  "completions_module_completed_at_idx",
  "completions_module_expires_at_idx",
  "completions_module_status_user_idx",
  "users_force_id_idx",
];

/** The definitions and validity of migration 0004's indexes, by name. */
async function definitions(database: Database) {
  const rows = await rowsOf<{ name: string; definition: string; valid: boolean }>(
    database.db,
    sql`SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition, i.indisvalid AS valid
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname = ANY(${sql.param(indexes0004)}::text[]) ORDER BY c.relname`,
  );
  return rows;
}

describe.each(databaseTargets)("migration 0004 after its indexes were built online, on $name", (target) => {
  const disposals: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dispose of disposals) await dispose();
  });

  /** An empty database migrated through 0003: the state a live deployment is in before the upgrade. */
  async function before(): Promise<{ database: Database; url: string | null }> {
    if (target.name === "postgres") {
      const fresh = await freshPostgresUrl();
      const database = await openDatabase({ url: fresh.url });
      disposals.push(async () => {
        await database.close();
        await fresh.drop();
      });
      await migrate(database, { through: before0004 });
      return { database, url: fresh.url };
    }
    const database = await openDatabase({ dataDir: "memory://" });
    disposals.push(() => database.close());
    await migrate(database, { through: before0004 });
    return { database, url: null };
  }

  it("finds every index the script built, and ends with the same indexes as a plain migration", async () => {
    const plain = await target.create();
    disposals.push(() => plain.dispose());
    const expected = await definitions(plain.database);
    expect(expected.map((row) => row.name)).toEqual([...indexes0004].sort());

    const { database, url } = await before();
    if (url) {
      // Exactly the command the README gives operators.
      execFileSync("psql", [url, "--set", "ON_ERROR_STOP=1", "--quiet", "-f", script], { stdio: "pipe" });
    } else {
      // PGlite has no psql: the same statements, one at a time, on its one connection.
      const statements = readFileSync(script, "utf8")
        .split("\n")
        .filter((line) => !line.startsWith("--"))
        .join("\n")
        .split(/;\s*\n/)
        .map((statement) => statement.trim())
        .filter(Boolean);
      for (const statement of statements) await database.db.execute(sql.raw(statement));
    }
    const built = await definitions(database);
    expect(built).toEqual(expected);
    const storage = () =>
      rowsOf<{ name: string; file: number }>(
        database.db,
        sql`SELECT relname AS name, relfilenode AS file FROM pg_class WHERE relname = ANY(${sql.param(indexes0004)}::text[]) ORDER BY relname`,
      );
    const builtFiles = await storage();

    expect(await migrate(database)).toContain(listMigrations().find((m) => m.name.startsWith("0004_"))?.name);
    expect(await definitions(database)).toEqual(expected);
    // The migration rebuilt nothing: every index is still the file the online build wrote.
    expect(await storage()).toEqual(builtFiles);
  });

  it("drops an invalid index a failed online build left behind, and builds it again", async () => {
    const { database } = await before();
    await database.db.execute(sql.raw("CREATE INDEX users_force_id_idx ON users (force_id, id)"));
    // What a failed CREATE INDEX CONCURRENTLY leaves: an index PostgreSQL keeps up to date but never reads.
    await database.db.execute(
      sql.raw("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'users_force_id_idx'::regclass"),
    );
    await migrate(database);
    const rows = await definitions(database);
    expect(rows.find((row) => row.name === "users_force_id_idx")?.valid).toBe(true);
    expect(rows.every((row) => row.valid)).toBe(true);
  });
});
