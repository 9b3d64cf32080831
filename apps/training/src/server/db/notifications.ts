import type { SQL } from "drizzle-orm";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import {
  notificationChannels,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  notifyCallbackTokens,
  users,
} from "./schema";

/** A force's channel row. */
export type ChannelRow = typeof notificationChannels.$inferSelect;
/** A person's preferences row. */
export type PreferencesRow = typeof notificationPreferences.$inferSelect;
/** A stored notification. */
export type NotificationRow = typeof notifications.$inferSelect;

const rows = async <T>(db: Db, query: SQL): Promise<T[]> => {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
};

/** Every force's channel (a handful of rows). */
export const allChannels = (db: Db): Promise<ChannelRow[]> => db.select().from(notificationChannels);

export async function channelOf(db: Db, forceId: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(notificationChannels).where(eq(notificationChannels.forceId, forceId));
  return row ?? null;
}

export async function upsertChannel(db: Db, row: typeof notificationChannels.$inferInsert): Promise<void> {
  const { forceId: _forceId, ...changes } = row;
  await db.insert(notificationChannels).values(row).onConflictDoUpdate({
    target: notificationChannels.forceId,
    set: changes,
  });
}

/** Preferences of these people; a person without a row has the defaults. */
export async function preferencesOf(db: Db, userIds: readonly string[]): Promise<Map<string, PreferencesRow>> {
  if (userIds.length === 0) return new Map();
  const found = await db
    .select()
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.userId, [...userIds]));
  return new Map(found.map((row) => [row.userId, row]));
}

export async function upsertPreferences(
  db: Db,
  row: Pick<PreferencesRow, "userId" | "optionalFrequency" | "mandatoryFrequency" | "digestFrequency" | "updatedAt">,
): Promise<void> {
  const { userId: _userId, ...changes } = row;
  await db
    .insert(notificationPreferences)
    .values(row)
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: changes });
}

/** A decided notice as the store takes it. */
export interface DecidedNotice {
  userId: string;
  kind: string;
  dedupeKey: string;
  mandatory: boolean;
  details: Record<string, unknown>;
}

/**
 * Stores notices, skipping any whose person × dedupe key is already stored; returns how many were new. One
 * statement per batch whatever its size (the rows travel as five arrays). Each person's preferences pick the
 * send time: `sendAt.daily` for a daily batch, else `sendAt.immediate`; an optional message they switched off
 * is stored `suppressed` (shown in the app, never emailed). Mandatory ones cannot be switched off.
 */
export async function insertNotices(
  db: Db,
  forceId: string,
  notices: readonly DecidedNotice[],
  now: Date,
  sendAt: { immediate: Date; daily: Date },
): Promise<number> {
  if (notices.length === 0) return 0;
  const frequency = sql`(CASE WHEN x.mandatory THEN coalesce(p.mandatory_frequency, 'immediate')
                              WHEN x.kind = 'digest' THEN 'immediate'
                              ELSE coalesce(p.optional_frequency, 'immediate') END)`;
  const inserted = await rows<{ id: string }>(
    db,
    sql`INSERT INTO notifications (id, force_id, user_id, kind, dedupe_key, mandatory, details, created_at, send_after, state)
        SELECT gen_random_uuid(), ${forceId}, x.user_id, x.kind, x.dedupe_key, x.mandatory, x.details::jsonb,
               ${now.toISOString()}::timestamptz,
               CASE WHEN ${frequency} = 'daily' THEN ${sendAt.daily.toISOString()}::timestamptz ELSE ${sendAt.immediate.toISOString()}::timestamptz END,
               CASE WHEN ${frequency} = 'off' THEN 'suppressed' ELSE 'pending' END
        FROM unnest(${sql.param(notices.map((notice) => notice.userId))}::uuid[],
                    ${sql.param(notices.map((notice) => notice.kind))}::text[],
                    ${sql.param(notices.map((notice) => notice.dedupeKey))}::text[],
                    ${sql.param(notices.map((notice) => notice.mandatory))}::boolean[],
                    ${sql.param(notices.map((notice) => JSON.stringify(notice.details)))}::text[])
             AS x(user_id, kind, dedupe_key, mandatory, details)
        LEFT JOIN notification_preferences p ON p.user_id = x.user_id
        WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = x.user_id AND n.dedupe_key = x.dedupe_key)
        ON CONFLICT (user_id, dedupe_key) DO NOTHING
        RETURNING id`,
  );
  return inserted.length;
}

