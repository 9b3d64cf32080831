import { is } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "../../src/server/db/client";
import type { Database } from "../../src/server/db/client";
import * as schema from "../../src/server/db/schema";
import { databaseTargets } from "../support/databases";

const tables: PgTable[] = Object.values(schema as Record<string, unknown>).flatMap((value) =>
  is(value, PgTable) ? [value] : [],
);

describe.each(databaseTargets)("the SQL migrations and the drizzle schema agree on $name", (target) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const created = await target.create();
    database = created.database;
    dispose = () => created.dispose();
  }, 120_000);
  afterAll(() => dispose?.());

  const rows = async <T>(query: string): Promise<T[]> => {
    const result: unknown = await database.db.execute(query);
    return (result as { rows: T[] }).rows;
  };

  it("has every drizzle table, column, nullability and index in the migrated database", async () => {
    const columns = await rows<{ table_name: string; column_name: string; is_nullable: string }>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const indexes = await rows<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    const indexNames = new Set(indexes.map((row) => row.indexname));
    expect(tables.length).toBeGreaterThanOrEqual(8);
    for (const table of tables) {
      const config = getTableConfig(table);
      const inDatabase = columns.filter((column) => column.table_name === config.name);
      expect(inDatabase.map((column) => column.column_name).sort(), config.name).toEqual(
        config.columns.map((column) => column.name).sort(),
      );
      for (const column of config.columns) {
        const actual = inDatabase.find((candidate) => candidate.column_name === column.name);
        expect(actual?.is_nullable, `${config.name}.${column.name}`).toBe(column.notNull ? "NO" : "YES");
      }
      for (const index of config.indexes) expect(indexNames, `${config.name} index`).toContain(index.config.name);
    }
  });

  it("records each migration once and applies nothing on a second run", async () => {
    expect(await migrate(database)).toEqual([]);
    const applied = await rows<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
    expect(applied.map((row) => row.name)).toEqual(listMigrations().map((migration) => migration.name));
  });
});
