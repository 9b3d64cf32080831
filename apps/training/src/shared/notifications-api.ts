/**
 * The notifications part of the API contract: a person's in-app notifications and email preferences, and
 * the admin's channel settings and view of the job queue. Same conventions as `api.ts`.
 */
import { z } from "zod";
import { paths } from "./api";
import { visibleText } from "./text";

export const notificationPaths = {
  /** GET the signed-in person's latest notifications (the in-app banner). */
  mine: paths.myNotifications,
  /** POST: mark them read (those named, or all). */
  read: paths.myNotificationsRead,
  /** GET or PUT the signed-in person's email preferences. */
  preferences: "/api/me/notification-preferences",
  /** GET or PUT the force's email channel (admin). */
  channel: "/api/admin/notification-channel",
  /** GET the job queue, failed jobs and failed sends (admin). */
  jobs: "/api/admin/jobs",
  /** POST: put a failed job back in its queue for one more try (admin). */
  jobRetry: "/api/admin/jobs/:jobId/retry",
  /** POST: issue (or replace) the bearer token GOV.UK Notify sends with the force's delivery receipts (admin). */
  notifyCallbackToken: "/api/admin/notification-channel/notify-callback-token",
  /** POST: GOV.UK Notify's delivery receipt for an email (Notify, with the force's bearer token). */
  notifyReceipts: "/callbacks/notify/:forceId/delivery-receipts",
  /** DELETE: clear the failing-address mark on a person, so emails are sent to them again (admin). */
  userEmailFailure: "/api/admin/users/:userId/email-failure",
  /** POST an email address to be sent a password reset link (anyone; never says whether it is an account). */
  resetRequest: paths.passwordResetRequest,
} as const;

/** `POST /api/password-reset/request`. */
export const ResetEmailRequestSchema = z.object({
  email: z.email({ error: "enter an email address, like name@example.com" }).max(254),
});
export type ResetEmailRequest = z.infer<typeof ResetEmailRequestSchema>;

/** The one answer every accepted request gets, whether or not the address is an account's. */
export const RESET_EMAIL_ACCEPTED =
  "If that email address belongs to an account, we have sent it a link to reset the password. The link works for 30 minutes.";
export const ResetEmailAcceptedSchema = z.object({ message: z.literal(RESET_EMAIL_ACCEPTED) });

export const NotificationItemSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  /** A path in the app (`/training/…`), never an absolute address. */
  href: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  read: z.boolean(),
  mandatory: z.boolean(),
});
export type NotificationItem = z.infer<typeof NotificationItemSchema>;

/**
 * `POST /api/me/notifications/read`: the notifications the person dismissed (as the banner showed them, so
 * one that arrived since is not dismissed unseen), or every one when `ids` is left out.
 */
export const MarkReadRequestSchema = z.object({
  ids: z
    .array(z.uuid({ error: "must be a notification id (a UUID)" }))
    .min(1)
    .max(100)
    .optional(),
});
export type MarkReadRequest = z.infer<typeof MarkReadRequestSchema>;

export const MyNotificationsSchema = z.object({
  unread: z.number().int().min(0),
  items: z.array(NotificationItemSchema),
});
export type MyNotifications = z.infer<typeof MyNotificationsSchema>;

/**
 * Email preferences. Optional messages (a certificate issued) may be immediate, a daily batch or off;
 * mandatory reminders may be immediate or a daily batch, never off; a trainer's digest weekly, daily or off.
 */
export const NotificationPreferencesSchema = z.object({
  optionalFrequency: z.enum(["immediate", "daily", "off"]),
  mandatoryFrequency: z.enum(["immediate", "daily"], {
    error: "must be immediate or daily: mandatory reminders cannot be switched off",
  }),
  digestFrequency: z.enum(["weekly", "daily", "off"]),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/London");
const hour = z.number().int().min(0).max(23);

/** `PUT /api/admin/notification-channel`. A secret left out keeps the one stored. */
export const ChannelRequestSchema = z
  .object({
    kind: z.enum(["smtp", "notify"]),
    senderName: visibleText(z.string().trim().min(1, "enter the name messages are sent as").max(120)),
    fromAddress: z.email().max(254).nullable().default(null),
    smtpUrl: z
      .string()
      .max(2000)
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// address")
      .optional(),
    notifyApiKey: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]+-[0-9a-f-]{36}-[0-9a-f-]{36}$/,
        "must be a GOV.UK Notify API key (key name, service id and secret)",
      )
      .optional(),
    notifyTemplateId: z.uuid().nullable().default(null),
    quietStartHour: hour.default(21),
    quietEndHour: hour.default(8),
    timeZone: timeZone.default("Europe/London"),
  })
  .superRefine((body, ctx) => {
    if (body.kind === "smtp" && body.fromAddress === null) {
      ctx.addIssue({ code: "custom", path: ["fromAddress"], message: "is needed to send by SMTP" });
    }
    if (body.kind === "notify" && body.notifyTemplateId === null) {
      ctx.addIssue({ code: "custom", path: ["notifyTemplateId"], message: "is needed to send with GOV.UK Notify" });
    }
  });
