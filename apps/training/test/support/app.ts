import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { createAccount, createUnit, ensureForce } from "../../src/server/accounts";
import { buildApp } from "../../src/server/app";
import type { Catalog } from "../../src/server/catalog";
import type { Database } from "../../src/server/db/client";
import { parseEnv } from "../../src/server/env";
import { defaultCatalog } from "../../src/server/start";
import type { AccountRole, JobRole } from "../../src/shared/api";
import { TestClient } from "./client";
import type { DatabaseTarget } from "./databases";

/** The password of every test account. */
export const PASSWORD = "correct horse battery staple";

/** A test account. */
export interface Person {
  id: string;
  email: string;
  collarNumber: string;
  role: AccountRole;
  forceId: string;
}

const PEOPLE = {
  officerA: { force: "force-a", role: "officer", jobRole: "response-officer" },
  officerA2: { force: "force-a", role: "officer", jobRole: "investigator" },
  trainerA: { force: "force-a", role: "trainer", jobRole: "supervisor" },
  adminA: { force: "force-a", role: "admin", jobRole: "staff" },
  officerB: { force: "force-b", role: "officer", jobRole: "response-officer" },
  trainerB: { force: "force-b", role: "trainer", jobRole: "supervisor" },
} as const satisfies Record<string, { force: string; role: AccountRole; jobRole: JobRole }>;

/** A running app on a fresh database with two forces of people. */
export interface TestApp {
  base: string;
  app: FastifyInstance;
  database: Database;
  /** The PostgreSQL URL of the test database (null on PGlite), for a second instance on the same data. */
  databaseUrl: string | null;
  catalog: Catalog;
  people: Record<keyof typeof PEOPLE, Person>;
  unitA: string;
  /** A new anonymous client. */
  client(): TestClient;
  /** A new client signed in as this person. */
  as(person: Person): Promise<TestClient>;
  close(): Promise<void>;
}

/** Starts the real app on port 0 on a fresh database of `target`, with forces A and B. */
export async function startTestApp(
  target: DatabaseTarget,
  options: { env?: Record<string, string>; now?: () => Date; logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const created = await target.create();
  const { database } = created;
  const catalog = defaultCatalog();
  const env = parseEnv({ LOG_LEVEL: "silent", SEED_DEMO: "never", ...options.env });
  const app = await buildApp({
    env,
    database,
    catalog,
    ...(options.now ? { now: options.now } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });

  await ensureForce(database.db, { id: "force-a", name: "Force A" });
  await ensureForce(database.db, { id: "force-b", name: "Force B" });
  const unitA = await createUnit(database.db, { forceId: "force-a", name: "A Response", kind: "team" });
  const unitB = await createUnit(database.db, { forceId: "force-b", name: "B Response", kind: "team" });
  const tag = target.name;
  const entries = await Promise.all(
    Object.entries(PEOPLE).map(async ([key, spec], index) => {
      const email = `${key.toLowerCase()}.${tag}@test.invalid`;
      const collarNumber = `T${tag === "pglite" ? 1 : 2}${String(index).padStart(3, "0")}`;
      const id = await createAccount(database.db, {
        forceId: spec.force,
        unitId: spec.force === "force-a" ? unitA : unitB,
        email,
        collarNumber,
        displayName: `Test ${key}`,
        role: spec.role,
        jobRole: spec.jobRole,
        password: PASSWORD,
        // In place since long before any assignment a test makes, so their due dates are the assignments' own.
        placedAt: new Date(0),
      });
      return [key, { id, email, collarNumber, role: spec.role, forceId: spec.force }] as const;
    }),
  );
  const people = Object.fromEntries(entries) as Record<keyof typeof PEOPLE, Person>;

  return {
    base,
    app,
    database,
    databaseUrl: created.url,
    catalog,
    people,
    unitA,
    client: () => new TestClient(base),
    async as(person) {
      const client = new TestClient(base);
      await client.signIn(person.email, PASSWORD);
      return client;
    },
    async close() {
      await app.close();
      await created.dispose();
    },
  };
}
