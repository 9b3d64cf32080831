import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { createAccount, ensureForce } from "../../src/server/accounts";
import { buildApp } from "../../src/server/app";
import { createLrsClient } from "../../src/server/auth/lrs-clients";
import type { Database, DatabaseLocation } from "../../src/server/db/client";
import { migrate, openDatabase } from "../../src/server/db/client";
import { users } from "../../src/server/db/schema";
import { parseEnv } from "../../src/server/env";
import { saveForwarding } from "../../src/server/learning/lrs-forwarding";
import { developmentSecretKey } from "../../src/server/secret-box";
import { defaultCatalog } from "../../src/server/start";
import { PASSWORD } from "../support/app";
import { freshPostgresUrl, pgliteTemplate } from "../support/databases";
import { exited, spawnServer } from "../support/spawn-server";

/**
 * Issue 19, done-when: "the outbox forwards to a second instance and catches up after a kill -9, with no statement
 * lost or duplicated". The forwarding instance is its own node process (`src/server/main.ts`, job queue on) and is
 * killed with SIGKILL while a batch it sent is stored at the target but not yet answered — the worst moment: the
 * statements are there, and the outbox still holds them. The target is a second instance of the app (its /xapi
 * LRS) behind a loopback pass-through that can hold an answer back; nothing in it imitates an LRS.
 */

const FORCE = "force-fwd";
const PEOPLE = 4;
const BATCH = 25;

/** A loopback pass-through to the target: counts the statement ids sent, and can hold back one answer. */
function passThrough(targetBase: string) {
  const sent = new Map<string, number>();
  let posts = 0;
  let holdPost: number | null = null;
  let onHeld: (() => void) | null = null;
  const held: ServerResponse[] = [];
  const server: Server = createServer((incoming: IncomingMessage, answer: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === "POST" || incoming.method === "PUT") {
        const parsed = JSON.parse(body.toString()) as { id: string } | { id: string }[];
        for (const statement of Array.isArray(parsed) ? parsed : [parsed]) {
          sent.set(statement.id, (sent.get(statement.id) ?? 0) + 1);
        }
      }
      const hold = incoming.method === "POST" && ++posts === holdPost;
      const target = new URL(incoming.url ?? "/", targetBase);
      const outgoing = httpRequest(
        target,
        { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
        (response) => {
          const parts: Buffer[] = [];
          response.on("data", (chunk: Buffer) => parts.push(chunk));
          response.on("end", () => {
            if (hold) {
              // The target has stored the batch; its answer never reaches the forwarder.
              held.push(answer);
              onHeld?.();
              return;
            }
            answer.writeHead(response.statusCode ?? 502, response.headers);
            answer.end(Buffer.concat(parts));
          });
        },
      );
      outgoing.on("error", () => answer.destroy());
      outgoing.end(body);
    });
  });
  return {
    server,
    sent,
    /** Resolves when the `n`th POST from now has been stored at the target and its answer held back. */
    holdPost(n: number) {
      holdPost = posts + n;
      return new Promise<void>((resolve) => {
        onHeld = resolve;
      });
    },
    release() {
      for (const answer of held) answer.destroy();
      held.length = 0;
    },
  };
}

const listen = (server: Server) =>
  new Promise<string>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "");
    });
  });

/** Polls until `check` answers true: readiness, never a fixed sleep. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const idsOf = async (database: Database, query: string): Promise<string[]> => {
  const result: unknown = await database.db.execute(query);
  return (result as { rows: { id: string }[] }).rows.map((row) => row.id);
};

interface Location {
  name: string;
  prepare(): Promise<{
    source: DatabaseLocation;
    /** The source opened again after the server has stopped. */
    reopen: DatabaseLocation;
    env: Record<string, string>;
    target: DatabaseLocation;
    cleanup(): Promise<void>;
  }>;
}

// With PostgreSQL (CI) the test runs there only: the PGlite run takes about 90 s on a busy 2-core machine, where
// CI has 2 minutes for everything a change adds; PGlite's forwarding is covered in-process (lrs-forwarding.test.ts).
const locations: Location[] = [
  {
    // PGlite allows one process per data directory: the test reads the source's directory only while no server
    // process has it open (before start, and after the last stop).
    name: "PGlite",
    async prepare() {
      const dir = mkdtempSync(join(tmpdir(), "training-forward-"));
      const template = await pgliteTemplate();
      return {
        source: { dataDir: dir, loadDataDir: template },
        reopen: { dataDir: dir },
        env: { TRAINING_DATA_DIR: dir },
        target: { dataDir: "memory://", loadDataDir: await pgliteTemplate() },
        cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
].filter(() => !process.env.TEST_DATABASE_URL);
locations.push(
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "PostgreSQL",
          async prepare() {
            const [source, target] = await Promise.all([freshPostgresUrl(), freshPostgresUrl()]);
            return {
              source: { url: source.url },
              reopen: { url: source.url },
              env: { DATABASE_URL: source.url },
              target: { url: target.url },
              cleanup: async () => {
                await source.drop();
                await target.drop();
              },
            };
          },
        },
      ]
    : []),
);

