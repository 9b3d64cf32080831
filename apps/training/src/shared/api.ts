/**
 * The training app's HTTP contract, shared by the server (which validates every request and response
 * with these schemas and publishes them as `/api/openapi.json`) and the browser client (which parses
 * responses with them). It imports zod only, so it is safe to bundle for the browser.
 *
 * Conventions:
 * - JSON in and out; dates are ISO 8601 strings (`2026-11-28T09:00:00.000Z`), calendar days `YYYY-MM-DD`.
 * - Auth is a session cookie (httpOnly, SameSite=Strict) set by {@link paths.session} `POST`.
 * - Every state-changing request (POST, PUT, PATCH, DELETE) must send the header {@link CSRF_HEADER}
 *   with the `csrfToken` from the latest {@link SessionResponseSchema} (including sign-in itself).
 * - Every 4xx/5xx answer is `application/problem+json` shaped as {@link ProblemSchema}.
 */
import {
  BlockSchema,
  IdSchema,
  LearnerQuestionSchema,
  LessonSchema as CurriculumLessonSchema,
  ModuleIdSchema,
  SourceSchema,
  TrainingStatusSchema,
  WithheldQuestionResultSchema,
} from "@stalking-response/curriculum";
import type { LearnerQuestion, TrainingStatus } from "@stalking-response/curriculum";
import { z } from "zod";
import { BoundedDateSchema, BoundedDateTimeSchema, visibleText } from "./text";

// ---------------------------------------------------------------------------------------------------
// Shared vocabulary

// The header name and route paths live in a zod-free module, so the browser's first load can call the API
// without carrying the schemas; they are part of this contract all the same.
export { CSRF_HEADER, api, paths } from "./paths";

/** Account roles: what a person may do in the app. */
export const AccountRoleSchema = z.enum(["officer", "trainer", "admin"]);
/** Account role: officer (own records), trainer (force's records, assigns modules), admin (users and units). */
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/**
 * Where someone lands after signing in (by password or their force's account) when nothing asked for a page:
 * trainers and admins, who see the records too, on the overview of who needs to act; officers on their training.
 */
export const homePathFor = (role: AccountRole): string =>
  role === "trainer" || role === "admin" ? "/trainer/overview" : "/training";

/** Operational roles held by officers and staff; modules are assigned to these. */
export const JobRoleSchema = z.enum(["call-handler", "response-officer", "investigator", "supervisor", "staff"]);
/** An operational role such as `response-officer`. */
export type JobRole = z.infer<typeof JobRoleSchema>;
/** Each job role in the words people use, wherever a person reads it (pages and exports alike). */
export const jobRoleLabels: Readonly<Record<JobRole, string>> = {
  "call-handler": "Call handler",
  "response-officer": "Response officer",
  investigator: "Investigator",
  supervisor: "Supervisor",
  staff: "Staff",
};

/** Where a learner stands on one module: the curriculum's one status vocabulary, unchanged. */
export { TrainingStatusSchema };
/** A learner's status on one module. */
export type { TrainingStatus };

/** A module id from the curriculum package, e.g. `stalking-protection-orders`. */
export { ModuleIdSchema };

/** A lesson, question or option id inside a module (the curriculum's stable kebab-case ids). */
export const ContentIdSchema = IdSchema;

const IsoDateTime = BoundedDateTimeSchema;
const IsoDate = BoundedDateSchema;

// ---------------------------------------------------------------------------------------------------
// Errors

/** One field-level reason a request was refused; `field` is a dotted path into the body, query or params. */
export const ProblemFieldErrorSchema = z.object({
  field: z.string(),
  reason: z.string(),
});

/** RFC 9457 problem details, the body of every error answer. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(ProblemFieldErrorSchema).optional(),
});
/** An error answer. */
export type Problem = z.infer<typeof ProblemSchema>;

// ---------------------------------------------------------------------------------------------------
// Session

