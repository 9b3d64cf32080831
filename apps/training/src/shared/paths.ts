/**
 * The API's route paths and CSRF header: the parts of the contract in ./api that hold no schema, so the
 * browser can import them without zod (its schemas load beside the first request; see client/api/contract.ts).
 */

/** Header that carries the CSRF token on state-changing requests. */
export const CSRF_HEADER = "x-csrf-token";

/** Route paths. `:name` segments are path parameters; build concrete paths with the helpers. */
export const paths = {
  /** GET who am I + CSRF token; POST sign in; DELETE sign out. */
  session: "/api/session",
  /** POST the signed-in person's new password (with the current one). */
  myPassword: "/api/me/password",
  /** POST a reset link's token to see whether it still works. */
  passwordResetCheck: "/api/password-reset/check",
  /** POST a reset link's token and a new password. */
  passwordReset: "/api/password-reset",
  /** POST an email address to be sent a reset link (the answer never says whether it is an account's). */
  passwordResetRequest: "/api/password-reset/request",
  /** GET the signed-in person's latest notifications (the in-app banner). */
  myNotifications: "/api/me/notifications",
  /** POST: mark the signed-in person's notifications read (these, or all). */
  myNotificationsRead: "/api/me/notifications/read",
  /** GET the caller's training list. */
  myTraining: "/api/me/training",
  /** GET a learner's training list (the learner themself, or a trainer/admin of their force). */
  userTraining: "/api/users/:userId/training",
  /** GET module detail with the caller's progress. */
  module: "/api/modules/:moduleId",
  /** PUT lesson progress. */
  moduleProgress: "/api/modules/:moduleId/progress",
  /** POST: draw a knowledge-check attempt's questions. */
  moduleAttemptDraws: "/api/modules/:moduleId/attempt-draws",
  /** PUT the answers given so far to an attempt not yet submitted. */
  moduleAnswersSoFar: "/api/modules/:moduleId/attempt-draws/:attemptId/answers-so-far",
  /** POST a knowledge-check attempt. */
  moduleAttempts: "/api/modules/:moduleId/attempts",
  /** GET one of the caller's own scored attempts. */
  moduleAttempt: "/api/modules/:moduleId/attempts/:attemptId",
  /** GET a certificate. */
  certificate: "/api/certificates/:certificateId",
  /** POST: withdraw a certificate (trainers and admins of its force). */
  certificateWithdrawal: "/api/certificates/:certificateId/withdrawal",
  /** GET: check a certificate by its id (public, rate-limited). */
  certificateCheck: "/api/certificate-checks/:certificateId",
  /** POST xAPI statements. */
  statements: "/api/statements",
  /** GET liveness. */
  health: "/api/health",
  /** GET the OpenAPI document. */
  openapi: "/api/openapi.json",
} as const;

/** Concrete paths for the client. */
export const api = {
  userTraining: (userId: string) => `/api/users/${encodeURIComponent(userId)}/training`,
  module: (moduleId: string) => `/api/modules/${encodeURIComponent(moduleId)}`,
  moduleProgress: (moduleId: string) => `/api/modules/${encodeURIComponent(moduleId)}/progress`,
  moduleAttemptDraws: (moduleId: string) => `/api/modules/${encodeURIComponent(moduleId)}/attempt-draws`,
  moduleAnswersSoFar: (moduleId: string, attemptId: string) =>
    `/api/modules/${encodeURIComponent(moduleId)}/attempt-draws/${encodeURIComponent(attemptId)}/answers-so-far`,
  moduleAttempts: (moduleId: string) => `/api/modules/${encodeURIComponent(moduleId)}/attempts`,
  moduleAttempt: (moduleId: string, attemptId: string) =>
    `/api/modules/${encodeURIComponent(moduleId)}/attempts/${encodeURIComponent(attemptId)}`,
  certificate: (certificateId: string) => `/api/certificates/${encodeURIComponent(certificateId)}`,
  certificateWithdrawal: (certificateId: string) => `/api/certificates/${encodeURIComponent(certificateId)}/withdrawal`,
  certificateCheck: (certificateId: string) => `/api/certificate-checks/${encodeURIComponent(certificateId)}`,
} as const;
