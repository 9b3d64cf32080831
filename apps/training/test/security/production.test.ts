import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAccount, ensureForce } from "../../src/server/accounts";
import { DEMO_FORCE, hasUsers } from "../../src/server/demo/seed";
import { parseEnv } from "../../src/server/env";
import { banner, openConfiguredDatabase, startServer } from "../../src/server/start";
import { freshPostgresUrl } from "../support/databases";

const targets = process.env.TEST_DATABASE_URL ? (["pglite", "postgres"] as const) : (["pglite"] as const);

// Issue 14, finding 5: with NODE_ENV=production on an empty database the demo force was seeded and the
// banner printed its passwords.
describe.each(targets)("production never runs with the public demo accounts on %s", (target) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function location(): Promise<Record<string, string>> {
    if (target === "postgres") {
      const fresh = await freshPostgresUrl();
      cleanups.push(() => fresh.drop());
      return { DATABASE_URL: fresh.url };
    }
    const dataDir = mkdtempSync(join(tmpdir(), "training-production-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    return { TRAINING_DATA_DIR: dataDir };
  }

  const production = (where: Record<string, string>, extra: Record<string, string> = {}) =>
    parseEnv({ PORT: "0", LOG_LEVEL: "silent", NODE_ENV: "production", COOKIE_SECURE: "false", ...where, ...extra });

  it("leaves an empty database empty and prints no demo passwords", async () => {
    const env = production(await location());
    const server = await startServer(env);
    try {
      expect(server.seeded).toBe(false);
      expect(await hasUsers(server.database.db)).toBe(false);
      const text = banner(server.url, env, server.demo);
      expect(text).not.toMatch(/password|demo/i);
      const signIn = await fetch(`${server.url}/api/session`);
      expect(signIn.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("refuses to start when demo accounts are present, unless SEED_DEMO=always", async () => {
    const where = await location();
    const database = await openConfiguredDatabase(production(where));
    await ensureForce(database.db, { ...DEMO_FORCE });
    await createAccount(database.db, {
      forceId: DEMO_FORCE.id,
      unitId: null,
      email: "admin@essex.demo.invalid",
      collarNumber: "EX9100",
      displayName: "Demo Admin",
      role: "admin",
      jobRole: "staff",
      password: "demo-admin-password",
    });
    await database.close();
    await expect(startServer(production(where))).rejects.toThrow(/demo accounts.*Refusing to start in production/s);
    const server = await startServer(production(where, { SEED_DEMO: "always" }));
    try {
      expect(banner(server.url, production(where), server.demo)).toMatch(/demo-admin-password/);
    } finally {
      await server.stop();
    }
  });
});
