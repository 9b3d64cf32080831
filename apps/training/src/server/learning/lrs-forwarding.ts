import type { LrsForwardingResponse, LrsForwardingSettings } from "../../shared/lrs-forwarding-api";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import {
  deleteForwardTarget,
  enqueueForceHistory,
  forwardStatus,
  forwardingForces,
  markForwarded,
  markRejected,
  pendingStatements,
  forwardPasswords,
  readForwardCredentials,
  recordForwardFailure,
  replaceForwardPassword,
  retryForwardingNow,
  writeForwardCredentials,
} from "../db/lrs-forwarding";
import type { ForwardCredentials, OutboxStatement } from "../db/lrs-forwarding";
import { InvalidInput, NotFound } from "../errors";
import type { JobDefinition } from "../jobs/runner";
import type { SecretKey } from "../secret-box";
import { SecretBoxError, isSealed, open, seal } from "../secret-box";

/**
 * Forwarding a force's statements to its own LRS (issue 19). Every statement stored for a forwarding force enters
 * an outbox in the transaction that stores it (migration 0018's trigger); this module empties it, oldest first.
 *
 * At least once, idempotent by statement id: a batch is POSTed, and a statement whose id the LRS already holds is
 * done (Communication 2.1.1.s2.b2: "Whether it responds with 409 Conflict or 204 No Content, it MUST NOT modify the
 * Statement"), so a batch sent again after a crash between the LRS's answer and our delete changes nothing there.
 * A batch the LRS refuses (400, or 409 for an id it holds with other content) is sent again one statement at a
 * time with PUT, so one bad statement is set aside (`rejected`, with the LRS's reason) instead of blocking the rest.
 * Anything else (no answer, 401/403, 5xx) fails the try: the error is kept for admins and the next try waits,
 * 30 s doubling up to an hour, scheduled as a job on the runner.
 *
 * The Basic password must be sent, so it cannot be hashed: it is sealed with `SECRETS_KEY` (secret-box.ts) before
 * it is stored and opened only here, just before sending. It never leaves in an API answer, a log or the audit.
 */

/** Statements per POST. */
export const FORWARD_BATCH = 100;
/** The job queue's name. */
export const FORWARD_QUEUE = "lrs-forward";
const REQUEST_TIMEOUT_MS = 30_000;

/** 30 s, doubling with each failure in a row, at most an hour. */
export const forwardBackoffMs = (failures: number) => Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);

/** A try that failed as a whole; its message is what admins see (never the secret, never statement content). */
class ForwardFailure extends Error {}

/** The statement as the force's LRS gets it: as stored, less `stored` (the receiving LRS sets its own, Data 2.4.8). */
export function statementToForward(row: OutboxStatement): Record<string, unknown> {
  const { stored: _stored, ...statement } = row.statement;
  return statement;
}

/** xAPI 2.0 if any statement says so (its context additions are 2.0 only), else 1.0.3, which every LRS speaks. */
const versionFor = (statements: readonly Record<string, unknown>[]) =>
  statements.some((statement) => typeof statement.version === "string" && statement.version.startsWith("2.0"))
    ? "2.0.0"
    : "1.0.3";

/** What an LRS said, cut short: its status and the start of its reason. */
async function describe(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim();
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${text ? `: ${text.slice(0, 300)}` : ""}`;
}

async function send(
  credentials: ForwardCredentials,
  method: "POST" | "PUT",
  body: unknown,
  statementId?: string,
): Promise<Response> {
  const statements = Array.isArray(body) ? (body as Record<string, unknown>[]) : [body as Record<string, unknown>];
  const url = new URL("statements", credentials.endpoint);
  if (statementId) url.searchParams.set("statementId", statementId);
  try {
    return await fetch(url, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`,
        "content-type": "application/json",
        "x-experience-api-version": versionFor(statements),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = error instanceof Error && error.name === "TimeoutError" ? "no answer within 30 seconds" : cause;
    throw new ForwardFailure(`Could not reach the LRS${reason ? ` (${reason})` : ""}`);
  }
}

