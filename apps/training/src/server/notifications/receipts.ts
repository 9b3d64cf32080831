/**
 * GOV.UK Notify delivery receipts: Notify POSTs one per email to the force's callback URL with the bearer
 * token the force's admin issued (only its SHA-256 is stored). A receipt is recorded against the send it is
 * about; a permanent failure (the address does not exist or refuses mail) also marks the person's address as
 * failing, so nothing more is sent to it until it changes or an admin clears it. A temporary failure (a full
 * inbox, after Notify's own retries) or a technical failure (Notify's) is recorded on the send only.
 */
import type { Actor } from "../accounts";
import { audit } from "../audit";
import { hashToken, randomToken, sameSecret } from "../auth/session";
import type { Db } from "../db/client";
import {
  clearAddressFailure,
  deliveryByProviderReference,
  markAddressFailing,
  notifyCallbackTokenHash,
  recordReceipt,
  saveNotifyCallbackToken,
} from "../db/notifications";
import { NotFound } from "../errors";
import type { NotifyReceipt } from "../../shared/notifications-api";
import { notificationPaths } from "../../shared/notifications-api";
import { isForceUser } from "../accounts";

/** The callback URL a force gives GOV.UK Notify. */
export const notifyCallbackUrl = (baseUrl: string, forceId: string) =>
  `${baseUrl.replace(/\/+$/, "")}${notificationPaths.notifyReceipts.replace(":forceId", encodeURIComponent(forceId))}`;

/** Whether `token` is the force's Notify callback token (compared in constant time, as hashes). */
export async function isNotifyCallbackToken(db: Db, forceId: string, token: string): Promise<boolean> {
  const stored = await notifyCallbackTokenHash(db, forceId);
  return stored !== null && sameSecret(hashToken(token), stored);
}

/** An admin issues (or replaces) the force's Notify callback token: shown once, audited without it. */
export async function issueNotifyCallbackToken(db: Db, actor: Actor, baseUrl: string, now: Date) {
  // The prefix lets secret scanners and people recognise what the token is for.
  const token = `srt_notify_${randomToken()}`;
  await saveNotifyCallbackToken(db, actor.forceId, hashToken(token), actor.id, now);
  await audit(db, { forceId: actor.forceId, actorUserId: actor.id, action: "notify-callback-token" });
  return { token, callbackUrl: notifyCallbackUrl(baseUrl, actor.forceId), createdAt: now.toISOString() };
}

/**
 * Records a receipt. Unknown to this force (or not yet recorded: Notify can answer before our own write
 * lands) is {@link NotFound}, which Notify retries later. A receipt older than one already recorded for the
 * same send changes nothing, so Notify's retries and out-of-order receipts are harmless.
 */
export async function recordNotifyReceipt(
  db: Db,
  forceId: string,
  receipt: NotifyReceipt,
  now: Date,
): Promise<{ addressMarkedFailing: boolean }> {
  const delivery = await deliveryByProviderReference(db, forceId, receipt.id);
  if (!delivery) throw new NotFound("email with that Notify id");
  const at = new Date(receipt.completed_at ?? receipt.sent_at ?? receipt.created_at);
  const when = Number.isNaN(at.getTime()) ? now : at;
  if (delivery.receiptAt && delivery.receiptAt > when) return { addressMarkedFailing: false };
  await recordReceipt(db, delivery.id, receipt.status, when);
  if (receipt.status !== "permanent-failure") return { addressMarkedFailing: false };
  // Only if the receipt's address is still theirs: a bounce of an old address says nothing of the new one.
  const marked = await markAddressFailing(db, delivery.userId, receipt.to, when, "GOV.UK Notify: permanent failure");
  return { addressMarkedFailing: marked };
}

/** An admin clears a person's failing-address mark (the address was fixed outside the app); audited. */
export async function clearEmailFailure(db: Db, actor: Actor, userId: string): Promise<void> {
  if (!(await isForceUser(db, actor, userId))) throw new NotFound("user");
  await clearAddressFailure(db, userId);
  await audit(db, { forceId: actor.forceId, actorUserId: actor.id, action: "email-failure-cleared", subject: userId });
}
