import { z } from "zod";
import {
  ChannelRequestSchema,
  ChannelResponseSchema,
  JobIdParamsSchema,
  MarkReadRequestSchema,
  NotifyCallbackTokenSchema,
  NotifyReceiptParamsSchema,
  NotifyReceiptSchema,
  JobsReportSchema,
  MyNotificationsSchema,
  NotificationPreferencesSchema,
  RESET_EMAIL_ACCEPTED,
  ResetEmailAcceptedSchema,
  ResetEmailRequestSchema,
  notificationPaths,
} from "../../shared/notifications-api";
import { requestPasswordResetEmail } from "../notifications/password-reset-email";
import type { AppDeps } from "../deps";
import type { DeliveryLog } from "../notifications/deliver";
import { defineRoute } from "../http/route";
import { HttpProblem } from "../http/problem";
import {
  clearEmailFailure,
  isNotifyCallbackToken,
  issueNotifyCallbackToken,
  recordNotifyReceipt,
} from "../notifications/receipts";
import {
  channelView,
  jobsReport,
  markNotificationsRead,
  myNotifications,
  preferencesFor,
  retryFailedJob,
  setChannel,
  setPreferences,
} from "../notifications/settings";

const ADMIN = ["admin"] as const;
const SIGNED_IN = ["officer", "trainer", "admin"] as const;
const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/i;