/** Sends one batch; answers the ids the LRS now holds, having set aside any it refused. */
async function forwardBatch(
  db: Db,
  forceId: string,
  credentials: ForwardCredentials,
  batch: readonly OutboxStatement[],
  now: Date,
) {
  const statements = batch.map(statementToForward);
  const posted = await send(credentials, "POST", statements);
  if (posted.ok) {
    await posted.body?.cancel();
    return batch.map((row) => row.statementId);
  }
  if (posted.status !== 400 && posted.status !== 409) throw new ForwardFailure(await describe(posted));
  await posted.body?.cancel();
  // One statement at a time, so the LRS's refusal names one statement, and one it holds already counts as sent.
  const done: string[] = [];
  for (const [index, row] of batch.entries()) {
    const put = await send(credentials, "PUT", statements[index], row.statementId);
    if (put.ok || put.status === 409) {
      await put.body?.cancel();
      done.push(row.statementId);
    } else if (put.status === 400) await markRejected(db, row.statementId, await describe(put), now);
    else {
      // Keep what went through before failing the try.
      await markForwarded(db, forceId, done, now);
      throw new ForwardFailure(await describe(put));
    }
  }
  return done;
}

/** What a force's sealed password is bound to: it opens in this column of this force's row only. */
const passwordContext = (forceId: string) => `lrs_forward_targets.password:${forceId}`;

/**
 * The stored password, opened for sending. A plain one from before sealing is used as it is and sealed on the
 * way (when the server has a key), as the start-up upgrade would. One that does not open (another key, altered)
 * fails the try with the secret box's reason, which names keys, never the secret.
 */
async function passwordForSending(db: Db, key: SecretKey | null, forceId: string, stored: string): Promise<string> {
  if (isSealed(stored)) {
    try {
      return open(key, stored, passwordContext(forceId));
    } catch (error) {
      if (error instanceof SecretBoxError)
        throw new ForwardFailure(`The stored password could not be opened: ${error.message}`);
      throw error;
    }
  }
  if (key !== null && stored !== "") {
    await replaceForwardPassword(db, forceId, stored, seal(key, stored, passwordContext(forceId)));
  }
  return stored;
}

/**
 * Seals every forwarding password still stored in plain text (saved before sealing), at start-up; the key is
 * the server's, never the database's, so no SQL migration can. Counts what it sealed and what it had to leave
 * plain (no key: production without SECRETS_KEY).
 */
export async function sealPlainForwardPasswords(
  db: Db,
  key: SecretKey | null,
): Promise<{ sealed: number; plain: number }> {
  let sealed = 0;
  let plain = 0;
  for (const row of await forwardPasswords(db)) {
    if (isSealed(row.password) || row.password === "") continue;
    if (key === null) plain += 1;
    else if (
      await replaceForwardPassword(db, row.forceId, row.password, seal(key, row.password, passwordContext(row.forceId)))
    )
      sealed += 1;
  }
  return { sealed, plain };
}

/** The result of one forwarding run for a force. */
export interface ForwardRun {
  sent: number;
  /** Set when the run stopped on a failure: when the next try is due. */
  retryAt?: Date;
}

/**
 * Forwards the force's backlog until it is empty or a try fails. Not before its back-off has passed, unless
 * `force` (an admin asked). A crash part-way leaves every unconfirmed statement in the outbox.
 */
