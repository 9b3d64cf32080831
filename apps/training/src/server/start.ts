import { course } from "@stalking-response/curriculum";
import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { buildApp } from "./app";
import { createCatalog } from "./catalog";
import type { Catalog } from "./catalog";
import type { Database } from "./db/client";
import { migrate, openDatabase } from "./db/client";
import { DEMO_SIGN_INS, hasDemoAccounts, hasUsers, seedDemo } from "./demo/seed";
import type { Env } from "./env";
import { applyContentChangeDeadlines } from "./learning/content-change";

/** The course the app teaches, from the curriculum package. */
export const defaultCatalog = (): Catalog => createCatalog(course);

/** Opens the configured database (PostgreSQL with DATABASE_URL, else PGlite in TRAINING_DATA_DIR) and migrates it. */
export async function openConfiguredDatabase(env: Pick<Env, "DATABASE_URL" | "TRAINING_DATA_DIR">): Promise<Database> {
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.TRAINING_DATA_DIR },
  );
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** A running server and how to stop it cleanly. */
export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  seeded: boolean;
  /** Whether the database holds the demo accounts (the banner then lists them). */
  demo: boolean;
  stop(): Promise<void>;
}

/** Opens and migrates the database, seeds the demo force into an empty one, and listens. */
export async function startServer(
  env: Env,
  options: { logStream?: DestinationStream; say?: (line: string) => void } = {},
): Promise<RunningServer> {
  const database = await openConfiguredDatabase(env);
  const catalog = defaultCatalog();
  let seeded = false;
  const production = env.NODE_ENV === "production";
  const wanted = env.SEED_DEMO === "always" || (env.SEED_DEMO === "auto" && !production);
  if (production && env.SEED_DEMO !== "always" && (await hasDemoAccounts(database.db))) {
    await database.close();
    // The demo passwords are published in the README: a production server with them is open to anyone.
    throw new Error(
      "The database holds the demo accounts (…@essex.demo.invalid), whose passwords are public. Refusing to start in production: remove them, or set SEED_DEMO=always for a demonstration server.",
    );
  }
  if (wanted && !(await hasUsers(database.db))) {
    // Seeding takes up to a minute on PGlite; say so, or a first start looks hung.
    options.say?.("Empty database: seeding the demo force (Essex Police, 200 people with progress)…");
    await seedDemo(database.db, catalog);
    seeded = true;
  }
  // A deploy may bring a material content change: passes it reopens stop counting at their renew-by day.
  await applyContentChangeDeadlines(database.db, catalog);
  const app = await buildApp({
    env,
    database,
    catalog,
    runJobs: env.JOBS,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const url = await app.listen({ port: env.PORT, host: env.HOST });
  const demo = await hasDemoAccounts(database.db);
  return {
    app,
    database,
    url,
    seeded,
    demo,
    async stop() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * The start-up banner: where the app is and, only when the database holds the demo accounts, how to sign in
 * to the demo (their passwords are public; production refuses to start with them unless SEED_DEMO=always).
 */
export function banner(
  url: string,
  env: Pick<Env, "DATABASE_URL" | "TRAINING_DATA_DIR" | "NODE_ENV" | "SECRETS_KEY">,
  demo: boolean,
): string {
  const where = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${env.TRAINING_DATA_DIR}`;
  const lines = DEMO_SIGN_INS.map(
    (account) =>
      `  ${account.role.padEnd(8)} ${account.email.padEnd(30)} or ${account.collarNumber.padEnd(7)} password: ${account.password}  (${account.note})`,
  );
  return [
    `Training app running at ${url}`,
    `Database: ${where}`,
    ...(env.SECRETS_KEY
      ? []
      : env.NODE_ENV === "production"
        ? [
            "Secrets: SECRETS_KEY is not set, so single sign-on client secrets cannot be saved (set it: openssl rand -base64 32)",
          ]
        : ["Secrets: sealed with the published development key (set SECRETS_KEY for real secrets)"]),
    ...(demo
      ? [
          "Demo sign-ins (demo data only):",
          ...lines,
          "  officers officer002@essex.demo.invalid … officer197@essex.demo.invalid, password: demo-officer-password",
        ]
      : []),
  ].join("\n");
}