describe.each(locations)("forwarding survives kill -9 of the forwarding instance ($name)", (location) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it("catches up after a restart with every acknowledged statement at the target once", async () => {
    const prepared = await location.prepare();
    cleanups.push(() => prepared.cleanup());

    // Both instances know the same force and people (same ids): a statement means the same person at each end.
    const setup = await openDatabase(prepared.source);
    await migrate(setup);
    await ensureForce(setup.db, { id: FORCE, name: "Forwarding Force" });
    const admin = await createAccount(setup.db, {
      forceId: FORCE,
      email: `admin.${randomUUID()}@test.invalid`,
      displayName: "Forwarding Admin",
      role: "admin",
      jobRole: "staff",
      password: PASSWORD,
    });
    for (let i = 0; i < PEOPLE; i += 1) {
      await createAccount(setup.db, {
        forceId: FORCE,
        email: `officer${i}.${randomUUID()}@test.invalid`,
        displayName: `Officer ${i}`,
        role: "officer",
        jobRole: "response-officer",
        password: PASSWORD,
      });
    }
    const people = await setup.db.select().from(users);
    const officers = people.filter((person) => person.role === "officer").map((person) => person.id);
    const writer = await createLrsClient(
      setup.db,
      { id: admin, forceId: FORCE },
      { name: "Writer", read: true, write: true },
    );

    const targetDatabase = await openDatabase(prepared.target);
    cleanups.push(() => targetDatabase.close());
    await migrate(targetDatabase);
    await ensureForce(targetDatabase.db, { id: FORCE, name: "Forwarding Force" });
    await targetDatabase.db.insert(users).values(people);
    const targetApp: FastifyInstance = await buildApp({
      env: parseEnv({ LOG_LEVEL: "silent", SEED_DEMO: "never" }),
      database: targetDatabase,
      catalog: defaultCatalog(),
    });
    cleanups.push(() => targetApp.close());
    const targetBase = await targetApp.listen({ port: 0, host: "127.0.0.1" });
    const forwardAs = await createLrsClient(
      targetDatabase.db,
      { id: admin, forceId: FORCE },
      { name: "Forwarding from the app", read: true, write: true },
    );
    const proxy = passThrough(targetBase);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          proxy.release();
          proxy.server.closeAllConnections();
          proxy.server.close(() => resolve());
        }),
    );
    const proxyBase = await listen(proxy.server);

    await saveForwarding(
      { db: setup.db, now: () => new Date(), production: false, secrets: developmentSecretKey, forwarder: null },
      { id: admin, forceId: FORCE },
      {
        endpoint: `${proxyBase}/xapi/`,
        username: forwardAs.key,
        password: forwardAs.secret,
        enabled: true,
        sendHistory: false,
      },
    );
    await setup.close();

    // ——— First life: statements go in while the forwarder works; killed with a forwarded batch unanswered ———
    let server = await spawnServer({ ...prepared.env, JOBS: "true" });
    const kill = () => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
      return exited(server.child);
    };
    cleanups.push(kill);
    const acknowledged = new Set<string>();
    const post = async (base: string) => {
      const batch = Array.from({ length: BATCH }, (_, i) => ({
        id: randomUUID(),
        actor: {
          objectType: "Agent",
          account: { homePage: "https://training.stalking-response.invalid", name: officers[i % PEOPLE] },
        },
        verb: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-GB": "experienced" } },
        object: { objectType: "Activity", id: `https://platform.example/activities/${i}` },
      }));
      const response = await fetch(`${base}/xapi/statements`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${writer.key}:${writer.secret}`).toString("base64")}`,
          "content-type": "application/json",
          "x-experience-api-version": "1.0.3",
        },
        body: JSON.stringify(batch),
      });
      expect(response.status).toBe(200);
      for (const statement of batch) acknowledged.add(statement.id);
    };
    const heldBack = proxy.holdPost(3);
    let killed = false;
    const writers = Array.from({ length: 2 }, async () => {
      // Writing until the kill: a write cut off by it was never acknowledged, so it may or may not be stored.
      while (!killed && acknowledged.size < 5_000) await post(server.base).catch(() => undefined);
    });
    await heldBack;
    await kill();
    killed = true;
    await Promise.all(writers);
    proxy.release();
    const firstLife = acknowledged.size;
    expect(firstLife).toBeGreaterThan(2 * 100); // more than two forwarded batches' worth went in

    // ——— Second life: the same database; the backlog (the unanswered batch included) goes without being asked ———
    server = await spawnServer({ ...prepared.env, JOBS: "true" });
    await post(server.base);
    const targetIds = () => idsOf(targetDatabase, `SELECT id FROM statements WHERE force_id = '${FORCE}'`);
    await until("the target to hold every acknowledged statement", async () => {
      const held = new Set(await targetIds());
      return [...acknowledged].every((id) => held.has(id));
    });
    // Stopped cleanly, so the source's database may be read (PGlite: one process at a time).
    server.child.kill("SIGTERM");
    await exited(server.child);
    const source = await openDatabase(prepared.reopen);
    try {
      const sourceIds = await idsOf(source, `SELECT id FROM statements WHERE force_id = '${FORCE}' ORDER BY seq`);
      const outbox = await idsOf(source, "SELECT statement_id AS id FROM lrs_forward_outbox");
      const atTarget = await targetIds();
      // Nothing lost: every statement the source stored (acknowledged or not) is at the target; nothing doubled.
      expect(new Set(atTarget).size).toBe(atTarget.length);
      expect([...atTarget].sort()).toEqual([...sourceIds].sort());
      expect(outbox).toEqual([]);
      for (const id of acknowledged) expect(sourceIds).toContain(id);
      // The held batch really was sent twice (at least once, deduplicated by id at the target).
      expect([...proxy.sent.values()].some((times) => times > 1)).toBe(true);
    } finally {
      await source.close();
    }
  }, 420_000);
});