export async function forwardForce(
  deps: { db: Db; now: () => Date; secrets: SecretKey | null },
  forceId: string,
  options: { batchSize?: number } = {},
): Promise<ForwardRun> {
  const { db, now } = deps;
  const stored = await readForwardCredentials(db, forceId);
  if (!stored?.enabled) return { sent: 0 };
  const due = (await forwardingForces(db)).find((row) => row.forceId === forceId);
  if (due && due.nextAttemptAt.getTime() > now().getTime()) return { sent: 0, retryAt: due.nextAttemptAt };
  let credentials: ForwardCredentials | null = null;
  let sent = 0;
  for (;;) {
    const batch = await pendingStatements(db, forceId, options.batchSize ?? FORWARD_BATCH);
    if (batch.length === 0) return { sent };
    try {
      credentials ??= {
        ...stored,
        password: await passwordForSending(db, deps.secrets, forceId, stored.password),
      };
      const done = await forwardBatch(db, forceId, credentials, batch, now());
      await markForwarded(db, forceId, done, now());
      sent += done.length;
    } catch (error) {
      if (!(error instanceof ForwardFailure)) throw error;
      const retryAt = await recordForwardFailure(db, forceId, error.message, now(), forwardBackoffMs);
      return { sent, retryAt };
    }
  }
}

/** What the forwarder needs of the job runner. */
export interface ForwardJobs {
  send(name: string, data?: Record<string, unknown>, options?: { startAfter?: Date }): Promise<string | null>;
}

/** The forwarder as the app runs it: its job, and a nudge after statements are stored. */
export interface Forwarder {
  jobs(): Record<string, JobDefinition>;
  /** Attaches the runner that carries the jobs (it is built after the forwarder). */
  useRunner(runner: ForwardJobs): void;
  /** Statements were stored for the force: forward them soon (at most one job per force per half second). */
  nudge(forceId: string): void;
  /** Forgets which forces forward (an admin changed it). */
  refresh(): void;
}

/**
 * The `lrs-forward` job: with `{ forceId }` it forwards that force; without, every force with something due (every
 * minute, and once at start-up, so a backlog left by a crash or a restart is picked up). A failed run schedules
 * its own retry for when its back-off ends.
 */
export function createForwarder(deps: {
  db: Db;
  now: () => Date;
  secrets: SecretKey | null;
  onError?: (error: unknown) => void;
}): Forwarder {
  let runner: ForwardJobs | null = null;
  let forwarding: { forces: Set<string>; readAt: number } | null = null;
  const nudged = new Map<string, ReturnType<typeof setTimeout>>();

  const run = async (forceId: string) => {
    const result = await forwardForce(deps, forceId);
    if (result.retryAt && runner) await runner.send(FORWARD_QUEUE, { forceId }, { startAfter: result.retryAt });
  };
  const forwardingForceIds = async () => {
    // Read again every 30 s, so another instance's admin change is seen without a restart.
    if (!forwarding || Date.now() - forwarding.readAt > 30_000) {
      forwarding = { forces: new Set((await forwardingForces(deps.db)).map((row) => row.forceId)), readAt: Date.now() };
    }
    return forwarding.forces;
  };

  return {
    jobs: () => ({
      [FORWARD_QUEUE]: {
        cron: "* * * * *",
        retryLimit: 2,
        retryDelay: 30,
        expireInSeconds: 10 * 60,
        async handler(data) {
          if (typeof data.forceId === "string") return run(data.forceId);
          const now = deps.now().getTime();
          for (const row of await forwardingForces(deps.db)) {
            if (row.nextAttemptAt.getTime() <= now) await run(row.forceId);
          }
        },
      },
    }),
    useRunner(next) {
      runner = next;
      void next.send(FORWARD_QUEUE, {}).catch((error: unknown) => deps.onError?.(error));
    },
    nudge(forceId) {
      if (!runner || nudged.has(forceId)) return;
      nudged.set(
        forceId,
        setTimeout(() => {
          nudged.delete(forceId);
          forwardingForceIds()
            .then((forces) => (forces.has(forceId) ? runner?.send(FORWARD_QUEUE, { forceId }) : null))
            .catch((error: unknown) => deps.onError?.(error));
        }, 500).unref(),
      );
    },
    refresh() {
      forwarding = null;
    },
  };
}

// ——— The admin's side ———

