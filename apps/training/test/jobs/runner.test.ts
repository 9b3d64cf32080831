/**
 * The job runner (pg-boss) on the app's own database: retries with back-off, failures an admin can see, a
 * job that outlives a restart of the process and its database files, and on PostgreSQL two instances that
 * share the queue without doing a job twice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/server/db/client";
import { migrate, openDatabase } from "../../src/server/db/client";
import type { JobDefinition, JobRunner } from "../../src/server/jobs/runner";
import { createJobRunner } from "../../src/server/jobs/runner";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets, pgliteTemplate } from "../support/databases";

const FAST = { pollingIntervalSeconds: 0.5 };

/** Polls until `check` holds (pg-boss works on its own timers), failing after `ms`. */
async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting for the job runner");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(databaseTargets)("the job runner on $name", (target) => {
  let t: TestApp;
  let runner: JobRunner;
  const calls: Record<string, number> = { flaky: 0, broken: 0 };
  const jobs: Record<string, JobDefinition> = {
    flaky: {
      retryLimit: 3,
      retryDelay: 1,
      handler: () => {
        calls.flaky = (calls.flaky ?? 0) + 1;
        return calls.flaky === 1 ? Promise.reject(new Error("first try fails")) : Promise.resolve();
      },
    },
    broken: {
      retryLimit: 1,
      retryDelay: 1,
      handler: () => {
        calls.broken = (calls.broken ?? 0) + 1;
        return Promise.reject(new Error("the SMTP relay is down"));
      },
    },
  };

  beforeAll(async () => {
    t = await startTestApp(target);
    runner = createJobRunner({ database: t.database, jobs, ...FAST });
    await runner.start();
  }, 120_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it("retries a failed job with back-off until it succeeds, and shows one that never does to an admin", async () => {
    const flaky = await runner.send("flaky", { n: 1 });
    const broken = await runner.send("broken");
    if (!flaky || !broken) throw new Error("jobs not sent");
    const done = await eventually(async () => {
      const job = await runner.boss.getJobById("flaky", flaky);
      return job?.state === "completed" && job;
    });
    expect(done.retryCount).toBe(1);
    expect(calls.flaky).toBe(2);
    // Back-off: the retry waited at least the first delay after the failure.
    expect((done.startedOn?.getTime() ?? 0) - done.createdOn.getTime()).toBeGreaterThanOrEqual(900);
    await eventually(async () => (await runner.boss.getJobById("broken", broken))?.state === "failed");
    expect(calls.broken).toBe(2);

    const admin = await t.as(t.people.adminA);
    const report = (await (await admin.get("/api/admin/jobs")).json()) as {
      queues: { name: string; state: string; count: number }[];
      failedJobs: { id: string; name: string; error: string | null; retryCount: number }[];
    };
    expect(report.failedJobs).toContainEqual(
      expect.objectContaining({ id: broken, name: "broken", error: "the SMTP relay is down", retryCount: 1 }),
    );
    expect(report.queues).toContainEqual({ name: "flaky", state: "completed", count: 1 });
    const officer = await t.as(t.people.officerA);
    expect((await officer.get("/api/admin/jobs")).status).toBe(403);
    expect((await officer.request("POST", `/api/admin/jobs/${broken}/retry`)).status).toBe(403);

    // The admin puts it back for one more try: it runs again (and fails again, the relay still being down).
    const retried = await admin.request("POST", `/api/admin/jobs/${broken}/retry`);
    expect(retried.status).toBe(204);
    await eventually(() => Promise.resolve(calls.broken === 3));
    await eventually(async () => (await runner.boss.getJobById("broken", broken))?.state === "failed");
    // A job that is not failed, or is unknown, is not found.
    expect((await admin.request("POST", `/api/admin/jobs/${flaky}/retry`)).status).toBe(404);
    expect((await admin.request("POST", `/api/admin/jobs/${crypto.randomUUID()}/retry`)).status).toBe(404);
  });

  it("keeps another force's failed one-off job from an admin: not listed, not retried", async () => {
    const foreign = await runner.send("broken", { forceId: "force-b" });
    const own = await runner.send("broken", { forceId: "force-a" });
    if (!foreign || !own) throw new Error("jobs not sent");
    for (const id of [foreign, own]) {
      await eventually(async () => (await runner.boss.getJobById("broken", id))?.state === "failed");
    }
    const admin = await t.as(t.people.adminA);
    const report = (await (await admin.get("/api/admin/jobs")).json()) as { failedJobs: { id: string }[] };
    const listed = report.failedJobs.map((job) => job.id);
    expect(listed).toContain(own);
    expect(listed).not.toContain(foreign);
    expect((await admin.request("POST", `/api/admin/jobs/${foreign}/retry`)).status).toBe(404);
    expect((await runner.boss.getJobById("broken", foreign))?.state).toBe("failed");
  });

  it("registers a schedule once however often instances start", async () => {
    const scheduled = createJobRunner({
      database: t.database,
      jobs: { tick: { cron: "7 * * * *", handler: () => Promise.resolve() } },
      work: false,
    });
    await scheduled.start();
    await scheduled.stop();
    await scheduled.start();
    const schedules = await scheduled.boss.getSchedules();
    expect(schedules.filter((schedule) => schedule.name === "tick")).toEqual([
      expect.objectContaining({ cron: "7 * * * *", timezone: "UTC" }),
    ]);
    await scheduled.stop();
  });
});