/** Which of these person × dedupe key pairs are already stored, as `"<userId> <dedupeKey>"`. */
export async function storedKeys(
  db: Db,
  pairs: readonly { userId: string; dedupeKey: string }[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const found = await rows<{ key: string }>(
    db,
    sql`SELECT user_id::text || ' ' || dedupe_key AS key FROM notifications
        WHERE (user_id, dedupe_key) IN (${sql.join(
          pairs.map((pair) => sql`(${pair.userId}::uuid, ${pair.dedupeKey})`),
          sql`, `,
        )})`,
  );
  return new Set(found.map((row) => row.key));
}

/** How long a claimed message may stay `sending` before another delivery run takes it back (a crashed sender). */
const CLAIM_TIMEOUT_MINUTES = 15;

/**
 * Claims the messages due by `now` for the given forces of up to `people` people, marking them
 * `sending` so no other run (another instance) takes them. `FOR UPDATE SKIP LOCKED` lets two instances claim
 * side by side without waiting on each other or taking the same row.
 */
export async function claimDue(
  db: Db,
  forceIds: readonly string[],
  now: Date,
  people: number,
): Promise<NotificationRow[]> {
  if (forceIds.length === 0) return [];
  const at = now.toISOString();
  const forces = sql.join(
    forceIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const due = sql`force_id IN (${forces}) AND send_after <= ${at}::timestamptz
            AND (state = 'pending' OR (state = 'sending' AND claimed_at < ${at}::timestamptz - make_interval(mins => ${CLAIM_TIMEOUT_MINUTES})))`;
  // Whole people: every due row of the first `people` people, so one person's notices make one email.
  const claimed = await rows<{ id: string }>(
    db,
    sql`UPDATE notifications SET state = 'sending', claimed_at = ${at}::timestamptz, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM notifications
          WHERE ${due} AND user_id IN (SELECT user_id FROM notifications WHERE ${due} GROUP BY user_id ORDER BY min(send_after), user_id LIMIT ${people})
          FOR UPDATE SKIP LOCKED)
        RETURNING id`,
  );
  if (claimed.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        claimed.map((row) => row.id),
      ),
    );
}

/** Where and whether a person can be written to. */
export interface Recipient {
  id: string;
  forceId: string;
  email: string;
  disabled: boolean;
  /** Their current address has failed (a bounce or a refusal) and no admin has cleared it. */
  failing: boolean;
}

/** The SHA-256 (hex) of a users row's lower-cased address, as `undeliverable_email_sha256` holds it. */
const emailSha256 = sql`encode(sha256(convert_to(lower(${users.email}), 'UTF8')), 'hex')`;
/** Whether the preferences row marks the joined user's current address as failing. */
const addressFailing = sql<boolean>`(${notificationPreferences.undeliverableAt} IS NOT NULL AND ${notificationPreferences.undeliverableEmailSha256} = ${emailSha256})`;

export async function recipientsOf(db: Db, userIds: readonly string[]): Promise<Map<string, Recipient>> {
  if (userIds.length === 0) return new Map();
  const found = await db
    .select({
      id: users.id,
      forceId: users.forceId,
      email: users.email,
      disabledAt: users.disabledAt,
      failing: sql<boolean>`coalesce(${addressFailing}, false)`,
    })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(inArray(users.id, [...userIds]));
  return new Map(
    found.map((row) => [
      row.id,
      { id: row.id, forceId: row.forceId, email: row.email, disabled: row.disabledAt !== null, failing: row.failing },
    ]),
  );
}

/** Records the outcome of one message handed to a channel: the notifications' new state and the send log row. */
export async function recordDelivery(
  db: Db,
  outcome: {
    forceId: string;
    userId: string;
    template: string;
    channel: string;
    notificationIds: string[];
    at: Date;
    result: "sent" | "failed" | "rejected";
    error: string | null;
    providerReference: string | null;
    /** For `failed`: when to try again, or null to give up. */
    retryAt: Date | null;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const ids = outcome.notificationIds;
    if (outcome.result === "sent") {
      await tx.update(notifications).set({ state: "sent", sentAt: outcome.at }).where(inArray(notifications.id, ids));
    } else if (outcome.retryAt !== null) {
      await tx
        .update(notifications)
        .set({ state: "pending", sendAfter: outcome.retryAt, claimedAt: null })
        .where(inArray(notifications.id, ids));
    } else {
      await tx.update(notifications).set({ state: "failed" }).where(inArray(notifications.id, ids));
    }
    await tx.insert(notificationDeliveries).values({
      forceId: outcome.forceId,
      userId: outcome.userId,
      template: outcome.template,
      channel: outcome.channel,
      notificationIds: ids,
      at: outcome.at,
      result: outcome.result,
      error: outcome.error,
      providerReference: outcome.providerReference,
    });
    if (outcome.result === "rejected") {
      // The address itself was refused: recorded against the person for their admin to correct.
      await markAddressFailing(tx, outcome.userId, null, outcome.at, outcome.error);
    }
  });
}