/** A person's notifications and email preferences; the admin's channel settings and job queue. */
export function notificationRoutes(deps: AppDeps, log: DeliveryLog) {
  const { db, catalog, now } = deps;
  const resetEmails = { db, baseUrl: deps.publicUrl, notifyBaseUrl: deps.env.NOTIFY_BASE_URL, log };
  return [
    defineRoute({
      method: "POST",
      url: notificationPaths.resetRequest,
      summary: "Email a password reset link to an account's address; the answer never says whether it is one",
      tags: ["session"],
      access: "anyone",
      body: ResetEmailRequestSchema,
      errors: [429],
      response: { status: 202, schema: ResetEmailAcceptedSchema, description: "Accepted" },
      handler: async ({ body, request }) => {
        await requestPasswordResetEmail(resetEmails, { email: body.email, address: request.ip }, now());
        return { message: RESET_EMAIL_ACCEPTED };
      },
    }),
    defineRoute({
      method: "GET",
      url: notificationPaths.mine,
      summary: "The signed-in person's latest notifications, for the in-app banner",
      tags: ["notifications"],
      access: SIGNED_IN,
      response: { status: 200, schema: MyNotificationsSchema, description: "Notifications" },
      handler: ({ auth }) => myNotifications(db, catalog, auth.user.id),
    }),
    defineRoute({
      method: "POST",
      url: notificationPaths.read,
      summary: "Mark the signed-in person's notifications read: those named (their own only), or all",
      tags: ["notifications"],
      access: SIGNED_IN,
      body: MarkReadRequestSchema,
      response: { status: 204, schema: null, description: "Marked read" },
      handler: ({ auth, body }) => markNotificationsRead(db, auth.user.id, now(), body.ids),
    }),
    defineRoute({
      method: "GET",
      url: notificationPaths.preferences,
      summary: "The signed-in person's email preferences",
      tags: ["notifications"],
      access: SIGNED_IN,
      response: { status: 200, schema: NotificationPreferencesSchema, description: "Preferences" },
      handler: ({ auth }) => preferencesFor(db, auth.user.id),
    }),
    defineRoute({
      method: "PUT",
      url: notificationPaths.preferences,
      summary: "Set how often optional emails, mandatory reminders and digests come",
      tags: ["notifications"],
      access: SIGNED_IN,
      body: NotificationPreferencesSchema,
      response: { status: 200, schema: NotificationPreferencesSchema, description: "Preferences saved" },
      handler: ({ auth, body }) => setPreferences(db, auth.user.id, body, now()),
    }),
    defineRoute({
      method: "GET",
      url: notificationPaths.channel,
      summary: "The force's email channel (SMTP or GOV.UK Notify); secrets shown only as set or not",
      tags: ["admin"],
      access: ADMIN,
      response: { status: 200, schema: ChannelResponseSchema, description: "Channel" },
      handler: ({ auth }) => channelView(db, auth.user.forceId, deps.publicUrl()),
    }),
    defineRoute({
      method: "PUT",
      url: notificationPaths.channel,
      summary: "Set the force's email channel, sender name and quiet hours",
      tags: ["admin"],
      access: ADMIN,
      body: ChannelRequestSchema,
      response: { status: 200, schema: ChannelResponseSchema, description: "Channel saved" },
      handler: ({ auth, body }) => setChannel(db, auth.user, body, now(), deps.publicUrl()),
    }),
    defineRoute({
      method: "GET",
      url: notificationPaths.jobs,
      summary: "The job queue, failed jobs, and the force's message counts and failed sends",
      tags: ["admin"],
      access: ADMIN,
      response: { status: 200, schema: JobsReportSchema, description: "Queue report" },
      handler: ({ auth }) => jobsReport(db, auth.user.forceId),
    }),
    defineRoute({
      method: "POST",
      url: notificationPaths.jobRetry,
      summary: "Put a failed job (service-wide or the admin's force's own) back in its queue for one more try",
      tags: ["admin"],
      access: ADMIN,
      params: JobIdParamsSchema,
      errors: [404],
      response: { status: 204, schema: null, description: "Queued again" },
      handler: ({ auth, params }) => retryFailedJob(db, deps.jobQueue, auth.user, params.jobId),
    }),
    defineRoute({
      method: "POST",
      url: notificationPaths.notifyCallbackToken,
      summary: "Issue (or replace) the bearer token GOV.UK Notify sends with the force's delivery receipts; shown once",
      tags: ["admin"],
      access: ADMIN,
      response: { status: 201, schema: NotifyCallbackTokenSchema, description: "Token issued" },
      handler: ({ auth }) => issueNotifyCallbackToken(db, auth.user, deps.publicUrl(), now()),
    }),
    defineRoute({
      method: "DELETE",
      url: notificationPaths.userEmailFailure,
      summary: "Clear the failing-address mark on one of the force's people, so emails are sent to them again",
      tags: ["admin"],
      access: ADMIN,
      params: z.object({ userId: z.uuid() }),
      errors: [404],
      response: { status: 204, schema: null, description: "Cleared" },
      handler: ({ auth, params }) => clearEmailFailure(db, auth.user, params.userId),
    }),
    // Outside /api: GOV.UK Notify calls it with the force's bearer token, never a session (so no CSRF token).
    defineRoute({
      method: "POST",
      url: notificationPaths.notifyReceipts,
      summary: "GOV.UK Notify's delivery receipt for an email, sent with the force's callback bearer token",
      tags: ["notifications"],
      access: "anyone",
      params: NotifyReceiptParamsSchema,
      body: NotifyReceiptSchema,
      errors: [401, 404],
      response: { status: 204, schema: null, description: "Recorded" },
      handler: async ({ params, body, request, reply }) => {
        void reply.header("cache-control", "no-store");
        const header = request.headers.authorization;
        const token = typeof header === "string" ? BEARER.exec(header)?.[1] : undefined;
        if (token === undefined || !(await isNotifyCallbackToken(db, params.forceId, token))) {
          void reply.header("www-authenticate", 'Bearer realm="notify-callbacks"');
          throw new HttpProblem(
            401,
            "bearer-token",
            "Bearer token refused",
            "Send the force's Notify callback token.",
            [{ field: "header.authorization", reason: "is missing or is not this force's Notify callback token" }],
          );
        }
        const { addressMarkedFailing } = await recordNotifyReceipt(db, params.forceId, body, now());
        log.info({ forceId: params.forceId, status: body.status, addressMarkedFailing }, "notify receipt recorded");
        return undefined;
      },
    }),
  ];
}