/** The signed-in person as the client may show them. */
export const SessionUserSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: AccountRoleSchema,
  jobRole: JobRoleSchema,
  force: z.object({ id: z.string(), name: z.string() }),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Their password was set by an admin: the server refuses everything but changing it and signing out. */
  mustChangePassword: z.boolean(),
});
/** The signed-in person. */
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** `GET /api/session` and sign-in answer: who is signed in (or `null`) and the CSRF token to send back. */
export const SessionResponseSchema = z.object({
  user: SessionUserSchema.nullable(),
  csrfToken: z.string().min(20),
  /** When the session ends unless renewed by use; `null` when signed out. */
  expiresAt: IsoDateTime.nullable(),
  /** Set once, on the first answer after the session was ended from outside: why it ended. */
  signedOutBecause: z.enum(["account-disabled", "password-changed"]).optional(),
});
/** Session state. */
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/** Sign-in body: an email address or a collar number, and the password. */
export const SignInRequestSchema = z.object({
  identifier: visibleText(z.string().trim().min(1, "enter your email address or collar number").max(254)),
  password: z.string().min(1, "enter your password").max(1024),
});
/** Sign-in body. */
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/**
 * A new password (NCSC guidance): at least 12 characters, no composition rules, and long passphrases welcome.
 * The server also refuses one that is the person's own email address, collar number or name, or one
 * character repeated.
 */
export const NewPasswordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be 256 characters or fewer");

/** `POST /api/me/password`: the current password, and the new one. */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(1024),
  newPassword: NewPasswordSchema,
});
/** Change-password body. */
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** A password reset token as it appears in a reset link (43 base64url characters). */
export const ResetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a password reset link's token");

/** `POST /api/password-reset/check`: is this link still good? */
export const PasswordResetCheckRequestSchema = z.object({ token: ResetTokenSchema });

/** The link is good until `expiresAt`. */
export const PasswordResetCheckResponseSchema = z.object({ expiresAt: IsoDateTime });

/** `POST /api/password-reset`: the link's token and the new password. */
export const PasswordResetRequestSchema = z.object({ token: ResetTokenSchema, newPassword: NewPasswordSchema });
/** Password reset body. */
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// My training

/** One module on a learner's training list. */
export const TrainingItemSchema = z.object({
  moduleId: ModuleIdSchema,
  title: z.string(),
  summary: z.string(),
  estimatedMinutes: z.number().int().positive(),
  status: TrainingStatusSchema,
  /** Whether the module is assigned (by role, unit or to the person); unassigned modules can still be taken. */
  assigned: z.boolean(),
  /** The earliest due date among the assignments that cover this learner; `null` when none. */
  dueDate: IsoDate.nullable(),
  /** True when assigned, not currently completed, and the due date has passed. */
  overdue: z.boolean(),
  lessonsTotal: z.number().int().nonnegative(),
  lessonsExperienced: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  /** Score of the latest knowledge-check attempt as a percentage, `null` before any attempt. */
  scorePercent: z.number().min(0).max(100).nullable(),
  completedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  /** From this date the completion shows as due for renewal. */
  renewalFrom: IsoDateTime.nullable(),
  /** Certificate for the current completion, if any. */
  certificateId: z.string().nullable(),
  /** The platform the completion was imported from ("College Learn"); `null` when it was earned here. */
  completionSource: z.string().nullable(),
  /**
   * Set when the current completion was passed at a module version that a later material change has
   * reopened ("Content changed — renew by …"): renew by the change's date plus the force's grace period.
   */
  contentChange: z
    .object({ passedVersion: z.string(), changedVersion: z.string(), changedOn: IsoDate, renewBy: IsoDate })
    .nullable(),
});
/** One row of "My training". */
export type TrainingItem = z.infer<typeof TrainingItemSchema>;

/** `GET /api/me/training` and `GET /api/users/:userId/training`. */
export const TrainingListResponseSchema = z.object({
  learner: z.object({ id: z.uuid(), displayName: z.string() }),
  items: z.array(TrainingItemSchema),
});
/** A learner's training list. */
export type TrainingListResponse = z.infer<typeof TrainingListResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Module content

/**
 * Lesson content is the curriculum package's own model (blocks discriminated by `kind`, each fact-bearing
 * block citing module sources by id); `{{fact:id}}` placeholders are already resolved by the server.
 */
export const LessonBlockSchema = BlockSchema;
/** A block of lesson content. */
export type LessonBlock = z.infer<typeof LessonBlockSchema>;
/** A lesson: id, title, summary and blocks. */
export const LessonSchema = CurriculumLessonSchema;
/** A lesson. */
export type Lesson = z.infer<typeof LessonSchema>;
/** A cited publication (title, publisher, https URL, date). */
export { SourceSchema };

