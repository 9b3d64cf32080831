/** What people and admins set and see: the in-app list, email preferences, the force's channel, the queue. */
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import {
  channelOf,
  deliveryReport,
  failedJobOf,
  jobQueueReport,
  markRead,
  notifyCallbackTokenHash,
  notificationsOf,
  preferencesOf,
  upsertChannel,
  upsertPreferences,
} from "../db/notifications";
import type {
  ChannelRequest,
  ChannelResponse,
  JobsReport,
  MyNotifications,
  NotificationPreferences,
} from "../../shared/notifications-api";
import { InvalidInput, NotFound } from "../errors";
import type { JobQueueAdmin } from "../jobs/runner";
import { describeNotice } from "./messages";
import { notifyCallbackUrl } from "./receipts";
import { NoticeKindSchema } from "./rules";
import { DEFAULT_HOURS } from "./scan";

/** Notifications shown in the app (the banner and its list). */
const IN_APP_LIMIT = 20;

/** The person's latest notifications, with their titles and links into the app. */
export async function myNotifications(db: Db, catalog: Catalog, userId: string): Promise<MyNotifications> {
  const rows = await notificationsOf(db, userId, IN_APP_LIMIT);
  const items = rows.flatMap((row) => {
    const kind = NoticeKindSchema.safeParse(row.kind);
    if (!kind.success) return [];
    const described = describeNotice(
      { baseUrl: "", moduleTitle: (moduleId) => catalog.module(moduleId)?.title ?? moduleId },
      { kind: kind.data, details: row.details },
    );
    const link = described.paragraphs.find((paragraph) => paragraph.link)?.link;
    return [
      {
        id: row.id,
        kind: row.kind,
        title: described.subject,
        href: link?.href ?? "/",
        createdAt: row.createdAt.toISOString(),
        read: row.readAt !== null,
        mandatory: row.mandatory,
      },
    ];
  });
  return { unread: items.filter((item) => !item.read).length, items };
}

/** Marks the person's notifications read: the ones named (another person's id is simply not theirs), or all. */
export const markNotificationsRead = (db: Db, userId: string, now: Date, ids?: readonly string[]) =>
  markRead(db, userId, now, ids);

export async function preferencesFor(db: Db, userId: string): Promise<NotificationPreferences> {
  const row = (await preferencesOf(db, [userId])).get(userId);
  return {
    optionalFrequency: row?.optionalFrequency ?? "immediate",
    mandatoryFrequency: row?.mandatoryFrequency ?? "immediate",
    digestFrequency: row?.digestFrequency ?? "weekly",
  };
}

export async function setPreferences(
  db: Db,
  userId: string,
  preferences: NotificationPreferences,
  now: Date,
): Promise<NotificationPreferences> {
  await upsertPreferences(db, { userId, ...preferences, updatedAt: now });
  return preferences;
}

/** The force's channel as the admin sees it: secrets only as "set". */
export async function channelView(db: Db, forceId: string, baseUrl: string): Promise<ChannelResponse> {
  const [row, callbackToken] = await Promise.all([channelOf(db, forceId), notifyCallbackTokenHash(db, forceId)]);
  return {
    configured: row !== null,
    kind: row?.kind ?? null,
    senderName: row?.senderName ?? null,
    fromAddress: row?.fromAddress ?? null,
    smtpUrlSet: Boolean(row?.smtpUrl),
    notifyApiKeySet: Boolean(row?.notifyApiKey),
    notifyTemplateId: row?.notifyTemplateId ?? null,
    quietStartHour: row?.quietStartHour ?? DEFAULT_HOURS.quietStartHour,
    quietEndHour: row?.quietEndHour ?? DEFAULT_HOURS.quietEndHour,
    timeZone: row?.timeZone ?? DEFAULT_HOURS.timeZone,
    notifyCallbackTokenSet: callbackToken !== null,
    notifyCallbackUrl: notifyCallbackUrl(baseUrl, forceId),
  };
}

/** An admin sets the force's channel. A secret left out keeps the stored one; audited without secrets. */
export async function setChannel(
  db: Db,
  actor: Actor,
  body: ChannelRequest,
  now: Date,
  baseUrl: string,
): Promise<ChannelResponse> {
  const existing = await channelOf(db, actor.forceId);
  const smtpUrl = body.smtpUrl ?? existing?.smtpUrl ?? null;
  const notifyApiKey = body.notifyApiKey ?? existing?.notifyApiKey ?? null;
  if (body.kind === "smtp" && smtpUrl === null) throw InvalidInput.field("body.smtpUrl", "is needed to send by SMTP");
  if (body.kind === "notify" && notifyApiKey === null) {
    throw InvalidInput.field("body.notifyApiKey", "is needed to send with GOV.UK Notify");
  }
  await upsertChannel(db, {
    forceId: actor.forceId,
    kind: body.kind,
    senderName: body.senderName,
    fromAddress: body.fromAddress,
    smtpUrl,
    notifyApiKey,
    notifyTemplateId: body.notifyTemplateId,
    quietStartHour: body.quietStartHour,
    quietEndHour: body.quietEndHour,
    timeZone: body.timeZone,
    updatedAt: now,
  });
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "notification-channel-set",
    details: {
      kind: body.kind,
      smtpUrlChanged: body.smtpUrl !== undefined,
      notifyApiKeyChanged: body.notifyApiKey !== undefined,
    },
  });
  return channelView(db, actor.forceId, baseUrl);
}

/** Failed jobs and failed sends shown to an admin; the most recent. */
const REPORT_LIMIT = 50;

/**
 * The job queue (every force shares it; its jobs carry no personal data) and the admin's own force's
 * message counts and failed sends (by user id; an address never leaves the users table).
 */
export async function jobsReport(db: Db, forceId: string): Promise<JobsReport> {
  const [queue, deliveries] = await Promise.all([
    jobQueueReport(db, forceId, REPORT_LIMIT),
    deliveryReport(db, forceId, REPORT_LIMIT),
  ]);
  return {
    queues: queue.counts,
    failedJobs: queue.failures.map((job) => ({
      id: job.id,
      name: job.name,
      failedAt: job.completedOn ? new Date(job.completedOn).toISOString() : null,
      retryCount: job.retryCount,
      error: errorMessageOf(job.output),
    })),
    messages: deliveries.counts,
    failedSends: deliveries.failures.map((failure) => ({
      ...failure,
      displayName: failure.displayName ?? "Deleted account",
      at: failure.at.toISOString(),
    })),
  };
}

/**
 * A failed job's error as an admin sees it: its message only (never the stack), at most 500 characters,
 * with anything shaped like an email address taken out, since a library's message may quote one.
 */
const errorMessageOf = (output: unknown): string | null =>
  output && typeof output === "object" && "message" in output && typeof output.message === "string"
    ? output.message.replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g, "[email address]").slice(0, 500)
    : null;

/**
 * An admin puts a failed job back in its queue for one more try: only one their force may see (a
 * service-wide job or their force's own), refused as not found otherwise; audited.
 */
export async function retryFailedJob(db: Db, queue: JobQueueAdmin, actor: Actor, jobId: string): Promise<void> {
  const job = await failedJobOf(db, actor.forceId, jobId);
  if (!job || !(await queue.retry(job.name, job.id))) throw new NotFound("failed job");
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "job-retried",
    details: { queue: job.name, jobId: job.id },
  });
}