export type ChannelRequest = z.output<typeof ChannelRequestSchema>;

/** The channel as the admin sees it: whether each secret is set, never the secret. */
export const ChannelResponseSchema = z.object({
  configured: z.boolean(),
  kind: z.enum(["smtp", "notify"]).nullable(),
  senderName: z.string().nullable(),
  fromAddress: z.string().nullable(),
  smtpUrlSet: z.boolean(),
  notifyApiKeySet: z.boolean(),
  notifyTemplateId: z.string().nullable(),
  quietStartHour: hour,
  quietEndHour: hour,
  timeZone: z.string(),
  /** Whether a bearer token for GOV.UK Notify's delivery receipts has been issued (never the token). */
  notifyCallbackTokenSet: z.boolean(),
  /** The callback URL to give GOV.UK Notify for delivery receipts. */
  notifyCallbackUrl: z.string(),
});
export type ChannelResponse = z.infer<typeof ChannelResponseSchema>;

export const JobsReportSchema = z.object({
  queues: z.array(z.object({ name: z.string(), state: z.string(), count: z.number().int() })),
  failedJobs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      failedAt: z.string().nullable(),
      retryCount: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  messages: z.array(z.object({ state: z.string(), count: z.number().int() })),
  failedSends: z.array(
    z.object({
      userId: z.uuid(),
      /** The person's name, for the admin to find them (never their address). */
      displayName: z.string(),
      template: z.string(),
      channel: z.string(),
      at: z.string(),
      result: z.enum(["failed", "rejected", "sent"]),
      error: z.string().nullable(),
      /** GOV.UK Notify's delivery receipt for a sent email, when one came. */
      receipt: z.enum(["delivered", "permanent-failure", "temporary-failure", "technical-failure"]).nullable(),
    }),
  ),
});
export type JobsReport = z.infer<typeof JobsReportSchema>;

export const JobIdParamsSchema = z.object({ jobId: z.uuid({ error: "must be a job id (a UUID)" }) });

/** `POST /api/admin/notification-channel/notify-callback-token`: shown once; set both in Notify's Callbacks page. */
export const NotifyCallbackTokenSchema = z.object({
  token: z.string(),
  callbackUrl: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});

const notifyTime = z.iso.datetime({
  offset: true,
  local: false,
  error: "must be a time such as 2017-05-14T12:15:30.000000Z",
});

/**
 * A GOV.UK Notify delivery receipt, as its documentation lists the callback's fields (all strings but the
 * template version): Notify's id for the email, the reference we sent, the recipient, the status and times.
 * Fields Notify may add later are ignored.
 */
export const NotifyReceiptSchema = z.object({
  id: z.uuid({ error: "must be Notify's id for the email (a UUID)" }),
  reference: z.string().max(1000).nullable().optional(),
  to: z.string().max(320),
  status: z.enum(["delivered", "permanent-failure", "temporary-failure", "technical-failure"], {
    error: "must be delivered, permanent-failure, temporary-failure or technical-failure",
  }),
  created_at: notifyTime,
  completed_at: notifyTime.nullable().optional(),
  sent_at: notifyTime.nullable().optional(),
  notification_type: z.enum(["email", "sms", "letter"]).optional(),
  template_id: z.uuid().optional(),
  template_version: z.number().int().optional(),
});
export type NotifyReceipt = z.infer<typeof NotifyReceiptSchema>;

export const NotifyReceiptParamsSchema = z.object({
  forceId: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a force id"),
});