/** A knowledge-check question as the learner sees it: the curriculum's learner view, unchanged. */
export const QuestionSchema = LearnerQuestionSchema;
/** A question without its answers. */
export type Question = LearnerQuestion;

/** Where a learner is in a module: enough for "resume where you left off" on any device. */
export const ModuleProgressSchema = z.object({
  status: TrainingStatusSchema,
  /** The lesson most recently experienced; `null` before the first. */
  lastLessonId: ContentIdSchema.nullable(),
  experiencedLessonIds: z.array(ContentIdSchema),
  lessonsTotal: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  scorePercent: z.number().min(0).max(100).nullable(),
  completedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  certificateId: z.string().nullable(),
});
/** A learner's progress on one module. */
export type ModuleProgress = z.infer<typeof ModuleProgressSchema>;

/** A lesson named by id and title (lessons to re-read). */
export const LessonRefSchema = z.object({ id: ContentIdSchema, title: z.string() });

/**
 * Whether the learner may start a knowledge-check attempt now. A force allows `attemptsPerDay` attempts per
 * module in any 24 hours; after that the learner re-reads the lessons their last attempt named
 * (`lessonsToRevisit`), which allows the next attempt at once, or waits until `nextAttemptAt`.
 */
export const AttemptAllowanceSchema = z.object({
  attemptsPerDay: z.number().int().positive(),
  attemptsLeft: z.number().int().nonnegative(),
  /** When another attempt is allowed without re-reading; `null` while attempts are left. */
  nextAttemptAt: IsoDateTime.nullable(),
  /** The lessons the last failed attempt named (not yet re-read, when no attempts are left). */
  lessonsToRevisit: z.array(LessonRefSchema),
});
/** A learner's knowledge-check allowance on one module. */
export type AttemptAllowance = z.infer<typeof AttemptAllowanceSchema>;

/** `GET /api/modules/:moduleId`: content, how the knowledge check runs and the caller's progress. */
export const ModuleDetailResponseSchema = z.object({
  id: ModuleIdSchema,
  title: z.string(),
  summary: z.string(),
  version: z.string(),
  estimatedMinutes: z.number().int().positive(),
  jurisdiction: z.string(),
  /** Percentage needed to pass the knowledge check. */
  passMarkPercent: z.number().min(0).max(100),
  /** How long a completion stays valid. */
  validityMonths: z.number().int().positive(),
  lessons: z.array(LessonSchema),
  /** Questions each knowledge-check attempt asks, drawn from the module's bank. */
  questionsPerAttempt: z.number().int().positive(),
  sources: z.array(SourceSchema),
  progress: ModuleProgressSchema,
  attemptAllowance: AttemptAllowanceSchema,
});
/** A module as the learner sees it. */
export type ModuleDetailResponse = z.infer<typeof ModuleDetailResponseSchema>;

/** `PUT /api/modules/:moduleId/progress`: the learner has now seen this lesson (recorded as xAPI `experienced`). */
export const LessonProgressRequestSchema = z.object({
  lessonId: ContentIdSchema,
});
/** Lesson progress body. */
export type LessonProgressRequest = z.infer<typeof LessonProgressRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Knowledge check

/**
 * `POST /api/modules/:moduleId/attempt-draws`: the questions of a new attempt, drawn from the bank, with
 * their options in this attempt's order. An attempt drawn and not yet submitted is answered again instead
 * of a new one, so reloading never uses up an attempt.
 */
export const AttemptDrawSchema = z.object({
  attemptId: z.uuid(),
  questions: z.array(QuestionSchema).min(1),
  passMarkPercent: z.number().min(0).max(100),
  /** Answers given so far, on any device, to this attempt (question id → option ids); `{}` on a new one. */
  answersSoFar: z.record(z.string(), z.array(z.string())),
});
/** A drawn knowledge-check attempt. */
export type AttemptDraw = z.infer<typeof AttemptDrawSchema>;

/**
 * `PUT /api/modules/:moduleId/attempt-draws/:attemptId/answers-so-far`: the answers given so far to an attempt
 * not yet submitted, replacing those kept before. Nothing is scored until the attempt is submitted.
 */
export const AnswersSoFarSchema = z.object({
  answers: z
    .array(
      z.object({
        questionId: z.string().min(1).max(100),
        optionIds: z.array(z.string().min(1).max(100)).max(20),
      }),
    )
    .max(100),
});
/** Answers given so far to an attempt. */
export type AnswersSoFar = z.infer<typeof AnswersSoFarSchema>;

