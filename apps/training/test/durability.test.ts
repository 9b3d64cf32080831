import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createAccount, ensureForce } from "../src/server/accounts";
import type { DatabaseLocation } from "../src/server/db/client";
import { migrate, openDatabase } from "../src/server/db/client";
import { statements } from "../src/server/db/schema";
import { defaultCatalog } from "../src/server/start";
import { XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId, moduleActivityId } from "../src/shared/api";
import { PASSWORD } from "./support/app";
import { TestClient } from "./support/client";
import { freshPostgresUrl, pgliteTemplate } from "./support/databases";
import { exited, spawnServer } from "./support/spawn-server";
import { expectProjectionAgrees } from "./support/projection";

const catalog = defaultCatalog();

const locations: {
  name: string;
  prepare(): Promise<{ location: DatabaseLocation; env: Record<string, string>; cleanup(): Promise<void> }>;
}[] = [
  {
    name: "PGlite data directory",
    async prepare() {
      const dir = mkdtempSync(join(tmpdir(), "training-durability-"));
      // Start from the migrated template rather than paying for initdb again.
      const location = { dataDir: dir, loadDataDir: await pgliteTemplate() };
      const cleanup = () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      };
      return { location, env: { TRAINING_DATA_DIR: dir }, cleanup };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "PostgreSQL",
          async prepare() {
            const fresh = await freshPostgresUrl();
            return { location: { url: fresh.url }, env: { DATABASE_URL: fresh.url }, cleanup: () => fresh.drop() };
          },
        },
      ]
    : []),
];

describe.each(locations)("acknowledged writes survive SIGKILL ($name)", (target) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("keeps every acknowledged statement and a projection that agrees with them after a crash mid-burst", async () => {
    const prepared = await target.prepare();
    cleanups.push(() => prepared.cleanup());

    // An officer to write as, created through the app's own account code before the server starts.
    const setup = await openDatabase(prepared.location);
    await migrate(setup);
    await ensureForce(setup.db, { id: "force-d", name: "Durability Force" });
    const email = `durable.${randomUUID()}@test.invalid`;
    const userId = await createAccount(setup.db, {
      forceId: "force-d",
      email,
      displayName: "Durable Officer",
      role: "officer",
      jobRole: "investigator",
      password: PASSWORD,
    });
    await setup.close();

    const first = await spawnServer(prepared.env);
    cleanups.push(async () => {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill("SIGKILL");
      await exited(first.child);
    });
    const client = new TestClient(first.base);
    await client.signIn(email, PASSWORD);

    const activities = catalog.modules.flatMap((module) => [
      moduleActivityId(module.id),
      ...module.lessons.map((lesson) => lessonActivityId(module.id, lesson.id)),
    ]);
    const acknowledged: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i += 1) {
        const id = randomUUID();
        const body = {
          id,
          actor: { account: { homePage: XAPI_IRI_BASE, name: userId } },
          verb: { id: i % 5 === 0 ? XAPI_VERBS.launched : XAPI_VERBS.experienced },
          object: { id: activities[(w * 7 + i) % activities.length] },
        };
        try {
          const response = await client.post("/api/statements", body);
          if (response.status === 200) acknowledged.push(id);
          else if (!killed) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
    // Kill once a good number of writes are acknowledged, while twelve more are in flight.
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 10));
    killed = true;
    first.child.kill("SIGKILL");
    await burst;
    await exited(first.child);
    expect(first.child.signalCode).toBe("SIGKILL");
    const ackCount = acknowledged.length;

    // Restart on the same data: it must come up, and keep serving writes.
    const second = await spawnServer(prepared.env);
    const again = new TestClient(second.base);
    await again.signIn(email, PASSWORD);
    const after = await again.post("/api/statements", {
      actor: { account: { homePage: XAPI_IRI_BASE, name: userId } },
      verb: { id: XAPI_VERBS.experienced },
      object: { id: activities[0] },
    });
    expect(after.status).toBe(200);
    second.child.kill("SIGTERM");
    await exited(second.child);

    // Reopen the directory as it is now (not from the template) to read what survived.
    const check = await openDatabase(
      "url" in prepared.location ? prepared.location : { dataDir: prepared.location.dataDir },
    );
    try {
      const found = await check.db
        .select({ id: statements.id })
        .from(statements)
        .where(inArray(statements.id, acknowledged));
      expect(found.length).toBe(ackCount);
      expect(await expectProjectionAgrees(check.db, catalog)).toBeGreaterThan(0);
    } finally {
      await check.close();
    }
    // Two server processes start (each compiles the app with tsx) and a burst runs: on a busy 2-core runner
    // that has come close to the default 60 s.
  }, 180_000);
});