/**
 * Marks a person's current address as failing, so nothing more is sent to it until it changes or an admin
 * clears the mark. With `address`, only if that is still their address (a receipt may come after a change);
 * returns whether it was marked.
 */
export async function markAddressFailing(
  db: Db,
  userId: string,
  address: string | null,
  at: Date,
  reason: string | null,
): Promise<boolean> {
  const marked = await rows<{ user_id: string }>(
    db,
    sql`INSERT INTO notification_preferences (user_id, undeliverable_at, undeliverable_reason, undeliverable_email_sha256)
        SELECT ${users.id}, ${at.toISOString()}::timestamptz, ${reason}, ${emailSha256} FROM ${users}
        WHERE ${users.id} = ${userId}::uuid ${address === null ? sql`` : sql`AND lower(${users.email}) = lower(${address})`}
        ON CONFLICT (user_id) DO UPDATE SET undeliverable_at = excluded.undeliverable_at,
          undeliverable_reason = excluded.undeliverable_reason, undeliverable_email_sha256 = excluded.undeliverable_email_sha256
        RETURNING user_id`,
  );
  return marked.length > 0;
}

/** The failing-address mark on a person's current address, or null (none, or their address has changed). */
export async function addressFailure(db: Db, userId: string): Promise<{ at: Date; reason: string | null } | null> {
  const [found] = await db
    .select({ at: notificationPreferences.undeliverableAt, reason: notificationPreferences.undeliverableReason })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .where(and(eq(notificationPreferences.userId, userId), addressFailing));
  return found?.at ? { at: found.at, reason: found.reason } : null;
}

/** Clears a person's failing-address mark; returns whether there was one. */
export async function clearAddressFailure(db: Db, userId: string): Promise<boolean> {
  const cleared = await db
    .update(notificationPreferences)
    .set({ undeliverableAt: null, undeliverableReason: null, undeliverableEmailSha256: null })
    .where(and(eq(notificationPreferences.userId, userId), sql`${notificationPreferences.undeliverableAt} IS NOT NULL`))
    .returning({ userId: notificationPreferences.userId });
  return cleared.length > 0;
}

/** The force's stored Notify callback token hash, or null. */
export async function notifyCallbackTokenHash(db: Db, forceId: string): Promise<string | null> {
  const [found] = await db
    .select({ tokenHash: notifyCallbackTokens.tokenHash })
    .from(notifyCallbackTokens)
    .where(eq(notifyCallbackTokens.forceId, forceId));
  return found?.tokenHash ?? null;
}

export async function saveNotifyCallbackToken(
  db: Db,
  forceId: string,
  tokenHash: string,
  createdBy: string,
  now: Date,
): Promise<void> {
  await db
    .insert(notifyCallbackTokens)
    .values({ forceId, tokenHash, createdBy, createdAt: now })
    .onConflictDoUpdate({ target: notifyCallbackTokens.forceId, set: { tokenHash, createdBy, createdAt: now } });
}

/** The send a Notify receipt is about: by Notify's id for the email, in this force. */
export async function deliveryByProviderReference(db: Db, forceId: string, providerReference: string) {
  const [found] = await db
    .select({
      id: notificationDeliveries.id,
      userId: notificationDeliveries.userId,
      receiptAt: notificationDeliveries.receiptAt,
    })
    .from(notificationDeliveries)
    .where(
      and(eq(notificationDeliveries.forceId, forceId), eq(notificationDeliveries.providerReference, providerReference)),
    )
    .limit(1);
  return found ?? null;
}

/** Records a receipt's status against its send. */
export async function recordReceipt(
  db: Db,
  deliveryId: number,
  status: NonNullable<typeof notificationDeliveries.$inferSelect.receiptStatus>,
  at: Date,
): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({ receiptStatus: status, receiptAt: at })
    .where(eq(notificationDeliveries.id, deliveryId));
}

/**
 * Retires messages still unsent `days` after they were decided (a force without a channel for weeks): an old
 * reminder would mislead, and the scan decides afresh what is due now. They stay in the in-app list.
 */
export async function retireStale(db: Db, now: Date, days: number): Promise<number> {
  const retired = await rows<{ id: string }>(
    db,
    sql`UPDATE notifications SET state = 'suppressed'
        WHERE state = 'pending' AND created_at < ${now.toISOString()}::timestamptz - make_interval(days => ${days})
        RETURNING id`,
  );
  return retired.length;
}

