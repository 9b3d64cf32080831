/**
 * "Forgotten your password?": a person gives their email address and, if it is an enabled account's and its
 * force has an email channel, gets a one-time reset link (auth/password-reset.ts: 30 minutes, single use).
 *
 * The answer never says whether the account exists: every well-formed request is accepted the same way, and
 * the look-up and the sending happen after the answer has gone, so neither the reply nor its timing differs.
 * The link is sent straight away, past quiet hours (the person is waiting for it), and not through the
 * notifications table: its token must never be stored, so a request lost in a crash is simply asked again.
 * Requests are limited per address and per email address, counted whether or not the account exists.
 */
import { randomUUID } from "node:crypto";
import { issuePasswordReset, RESET_LINK_MINUTES } from "../auth/password-reset";
import type { Db } from "../db/client";
import { channelOf, enabledAccountByEmail, logDelivery } from "../db/notifications";
import { releaseAttempt, reserveAttempt } from "../db/sign-in-throttle";
import { TooManyAttempts } from "../errors";
import { timeLeft } from "../auth/throttle";
import { DeliveryFailure, channelFor } from "./channels";
import type { DeliveryLog } from "./deliver";
import { passwordResetMessage } from "./messages";

/** Reset emails one email address may ask for in the window, and one client address. */
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_ADDRESS = 20;
const WINDOW_MS = 15 * 60_000;

export interface ResetEmailOptions {
  db: Db;
  baseUrl: () => string;
  notifyBaseUrl: string;
  log: DeliveryLog;
}

/**
 * Accepts a request (or refuses it as too many) and returns at once; `sent` settles when the background work
 * is done (tests wait on it through the app's own inbox instead).
 */
export async function requestPasswordResetEmail(
  options: ResetEmailOptions,
  request: { email: string; address: string },
  now: Date,
): Promise<{ sent: Promise<void> }> {
  const keys = [
    { key: `reset-email:${request.email.toLowerCase()}`, max: RESET_REQUESTS_PER_EMAIL },
    { key: `reset-address:${request.address}`, max: RESET_REQUESTS_PER_ADDRESS },
  ];
  for (const [index, { key, max }] of keys.entries()) {
    const count = await reserveAttempt(options.db, key, now, WINDOW_MS);
    if (count.failures > max) {
      // Only what this request reserved is given back; the refused key keeps its count.
      for (const earlier of keys.slice(0, index + 1)) await releaseAttempt(options.db, earlier.key);
      const retryAfterMs = count.windowEndsAt.getTime() - now.getTime();
      throw new TooManyAttempts(
        "rate-limited",
        "Too many requests",
        `Too many password reset requests. Try again in ${timeLeft(retryAfterMs)}.`,
        retryAfterMs,
      );
    }
  }
  const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(() => send(options, request.email, now));
  return { sent: sent.catch((error: unknown) => options.log.warn({ err: error }, "password reset email failed")) };
}

async function send(options: ResetEmailOptions, email: string, now: Date): Promise<void> {
  const account = await enabledAccountByEmail(options.db, email);
  if (!account) return;
  const settings = await channelOf(options.db, account.forceId);
  if (!settings) {
    options.log.warn({ userId: account.id, template: "password-reset" }, "no email channel for the force");
    return;
  }
  const issued = await issuePasswordReset(options.db, { user: account, issuedBy: null }, now);
  const baseUrl = options.baseUrl().replace(/\/+$/, "");
  const message = passwordResetMessage({
    senderName: settings.senderName,
    baseUrl,
    link: `${baseUrl}${issued.path}`,
    minutes: RESET_LINK_MINUTES,
  });
  const channel = channelFor(settings, options.notifyBaseUrl);
  const base = {
    forceId: account.forceId,
    userId: account.id,
    template: message.template,
    channel: channel.kind,
    at: now,
  };
  try {
    const { providerReference } = await channel.send({ to: account.email, message, reference: randomUUID() });
    await logDelivery(options.db, { ...base, result: "sent", error: null, providerReference });
    options.log.info({ ...base, result: "sent" }, "notification sent");
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(false, "channel error");
    const result = failure.permanent ? "rejected" : "failed";
    await logDelivery(options.db, { ...base, result, error: failure.reason, providerReference: null });
    options.log.warn({ ...base, result, reason: failure.reason }, "notification not sent");
  } finally {
    channel.close();
  }
}
