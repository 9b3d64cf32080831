import type { Catalog } from "./catalog";
import type { Db } from "./db/client";
import type { Env } from "./env";
import type { JobQueueAdmin, JobRunner } from "./jobs/runner";
import type { TrackedIngest } from "./learning/ingest";
import type { SecretKey } from "./secret-box";
import type { Forwarder } from "./learning/lrs-forwarding";

/**
 * What every route module is given, wired once by `app.ts` (the composition root, which stands outside the
 * three floors). Routes hand `db` on to domain functions unopened: they never import the store themselves.
 */
export interface AppDeps {
  db: Db;
  catalog: Catalog;
  env: Env;
  now: () => Date;
  /** Seals and opens stored secrets (`SECRETS_KEY`, the development key outside production, else none). */
  secrets: SecretKey | null;
  /** Whether cookies are marked Secure. */
  secure: boolean;
  /** The group-committing writer for client statements (and, for the LRS, up to when they are readable). */
  ingest: TrackedIngest;
  /** The address people reach the app at (PUBLIC_URL, else where it listens): links in emails start with it. */
  publicUrl: () => string;
  /** The job runner, when this instance runs one (one-off jobs are sent through it). */
  jobs: Pick<JobRunner, "send"> | null;
  /** Forwards statements to forces' own LRSs, when this instance runs the job queue. */
  forwarder: Forwarder | null;
  /** The admin's hold on the queue (retrying a failed job), from every instance. */
  jobQueue: JobQueueAdmin;
}