/**
 * `POST /api/modules/:moduleId/attempts`. `attemptId` is the id of the draw the answers are for; submitting
 * the same answers again (after a network error) records the attempt once, not twice.
 */
export const AttemptRequestSchema = z.object({
  attemptId: z.uuid(),
  answers: z
    .array(
      z.object({
        questionId: ContentIdSchema,
        optionIds: z.array(ContentIdSchema).max(20),
      }),
    )
    .max(200),
});
/** Knowledge-check submission. */
export type AttemptRequest = z.infer<typeof AttemptRequestSchema>;

/**
 * The server's verdict on one question: the curriculum's marking, with the question as it was asked (options
 * in that attempt's order). The answer key (`correctOptionIds`, and each option's `correct` and `explanation`)
 * is sent only for a passed attempt: a failed one says which questions were wrong and which lessons to re-read,
 * so a pass needs the knowledge, not a copy of the last result.
 */
export const QuestionResultSchema = WithheldQuestionResultSchema.extend({
  question: QuestionSchema,
  prompt: z.string(),
});
/** One question's result. */
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

/** The scored attempt. On a pass, `certificateId` names the certificate page. */
export const AttemptResultSchema = z.object({
  attemptId: z.uuid(),
  attemptNumber: z.number().int().positive(),
  scorePercent: z.number().min(0).max(100),
  passMarkPercent: z.number().min(0).max(100),
  passed: z.boolean(),
  questions: z.array(QuestionResultSchema),
  /** After a failed attempt, the lessons covering the questions answered wrongly; empty after a pass. */
  lessonsToRevisit: z.array(LessonRefSchema),
  certificateId: z.string().nullable(),
  progress: ModuleProgressSchema,
});
/** A scored knowledge-check attempt. */
export type AttemptResult = z.infer<typeof AttemptResultSchema>;

// ---------------------------------------------------------------------------------------------------
// Certificates

/** Certificate verification ids look like `SRT-7K2M-9QXD-4H3P` (no ambiguous letters). */
export const CertificateIdSchema = z
  .string()
  .regex(/^SRT(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/, "must be a certificate id like SRT-7K2M-9QXD-4H3P");

/**
 * What a certificate proves today. A certificate is never deleted, so an old one still verifies: `expired`
 * after its valid-until date, `superseded` once its holder has passed the same module again (the newer one
 * counts), `revoked` when the force has withdrawn it.
 */
export const CertificateStateSchema = z.enum(["valid", "expired", "superseded", "revoked"]);
/** What a certificate proves today. */
export type CertificateState = z.infer<typeof CertificateStateSchema>;

/** `GET /api/certificates/:certificateId`: a printable certificate; trainers use it to verify one. */
export const CertificateResponseSchema = z.object({
  id: CertificateIdSchema,
  learner: z.object({ id: z.uuid(), displayName: z.string(), collarNumber: z.string().nullable() }),
  force: z.object({ id: z.string(), name: z.string() }),
  module: z.object({ id: ModuleIdSchema, title: z.string(), version: z.string() }),
  scorePercent: z.number().min(0).max(100),
  issuedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  state: CertificateStateSchema,
  /** When and why the force withdrew it (`state` is then `revoked`), or null. Never shown by a public check. */
  withdrawal: z.object({ on: IsoDateTime, reason: z.string() }).nullable(),
});
/** A certificate. */
export type CertificateResponse = z.infer<typeof CertificateResponseSchema>;

/** The longest reason for withdrawing a certificate: a few sentences. */
export const WITHDRAWAL_REASON_MAX = 1000;

/** `POST /api/certificates/:certificateId/withdrawal`: a trainer or admin withdraws a certificate of their force. */
export const CertificateWithdrawalSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, "Enter why the certificate is being withdrawn")
      // NUL and unpaired surrogates are refused for every string at the input boundary.
      .max(WITHDRAWAL_REASON_MAX, `Reason must be ${WITHDRAWAL_REASON_MAX} characters or fewer`),
  })
  .strict();
/** A withdrawal request. */
export type CertificateWithdrawal = z.infer<typeof CertificateWithdrawalSchema>;

/**
 * `GET /api/certificate-checks/:certificateId`: anyone, signed in or not, checks a certificate by its id. Only
 * what the paper already shows and whether it still counts: no force, score, collar number or account id.
 */