/** Logs one send that no stored notification stands behind (a password reset link, whose token is never stored). */
export async function logDelivery(
  db: Db,
  entry: Omit<typeof notificationDeliveries.$inferInsert, "id" | "notificationIds">,
): Promise<void> {
  await db.insert(notificationDeliveries).values({ ...entry, notificationIds: [] });
}

/**
 * An enabled account by email address (any case), or null. A password reset link is sent even to an address
 * marked failing: the person asked for it with that address, which may well work again.
 */
export async function enabledAccountByEmail(db: Db, email: string): Promise<Omit<Recipient, "failing"> | null> {
  const [row] = await db
    .select({ id: users.id, forceId: users.forceId, email: users.email })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, isNull(users.disabledAt)));
  return row ? { ...row, disabled: false } : null;
}

/** Marks messages that will never be sent (the person was disabled, or chose not to have them). */
export async function suppress(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ state: "suppressed" })
    .where(inArray(notifications.id, [...ids]));
}

/** A person's latest notifications, newest first, for the in-app banner and list. */
export function notificationsOf(db: Db, userId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** Marks a person's unread notifications read: those of `ids` that are theirs, or all of them. */
export async function markRead(db: Db, userId: string, now: Date, ids?: readonly string[]): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === undefined ? undefined : inArray(notifications.id, [...ids]),
      ),
    );
}

/** The force's latest failed and rejected sends, and its message counts by state. */
export async function deliveryReport(db: Db, forceId: string, limit: number) {
  const failures = await db
    .select({
      userId: notificationDeliveries.userId,
      displayName: users.displayName,
      template: notificationDeliveries.template,
      channel: notificationDeliveries.channel,
      at: notificationDeliveries.at,
      result: notificationDeliveries.result,
      error: notificationDeliveries.error,
      receipt: notificationDeliveries.receiptStatus,
    })
    .from(notificationDeliveries)
    .leftJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(
      and(
        eq(notificationDeliveries.forceId, forceId),
        sql`(${notificationDeliveries.result} <> 'sent' OR ${notificationDeliveries.receiptStatus} <> 'delivered')`,
      ),
    )
    .orderBy(desc(notificationDeliveries.at), desc(notificationDeliveries.id))
    .limit(limit);
  const counts = await rows<{ state: string; count: number }>(
    db,
    sql`SELECT state, count(*)::int AS count FROM notifications WHERE force_id = ${forceId} GROUP BY state ORDER BY state`,
  );
  return { failures, counts };
}

/**
 * pg-boss's queue, read for the admin page: counts per queue and state (service-wide; jobs carry no personal
 * data), and the latest failed jobs this force's admin may see: service-wide ones (no `forceId` in their
 * data, such as the hourly scan) and the force's own one-off jobs, never another force's.
 */
export async function jobQueueReport(db: Db, forceId: string, limit: number) {
  if (!(await jobTableInstalled(db))) return { counts: [], failures: [] };
  const counts = await rows<{ name: string; state: string; count: number }>(
    db,
    // pg-boss's own queues (`__pgboss__send-it`, its scheduler's) are its machinery, not work an admin can act on.
    sql`SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job
        WHERE left(name, 10) <> '__pgboss__' GROUP BY name, state ORDER BY name, state`,
  );
  const failures = await rows<{
    id: string;
    name: string;
    completedOn: Date | null;
    retryCount: number;
    output: unknown;
  }>(
    db,
    sql`SELECT id::text AS id, name, completed_on AS "completedOn", retry_count AS "retryCount", output
        FROM pgboss.job WHERE state = 'failed' AND ${visibleTo(forceId)}
        ORDER BY completed_on DESC NULLS LAST, id LIMIT ${limit}`,
  );
  return { counts, failures };
}

const jobTableInstalled = async (db: Db) =>
  (await rows<{ present: boolean }>(db, sql`SELECT to_regclass('pgboss.job') IS NOT NULL AS present`))[0]?.present ===
  true;

const visibleTo = (forceId: string) => sql`(data->>'forceId' IS NULL OR data->>'forceId' = ${forceId})`;

/** A failed job this force's admin may see (as {@link jobQueueReport} lists them), or null. */
export async function failedJobOf(db: Db, forceId: string, id: string): Promise<{ id: string; name: string } | null> {
  if (!(await jobTableInstalled(db))) return null;
  const [found] = await rows<{ id: string; name: string }>(
    db,
    sql`SELECT id::text AS id, name FROM pgboss.job WHERE id = ${id}::uuid AND state = 'failed' AND ${visibleTo(forceId)}`,
  );
  return found ?? null;
}
