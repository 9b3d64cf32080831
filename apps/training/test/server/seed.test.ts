import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SIGN_INS, hasUsers, seedDemo } from "../../src/server/demo/seed";
import type { Database } from "../../src/server/db/client";
import { users } from "../../src/server/db/schema";
import { trainingStatus } from "@stalking-response/curriculum";
import { completions } from "../../src/server/db/schema";
import { defaultCatalog } from "../../src/server/start";
import { TestClient } from "../support/client";
import { buildApp } from "../../src/server/app";
import { parseEnv } from "../../src/server/env";
import { databaseTargets } from "../support/databases";
import { expectProjectionAgrees } from "../support/projection";

// The seed is the slowest set-up in the suite (about 30 s on PGlite), so it runs on one database: PostgreSQL
// when CI provides it (the one the seed must also work on), PGlite otherwise.
const target = databaseTargets.at(-1);
if (!target) throw new Error("no database target");

describe(`the demo seed on ${target.name}`, () => {
  let database: Database;
  let dispose: () => Promise<void>;
  const now = new Date("2026-11-28T09:00:00Z");
  const catalog = defaultCatalog();
  beforeAll(async () => {
    const created = await target.create();
    database = created.database;
    dispose = () => created.dispose();
    expect(await hasUsers(database.db)).toBe(false);
    await seedDemo(database.db, catalog, now);
  }, 240_000);
  afterAll(() => dispose?.());

  it("creates about 200 people: officers, two trainers and one admin, in one force", async () => {
    const rows = await database.db.select({ role: users.role, n: count() }).from(users).groupBy(users.role);
    const byRole = Object.fromEntries(rows.map((row) => [row.role, row.n]));
    expect(byRole).toEqual({ officer: 197, trainer: 2, admin: 1 });
    expect(await hasUsers(database.db)).toBe(true);
  });

  it("gives realistic partial progress: every status occurs, and the new demo officer has none", async () => {
    const rows = await database.db.select().from(completions);
    const statuses = new Set(rows.map((row) => trainingStatus(row, now)));
    expect([...statuses].sort()).toEqual(["completed", "due-for-renewal", "expired", "in-progress", "not-started"]);
    const [officer] = await database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, DEMO_SIGN_INS[0].email));
    expect(rows.filter((row) => row.userId === officer?.id)).toEqual([]);
  });

  it("wrote progress as statements, so the projection agrees with a replay of the log", async () => {
    expect(await expectProjectionAgrees(database.db, catalog)).toBeGreaterThan(300);
  });

  it("lets every listed demo sign-in sign in", async () => {
    const app = await buildApp({ env: parseEnv({ LOG_LEVEL: "silent" }), database, catalog });
    try {
      const base = await app.listen({ port: 0, host: "127.0.0.1" });
      for (const account of DEMO_SIGN_INS) {
        const session = await new TestClient(base).signIn(account.collarNumber, account.password);
        expect(session.user?.role).toBe(account.role);
        expect(session.user?.force.name).toBe("Essex Police");
      }
    } finally {
      await app.close();
    }
  });
});
