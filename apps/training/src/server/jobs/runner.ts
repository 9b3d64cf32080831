/**
 * The durable job runner: pg-boss on the app's own database, PostgreSQL or PGlite alike (its SQL goes
 * through `Database.executeSql`, so on PGlite it shares the one connection; docs/decisions/0004-job-runner.md).
 * Jobs live in pg-boss's tables, so a job sent survives a restart; cron schedules are stored there too, and
 * pg-boss sends each scheduled run once (a singleton per cron tick) however many instances watch the clock.
 */
import PgBoss from "pg-boss";
import type { Database } from "../db/client";

/** A job handler: gets the job's data; throwing fails the try (retried with back-off up to the limit). */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

/** A queue: its handler, its retry policy and, for scheduled work, its cron expression (UTC). */
export interface JobDefinition {
  handler: JobHandler;
  cron?: string;
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time (pg-boss's exponential back-off). */
  retryDelay?: number;
  /** Seconds a try may run before pg-boss counts it failed. */
  expireInSeconds?: number;
}

export interface JobRunnerOptions {
  database: Database;
  jobs: Record<string, JobDefinition>;
  /** Whether this instance works the queues (an instance may only send). */
  work?: boolean;
  /** Seconds between polls for new jobs (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

export interface JobRunner {
  boss: PgBoss;
  start(): Promise<void>;
  /**
   * Sends a one-off job. With `once`, a second send of the same key in the same time slot of `seconds` (from
   * any instance) is refused: pg-boss's throttle, the same one its cron uses for each tick.
   */
  send(
    name: string,
    data?: Record<string, unknown>,
    options?: { once?: { key: string; seconds: number }; startAfter?: Date },
  ): Promise<string | null>;
  stop(): Promise<void>;
}

/** What an admin may do to the queue from any instance, whether or not it works the queues. */
export interface JobQueueAdmin {
  /** Puts a failed job back in its queue for one more try; false when it is not (or no longer) failed. */
  retry(name: string, id: string): Promise<boolean>;
}

/**
 * pg-boss's own retry command, run through an instance that is never started: it only writes the job's
 * row (state `retry`, one more try allowed), which whichever instance works that queue then picks up.
 */
export function jobQueueAdmin(database: Database): JobQueueAdmin {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values as unknown[] | undefined) },
  });
  return {
    async retry(name, id) {
      const result = (await boss.retry(name, id)) as unknown as { affected?: number };
      return (result.affected ?? 0) > 0;
    },
  };
}

/** Creates (but does not start) the runner. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { database, jobs } = options;
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values as unknown[] | undefined) },
    // Scheduling and maintenance run in every instance; pg-boss coordinates them through its own tables.
    schedule: true,
    supervise: true,
  });
  boss.on("error", (error) => options.onError?.(error));
  let started = false;
  return {
    boss,
    async start() {
      await boss.start();
      started = true;
      for (const [name, job] of Object.entries(jobs)) {
        await createQueue(boss, name, {
          name,
          retryLimit: job.retryLimit ?? 3,
          retryDelay: job.retryDelay ?? 30,
          retryBackoff: true,
          expireInSeconds: job.expireInSeconds ?? 15 * 60,
        });
        if (job.cron) await boss.schedule(name, job.cron, {}, { tz: "UTC" });
        if (options.work !== false) {
          await boss.work(
            name,
            { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
            async (batch) => {
              for (const job_ of batch) await job.handler((job_.data ?? {}) as Record<string, unknown>);
            },
          );
        }
      }
    },
    send: (name, data = {}, sendOptions = {}) =>
      boss.send(name, data, {
        ...(sendOptions.once ? { singletonKey: sendOptions.once.key, singletonSeconds: sendOptions.once.seconds } : {}),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      }),
    async stop() {
      if (!started) return;
      started = false;
      // Graceful: a job in hand finishes (or is failed for retry) before the database is closed under it.
      await boss.stop({ graceful: true, close: false, timeout: 10_000, wait: true });
    },
  };
}

/**
 * Creates (or updates) a queue. pg-boss makes each queue a partition; two instances starting together can
 * deadlock doing so (PostgreSQL picks one to fail, code 40P01), and the one that failed tries again.
 */
async function createQueue(boss: PgBoss, name: string, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
      else await boss.createQueue(name, queue);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || (code !== "40P01" && code !== "23505")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