export const CertificateCheckSchema = z.object({
  id: CertificateIdSchema,
  holderName: z.string(),
  /** The signed-in person is the holder, so the page says "Your certificate". */
  viewerIsHolder: z.boolean(),
  module: z.object({ title: z.string(), version: z.string() }),
  /** The day the holder passed, on the London calendar (`YYYY-MM-DD`). */
  passedOn: IsoDate,
  /** The day it expires, on the London calendar (`YYYY-MM-DD`), as "Valid until" reads. */
  validUntil: IsoDate,
  state: CertificateStateSchema,
});
/** A certificate as anyone checking it sees it. */
export type CertificateCheck = z.infer<typeof CertificateCheckSchema>;

// ---------------------------------------------------------------------------------------------------
// xAPI statements

/** ADL verbs the app records. */
export const XAPI_VERBS = {
  launched: "http://adlnet.gov/expapi/verbs/launched",
  experienced: "http://adlnet.gov/expapi/verbs/experienced",
  answered: "http://adlnet.gov/expapi/verbs/answered",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  completed: "http://adlnet.gov/expapi/verbs/completed",
} as const;

/**
 * Verbs a client may send to `POST /api/statements`. `answered`, `passed`, `failed` and `completed`
 * are written only by the server when it scores an attempt, so a client can never award itself a pass.
 */
export const CLIENT_XAPI_VERBS = [XAPI_VERBS.launched, XAPI_VERBS.experienced] as const;

/** Base IRI for the app's activity ids and actor accounts (`.invalid` is reserved: these are names, not links). */
export const XAPI_IRI_BASE = "https://training.stalking-response.invalid";

/** The xAPI context extension naming the platform an imported completion came from ("College Learn"). */
export const IMPORT_SOURCE_EXTENSION = `${XAPI_IRI_BASE}/extensions/import-source`;

/** Activity id of a module. */
export const moduleActivityId = (moduleId: string): string => `${XAPI_IRI_BASE}/modules/${moduleId}`;
/** Activity id of a lesson. */
export const lessonActivityId = (moduleId: string, lessonId: string): string =>
  `${XAPI_IRI_BASE}/modules/${moduleId}/lessons/${lessonId}`;
/** Activity id of a knowledge-check question. */
export const questionActivityId = (moduleId: string, questionId: string): string =>
  `${XAPI_IRI_BASE}/modules/${moduleId}/questions/${questionId}`;

const verbIds = Object.values(XAPI_VERBS) as [string, ...string[]];

/** An xAPI 1.0.3 statement as this LRS accepts it; the actor is identified by `account`, never by email. */
export const StatementSchema = z.object({
  id: z.uuid().optional(),
  actor: z.object({
    objectType: z.literal("Agent").optional(),
    account: z.object({
      homePage: z.literal(XAPI_IRI_BASE),
      /** The learner's user id. */
      name: z.uuid(),
    }),
  }),
  verb: z.object({
    id: z.enum(verbIds),
    display: z.record(z.string(), z.string()).optional(),
  }),
  object: z.object({
    objectType: z.literal("Activity").optional(),
    id: z.url().max(500),
  }),
  result: z
    .object({
      score: z
        .object({
          scaled: z.number().min(-1).max(1).optional(),
          raw: z.number().optional(),
          min: z.number().optional(),
          max: z.number().optional(),
        })
        .optional(),
      success: z.boolean().optional(),
      completion: z.boolean().optional(),
      response: z.string().max(4000).optional(),
      duration: z
        .string()
        .regex(
          /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/,
          "must be an ISO 8601 duration",
        )
        .optional(),
    })
    .optional(),
  context: z
    .object({
      registration: z.uuid().optional(),
      platform: z.string().max(200).optional(),
      language: z.string().max(35).optional(),
    })
    .optional(),
  timestamp: IsoDateTime.optional(),
});
/** An xAPI statement. */
export type Statement = z.infer<typeof StatementSchema>;

/** `POST /api/statements` body: one statement or a batch of up to 100. */
export const StatementsRequestSchema = z.union([StatementSchema, z.array(StatementSchema).min(1).max(100)]);
/** Statements body. */
export type StatementsRequest = z.infer<typeof StatementsRequestSchema>;

/** The ids of the stored statements, in request order (as the xAPI Statements API answers). */
export const StatementsResponseSchema = z.array(z.uuid());
