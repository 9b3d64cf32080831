/**
 * Delivery: claims the messages due now (whole people at a time, so one scan's several notices to one person
 * become one email), renders them, hands them to the force's channel and records the outcome. A claim is a
 * row lock plus a `sending` mark, so two instances never send the same notification; a temporary failure
 * is retried with back-off, a permanent one is recorded against the person.
 */
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { ChannelRow, NotificationRow } from "../db/notifications";
import { allChannels, claimDue, recipientsOf, recordDelivery, retireStale, suppress } from "../db/notifications";
import type { Channel } from "./channels";
import { DeliveryFailure, channelFor } from "./channels";
import { renderMessage } from "./messages";
import { NoticeKindSchema } from "./rules";

/** What delivery logs: ids and outcomes only, never an address or a body. */
export interface DeliveryLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DeliveryOptions {
  db: Db;
  catalog: Catalog;
  /** The app's public address, which links in messages start with (read when a message is rendered). */
  baseUrl: () => string;
  notifyBaseUrl: string;
  log: DeliveryLog;
  /** Builds a channel from a force's settings; tests may wrap it, the app uses {@link channelFor}. */
  openChannel?: (settings: ChannelRow) => Channel;
}

/** A message not sent within this many days of being decided is retired unsent. */
export const STALE_AFTER_DAYS = 7;
/** People whose messages are claimed per round. */
const CLAIM_PEOPLE = 50;
/** Tries before a temporarily failing message is given up. */
export const MAX_ATTEMPTS = 6;
/** Back-off after the n-th failed try: 5 minutes, doubling, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

export interface DeliveryResult {
  sent: number;
  failed: number;
  suppressed: number;
}

/** Sends everything due by `now`, in rounds, until nothing due is left unclaimed. */
export async function deliverDue(options: DeliveryOptions, now: Date): Promise<DeliveryResult> {
  const { db } = options;
  const result: DeliveryResult = { sent: 0, failed: 0, suppressed: await retireStale(db, now, STALE_AFTER_DAYS) };
  const channels = new Map((await allChannels(db)).map((row) => [row.forceId, row]));
  const open = new Map<string, Channel>();
  const channelOf = (row: ChannelRow) => {
    let channel = open.get(row.forceId);
    if (!channel) {
      channel = (options.openChannel ?? ((settings) => channelFor(settings, options.notifyBaseUrl)))(row);
      open.set(row.forceId, channel);
    }
    return channel;
  };
  try {
    for (;;) {
      const claimed = await claimDue(db, [...channels.keys()], now, CLAIM_PEOPLE);
      if (claimed.length === 0) break;
      const byUser = new Map<string, NotificationRow[]>();
      for (const row of claimed) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
      const recipients = await recipientsOf(db, [...byUser.keys()]);
      for (const [userId, rows] of byUser) {
        const recipient = recipients.get(userId);
        const settings = channels.get(rows[0]?.forceId ?? "");
        // A failing address (bounced or refused) is not written to again until it changes or an admin clears
        // it; the notices stay in the app.
        if (!recipient || recipient.disabled || recipient.failing || !settings) {
          await suppress(
            db,
            rows.map((row) => row.id),
          );
          result.suppressed += rows.length;
          continue;
        }
        const outcome = await sendOne(options, channelOf(settings), settings, recipient.email, rows, now);
        if (outcome === "sent") result.sent += 1;
        else result.failed += 1;
      }
    }
  } finally {
    for (const channel of open.values()) channel.close();
  }
  return result;
}

async function sendOne(
  options: DeliveryOptions,
  channel: Channel,
  settings: ChannelRow,
  to: string,
  rows: NotificationRow[],
  now: Date,
): Promise<"sent" | "failed"> {
  const ordered = [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || a.dedupeKey.localeCompare(b.dedupeKey));
  const message = renderMessage({
    senderName: settings.senderName,
    baseUrl: options.baseUrl().replace(/\/+$/, ""),
    items: ordered.map((row) => ({ kind: NoticeKindSchema.parse(row.kind), details: row.details })),
    moduleTitle: (moduleId) => options.catalog.module(moduleId)?.title ?? moduleId,
  });
  const ids = ordered.map((row) => row.id);
  const base = {
    forceId: settings.forceId,
    userId: rows[0]?.userId ?? "",
    template: message.template,
    channel: channel.kind,
  };
  const attempts = Math.max(...rows.map((row) => row.attempts));
  try {
    // The first notification's id is the reference: Notify keeps it, SMTP sends it as the Message-ID.
    const { providerReference } = await channel.send({ to, message, reference: ids[0] ?? "" });
    await recordDelivery(options.db, {
      ...base,
      notificationIds: ids,
      at: now,
      result: "sent",
      error: null,
      providerReference,
      retryAt: null,
    });
    options.log.info({ ...base, result: "sent", notifications: ids.length }, "notification sent");
    return "sent";
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(false, "channel error");
    const giveUp = failure.permanent || attempts >= MAX_ATTEMPTS;
    await recordDelivery(options.db, {
      ...base,
      notificationIds: ids,
      at: now,
      result: failure.permanent ? "rejected" : "failed",
      error: failure.reason,
      providerReference: null,
      retryAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
    });
    options.log.warn(
      { ...base, result: failure.permanent ? "rejected" : "failed", reason: failure.reason, attempts },
      "notification not sent",
    );
    return "failed";
  }
}
