import { z } from "zod";
import {
  api,
  AttemptDrawSchema,
  AttemptResultSchema,
  CertificateResponseSchema,
  ModuleDetailResponseSchema,
  ModuleProgressSchema,
  paths,
  SessionResponseSchema,
  TrainingListResponseSchema,
  PasswordResetCheckResponseSchema,
  type AttemptRequest,
  type ChangePasswordRequest,
  type PasswordResetRequest,
  type SessionResponse,
  type SignInRequest,
} from "../../shared/api";
import { call, setCsrfToken, type ApiResult } from "./client";

/** Every session answer carries the CSRF token for the next write, so keep it whatever the caller does next. */
async function session(result: Promise<ApiResult<SessionResponse>>): Promise<ApiResult<SessionResponse>> {
  const settled = await result;
  if (settled.ok) setCsrfToken(settled.data.csrfToken);
  return settled;
}

/** Who is signed in, if anyone, and a fresh CSRF token. */
export const getSession = () => session(call("GET", paths.session, SessionResponseSchema));

/** Signs in with an email address or collar number and a password. */
export const signIn = (body: SignInRequest) => session(call("POST", paths.session, SessionResponseSchema, body));

/** Ends the session on the server (the cookie is cleared there, as it is httpOnly). */
export const signOut = () => call("DELETE", paths.session, z.unknown());

/** Changes the signed-in person's password, giving the current one. */
export const changePassword = (body: ChangePasswordRequest) => call("POST", paths.myPassword, z.unknown(), body);

/** Whether a password reset link's token still works. */
export const checkPasswordReset = (token: string) =>
  call("POST", paths.passwordResetCheck, PasswordResetCheckResponseSchema, { token });

/** Sets a new password through a reset link's token. */
export const resetPassword = (body: PasswordResetRequest) => call("POST", paths.passwordReset, z.unknown(), body);

/** Asks for a reset link by email; accepted alike whether or not the address is an account's. */
export const requestPasswordResetEmail = (email: string) =>
  call("POST", paths.passwordResetRequest, z.unknown(), { email });

/** The signed-in officer's modules with due dates and status. */
export const getMyTraining = () => call("GET", paths.myTraining, TrainingListResponseSchema);

/** A module's lessons, the knowledge check's rules and allowance, and the officer's progress. */
export const getModule = (moduleId: string) => call("GET", api.module(moduleId), ModuleDetailResponseSchema);

/** Records that the officer has worked through a lesson, so any device can resume after it. */
export const recordLesson = (moduleId: string, lessonId: string) =>
  call("PUT", api.moduleProgress(moduleId), ModuleProgressSchema, { lessonId });

/** Starts a knowledge-check attempt (or resumes the one not yet submitted): its questions, options shuffled. */
export const startAttempt = (moduleId: string) => call("POST", api.moduleAttemptDraws(moduleId), AttemptDrawSchema);

/** Submits a knowledge-check attempt; the server scores it and answers with explanations. */
export const submitAttempt = (moduleId: string, body: AttemptRequest) =>
  call("POST", api.moduleAttempts(moduleId), AttemptResultSchema, body);

/** One of the officer's own scored attempts, as the server recorded it. */
export const getAttempt = (moduleId: string, attemptId: string) =>
  call("GET", api.moduleAttempt(moduleId, attemptId), AttemptResultSchema);

/** A certificate by its verification id. */
export const getCertificate = (certificateId: string) =>
  call("GET", api.certificate(certificateId), CertificateResponseSchema);