describe("a job survives a restart of the process and its PGlite files", () => {
  const dir = mkdtempSync(join(tmpdir(), "training-jobs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs after the restart a job sent before it", async () => {
    const open = async () => {
      const database = await openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
      await migrate(database);
      return database;
    };
    let database: Database = await open();
    const sender = createJobRunner({ database, jobs: { later: { handler: () => Promise.resolve() } }, work: false });
    await sender.start();
    const id = await sender.send("later", { note: "sent before the restart" });
    if (!id) throw new Error("job not sent");
    await sender.stop();
    await database.close();

    database = await openDatabase({ dataDir: dir });
    const seen: unknown[] = [];
    const worker = createJobRunner({
      database,
      jobs: {
        later: {
          handler: (data) => {
            seen.push(data);
            return Promise.resolve();
          },
        },
      },
      ...FAST,
    });
    await worker.start();
    try {
      await eventually(async () => (await worker.boss.getJobById("later", id))?.state === "completed");
      expect(seen).toEqual([{ note: "sent before the restart" }]);
    } finally {
      await worker.stop();
      await database.close();
    }
  }, 60_000);
});

describe.each(databaseTargets.filter((target) => target.name === "postgres"))(
  "two instances sharing one queue on $name",
  (target) => {
    let t: TestApp;
    let second: Database;
    beforeAll(async () => {
      t = await startTestApp(target);
      if (!t.databaseUrl) throw new Error("a PostgreSQL target has a URL");
      second = await openDatabase({ url: t.databaseUrl });
    }, 120_000);
    afterAll(async () => {
      await second?.close();
      await t?.close();
    });

    it("does each job once, and a scheduled run sent by both instances once", async () => {
      const done: string[] = [];
      const definition = (instance: string): Record<string, JobDefinition> => ({
        work: {
          handler: (data) => {
            done.push(`${String(data.n)}@${instance}`);
            return new Promise((resolve) => setTimeout(resolve, 20));
          },
        },
      });
      const one = createJobRunner({ database: t.database, jobs: definition("one"), ...FAST });
      const two = createJobRunner({ database: second, jobs: definition("two"), ...FAST });
      await Promise.all([one.start(), two.start()]);
      try {
        for (let n = 0; n < 20; n += 1) await (n % 2 ? one : two).send("work", { n });
        // Both instances wake for the same hourly run: the throttle lets only one job in.
        const once = { key: "reminder-scan", seconds: 3600 };
        const sent = await Promise.all([
          one.send("work", { n: "hourly" }, { once }),
          two.send("work", { n: "hourly" }, { once }),
        ]);
        expect(sent.filter((id) => id !== null)).toHaveLength(1);
        await eventually(() => Promise.resolve(done.length >= 21));
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const jobsDone = done.map((entry) => entry.split("@")[0]);
        expect(jobsDone).toHaveLength(21);
        expect(new Set(jobsDone).size).toBe(21);
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    }, 60_000);
  },
);
