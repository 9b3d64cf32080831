import {
  ChannelRequestSchema,
  ChannelResponseSchema,
  JobIdParamsSchema,
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
      summary: "Mark all of the signed-in person's notifications read",
      tags: ["notifications"],
      access: SIGNED_IN,
      response: { status: 204, schema: null, description: "Marked read" },
      handler: ({ auth }) => markNotificationsRead(db, auth.user.id, now()),
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
      handler: ({ auth }) => channelView(db, auth.user.forceId),
    }),
    defineRoute({
      method: "PUT",
      url: notificationPaths.channel,
      summary: "Set the force's email channel, sender name and quiet hours",
      tags: ["admin"],
      access: ADMIN,
      body: ChannelRequestSchema,
      response: { status: 200, schema: ChannelResponseSchema, description: "Channel saved" },
      handler: ({ auth, body }) => setChannel(db, auth.user, body, now()),
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
  ];
}
