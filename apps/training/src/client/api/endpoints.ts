import type {
  AttemptRequest,
  ChangePasswordRequest,
  PasswordResetRequest,
  SessionResponse,
  SignInRequest,
} from "../../shared/api";
import { api, paths } from "../../shared/paths";
import { call, setCsrfToken, type ApiResult } from "./client";

/** Every session answer carries the CSRF token for the next write, so keep it whatever the caller does next. */
async function session(result: Promise<ApiResult<SessionResponse>>): Promise<ApiResult<SessionResponse>> {
  const settled = await result;
  if (settled.ok) setCsrfToken(settled.data.csrfToken);
  return settled;
}

/** Who is signed in, if anyone, and a fresh CSRF token. */
export const getSession = () => session(call("GET", paths.session, (contract) => contract.SessionResponseSchema));

/** Signs in with an email address or collar number and a password. */
export const signIn = (body: SignInRequest) =>
  session(call("POST", paths.session, (contract) => contract.SessionResponseSchema, body));

/** Ends the session on the server (the cookie is cleared there, as it is httpOnly). */
export const signOut = () => call("DELETE", paths.session, (contract) => contract.EmptyAnswerSchema);

/** Changes the signed-in person's password, giving the current one. */
export const changePassword = (body: ChangePasswordRequest) =>
  call("POST", paths.myPassword, (contract) => contract.EmptyAnswerSchema, body);

/** Whether a password reset link's token still works. */
export const checkPasswordReset = (token: string) =>
  call("POST", paths.passwordResetCheck, (contract) => contract.PasswordResetCheckResponseSchema, { token });

/** Sets a new password through a reset link's token. */
export const resetPassword = (body: PasswordResetRequest) =>
  call("POST", paths.passwordReset, (contract) => contract.EmptyAnswerSchema, body);

/** Asks for a reset link by email; accepted alike whether or not the address is an account's. */
export const requestPasswordResetEmail = (email: string) =>
  call("POST", paths.passwordResetRequest, (contract) => contract.EmptyAnswerSchema, { email });

/** The signed-in officer's modules with due dates and status. */
export const getMyTraining = () => call("GET", paths.myTraining, (contract) => contract.TrainingListResponseSchema);

/** A module's lessons, the knowledge check's rules and allowance, and the officer's progress. */
export const getModule = (moduleId: string) =>
  call("GET", api.module(moduleId), (contract) => contract.ModuleDetailResponseSchema);

/** Records that the officer has worked through a lesson, so any device can resume after it. */
export const recordLesson = (moduleId: string, lessonId: string) =>
  call("PUT", api.moduleProgress(moduleId), (contract) => contract.ModuleProgressSchema, { lessonId });

/** Starts a knowledge-check attempt (or resumes the one not yet submitted): its questions, options shuffled. */
export const startAttempt = (moduleId: string) =>
  call("POST", api.moduleAttemptDraws(moduleId), (contract) => contract.AttemptDrawSchema);

/** Keeps the answers given so far to an attempt on the server, so any device carries on from them. */
export const saveAnswersSoFar = (moduleId: string, attemptId: string, answers: Record<string, readonly string[]>) =>
  call(
    "PUT",
    api.moduleAnswersSoFar(moduleId, attemptId),
    (contract) => contract.AttemptDrawSchema.shape.answersSoFar,
    {
      answers: Object.entries(answers).map(([questionId, optionIds]) => ({ questionId, optionIds })),
    },
  );

/** Submits a knowledge-check attempt; the server scores it and answers with explanations. */
export const submitAttempt = (moduleId: string, body: AttemptRequest) =>
  call("POST", api.moduleAttempts(moduleId), (contract) => contract.AttemptResultSchema, body);

/** One of the officer's own scored attempts, as the server recorded it. */
export const getAttempt = (moduleId: string, attemptId: string) =>
  call("GET", api.moduleAttempt(moduleId, attemptId), (contract) => contract.AttemptResultSchema);

/** A certificate by its verification id. */
export const getCertificate = (certificateId: string) =>
  call("GET", api.certificate(certificateId), (contract) => contract.CertificateResponseSchema);

/** What a certificate proves today, by its number: anyone may ask, signed in or not. */
export const getCertificateCheck = (certificateId: string) =>
  call("GET", api.certificateCheck(certificateId), (contract) => contract.CertificateCheckSchema);

/** The signed-in person's latest notifications, for the banner on My training. */
export const getMyNotifications = () =>
  call("GET", paths.myNotifications, (contract) => contract.MyNotificationsSchema);

/** Dismisses these notifications (marks them read on the server, so they stay dismissed on every device). */
export const dismissNotifications = (ids: string[]) =>
  call("POST", paths.myNotificationsRead, (contract) => contract.EmptyAnswerSchema, { ids });
