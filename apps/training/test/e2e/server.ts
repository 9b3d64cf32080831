import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issuePasswordReset } from "../../src/server/auth/password-reset";
import { hashPassword } from "../../src/server/auth/passwords";
import { endSessions } from "../../src/server/auth/session";
import { DEMO_FORCE } from "../../src/server/demo/seed";
import { and, eq, gt, isNotNull } from "drizzle-orm";
import { upsertChannel } from "../../src/server/db/notifications";
import { certificates, completions, users } from "../../src/server/db/schema";
import { parseEnv } from "../../src/server/env";
import { createJobRunner } from "../../src/server/jobs/runner";
import { startServer } from "../../src/server/start";
import type { Credentials } from "./journey";

/** The real training server on a throwaway database, and a way to add officers who have done nothing yet. */
export type TrainingServer = {
  baseURL: string;
  /** A response officer in the demo force (so module 3 is assigned by role) with no progress at all. */
  newOfficer(options?: { temporaryPassword?: boolean }): Promise<Credentials & { id: string; email: string }>;
  /** Points the demo force's email at an SMTP server (the test's loopback inbox), as an admin sets it. */
  useSmtp(smtpUrl: string): Promise<void>;
  /** Issues a one-time password reset link for a person, as an admin or the email runner would: its path. */
  resetLinkFor(userId: string): Promise<string>;
  /** Disables a person, as an admin does (their open sessions end and are told why). */
  disable(userId: string): Promise<void>;
  /**
   * Takes a demo officer who holds a current pass of `moduleId` and records that pass at `version`, as if they
   * had passed before a later release; answers their sign-in (demo officers share the README's password).
   */
  passedAtVersion(moduleId: string, version: string): Promise<Credentials & { displayName: string }>;
  /** A demo officer's current certificate, their name, and their sign-in. */
  heldCertificate(): Promise<{ certificateId: string; holderName: string; credentials: Credentials }>;
  /**
   * Runs one job of the queue `queue` on a worker (beside the app's own) whose handler throws `message`,
   * with no retries, and stops the worker once pg-boss has recorded the failure: a failed job for the admin
   * to see, which then waits in its queue if retried.
   */
  failedJob(queue: string, message: string): Promise<string>;
  close(): Promise<void>;
};

/**
 * Starts the server as `pnpm start` does (migrate, seed the demo force, serve the built client) on a
 * temporary PGlite directory and a free port.
 */
export async function startTrainingServer(): Promise<TrainingServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "training-e2e-"));
  const env = parseEnv({
    PORT: "0",
    TRAINING_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    SEED_DEMO: "auto",
  });
  const server = await startServer(env);
  let created = 0;
  /** A demo officer's pass (of `moduleId`, or any module) that counts for two months yet, with its certificate. */
  const currentPass = async (moduleId?: string) => {
    const [held] = await server.database.db
      .select({ certificateId: completions.certificateId, email: users.email, displayName: users.displayName })
      .from(completions)
      .innerJoin(users, eq(users.id, completions.userId))
      .where(
        and(
          eq(completions.forceId, DEMO_FORCE.id),
          moduleId === undefined ? undefined : eq(completions.moduleId, moduleId),
          eq(users.role, "officer"),
          isNotNull(completions.certificateId),
          gt(completions.expiresAt, new Date(Date.now() + 60 * 86_400_000)),
        ),
      )
      .limit(1);
    if (!held?.certificateId) throw new Error(`no demo officer holds a current pass of ${moduleId ?? "any module"}`);
    return { ...held, certificateId: held.certificateId };
  };
  return {
    baseURL: server.url,
    async newOfficer(options = {}) {
      created += 1;
      const collarNumber = `EXE2E${created}`;
      const password = `e2e-password-${randomUUID()}`;
      const id = randomUUID();
      const email = `e2e.officer${created}@essex.demo.invalid`;
      await server.database.db.insert(users).values({
        id,
        mustChangePassword: options.temporaryPassword === true,
        forceId: DEMO_FORCE.id,
        unitId: null,
        email,
        collarNumber,
        displayName: `Test Officer ${created}`,
        role: "officer",
        jobRole: "response-officer",
        passwordHash: await hashPassword(password),
      });
      // Officers sign in with either; the journey uses the collar number, as most officers would on a phone.
      return { identifier: collarNumber, password, id, email };
    },
    async useSmtp(smtpUrl) {
      await upsertChannel(server.database.db, {
        forceId: DEMO_FORCE.id,
        kind: "smtp",
        senderName: DEMO_FORCE.name,
        fromAddress: "training@essex.demo.invalid",
        smtpUrl,
        // No quiet hours: the journey may run at any hour and expects its email at once.
        quietStartHour: 0,
        quietEndHour: 0,
      });
    },
    async resetLinkFor(userId) {
      const issued = await issuePasswordReset(
        server.database.db,
        { user: { id: userId, forceId: DEMO_FORCE.id }, issuedBy: null },
        new Date(),
      );
      return issued.path;
    },
    async disable(userId) {
      await server.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
      await endSessions(server.database.db, userId, "account-disabled");
    },
    async heldCertificate() {
      const held = await currentPass();
      return {
        certificateId: held.certificateId,
        holderName: held.displayName,
        credentials: { identifier: held.email, password: "demo-officer-password" },
      };
    },
    async passedAtVersion(moduleId, version) {
      const held = await currentPass(moduleId);
      await server.database.db
        .update(certificates)
        .set({ moduleVersion: version })
        .where(eq(certificates.id, held.certificateId));
      return { identifier: held.email, password: "demo-officer-password", displayName: held.displayName };
    },
    async failedJob(queue, message) {
      const worker = createJobRunner({
        database: server.database,
        jobs: { [queue]: { retryLimit: 0, handler: () => Promise.reject(new Error(message)) } },
        pollingIntervalSeconds: 0.5,
      });
      await worker.start();
      try {
        const id = await worker.send(queue, { forceId: DEMO_FORCE.id });
        if (!id) throw new Error("job not sent");
        for (const until = Date.now() + 60_000; ;) {
          if ((await worker.boss.getJobById(queue, id))?.state === "failed") return id;
          if (Date.now() > until) throw new Error("the job never failed");
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        await worker.stop();
      }
    },
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