const statusOf = (status: NonNullable<Awaited<ReturnType<typeof forwardStatus>>>) => ({
  endpoint: status.endpoint,
  username: status.username,
  enabled: status.enabled,
  backlog: status.backlog,
  oldestPendingAt: status.oldestPendingAt?.toISOString() ?? null,
  rejected: status.rejected,
  lastRejection: status.lastRejection,
  forwardedCount: status.forwardedCount,
  failures: status.failures,
  nextAttemptAt: status.nextAttemptAt.toISOString(),
  lastError: status.lastError,
  lastErrorAt: status.lastErrorAt?.toISOString() ?? null,
  lastSuccessAt: status.lastSuccessAt?.toISOString() ?? null,
  updatedAt: status.updatedAt.toISOString(),
});

/** The admin's force's forwarding, or null. */
export async function readForwarding(db: Db, forceId: string): Promise<LrsForwardingResponse> {
  const status = await forwardStatus(db, forceId);
  return { forwarding: status ? statusOf(status) : null };
}

/**
 * An admin saves where the force's statements go. Plain http is for a test LRS on this machine: production
 * sends credentials and personal records, so only https there.
 */
export async function saveForwarding(
  deps: {
    db: Db;
    now: () => Date;
    production: boolean;
    secrets: SecretKey | null;
    forwarder: Pick<Forwarder, "refresh" | "nudge"> | null;
  },
  actor: Actor,
  body: LrsForwardingSettings,
): Promise<LrsForwardingResponse> {
  const { db, now } = deps;
  if (deps.production && !body.endpoint.startsWith("https://")) {
    throw InvalidInput.field("endpoint", "must start https:// (credentials and records are sent to it)");
  }
  const existing = await readForwardCredentials(db, actor.forceId);
  if (!existing && body.password === undefined) {
    throw InvalidInput.field("password", "enter the password (secret) the LRS gave you");
  }
  if (body.password !== undefined && deps.secrets === null) {
    // Production without SECRETS_KEY: a password kept in plain text would be readable by anyone with a backup.
    throw InvalidInput.field(
      "password",
      "cannot be stored: this server has no SECRETS_KEY to seal it with. Ask whoever runs the server to set SECRETS_KEY (see the README), then enter the password again.",
    );
  }
  await writeForwardCredentials(
    db,
    actor.forceId,
    {
      endpoint: body.endpoint,
      username: body.username,
      password:
        body.password === undefined || deps.secrets === null
          ? undefined
          : seal(deps.secrets, body.password, passwordContext(actor.forceId)),
      enabled: body.enabled,
      updatedBy: actor.id,
    },
    now(),
  );
  const history = body.sendHistory ? await enqueueForceHistory(db, actor.forceId) : 0;
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "lrs-forwarding.save",
    details: {
      endpoint: body.endpoint,
      enabled: body.enabled,
      passwordChanged: body.password !== undefined,
      historyQueued: history,
    },
  });
  deps.forwarder?.refresh();
  if (body.enabled) deps.forwarder?.nudge(actor.forceId);
  return readForwarding(db, actor.forceId);
}

/** An admin stops forwarding: the target and its backlog are removed. */
export async function removeForwarding(
  deps: { db: Db; forwarder: Pick<Forwarder, "refresh"> | null },
  actor: Actor,
): Promise<void> {
  if (!(await deleteForwardTarget(deps.db, actor.forceId))) throw new NotFound("LRS forwarding");
  await audit(deps.db, { forceId: actor.forceId, actorUserId: actor.id, action: "lrs-forwarding.remove" });
  deps.forwarder?.refresh();
}

/** An admin asks for a try now, rejected statements included. */
export async function retryForwarding(
  deps: { db: Db; now: () => Date; forwarder: Pick<Forwarder, "nudge"> | null },
  actor: Actor,
): Promise<LrsForwardingResponse> {
  if (!(await readForwardCredentials(deps.db, actor.forceId))) throw new NotFound("LRS forwarding");
  await retryForwardingNow(deps.db, actor.forceId, deps.now());
  await audit(deps.db, { forceId: actor.forceId, actorUserId: actor.id, action: "lrs-forwarding.retry" });
  deps.forwarder?.nudge(actor.forceId);
  return readForwarding(deps.db, actor.forceId);
}
