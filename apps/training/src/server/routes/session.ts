import type { FastifyReply } from "fastify";
import type { SessionResponse } from "../../shared/api";
import {
  ChangePasswordRequestSchema,
  PasswordResetCheckRequestSchema,
  PasswordResetCheckResponseSchema,
  PasswordResetRequestSchema,
  SessionResponseSchema,
  SignInRequestSchema,
  paths,
} from "../../shared/api";
import { changeOwnPassword } from "../auth/password-change";
import { checkPasswordReset, redeemPasswordReset } from "../auth/password-reset";
import type { AuthUser } from "../auth/session";
import { PRE_SESSION_COOKIE, SESSION_COOKIE, randomToken, sessionCookieOptions } from "../auth/session";
import { signIn, signOut } from "../auth/sign-in";
import { SignInThrottle } from "../auth/throttle";
import type { AppDeps } from "../deps";
import { HttpProblem } from "../http/problem";
import { defineRoute } from "../http/route";

/** The session user in the contract's shape. */
export function sessionUser(user: AuthUser): NonNullable<SessionResponse["user"]> {
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    jobRole: user.jobRole,
    force: { id: user.forceId, name: user.forceName },
    unit: user.unitId && user.unitName ? { id: user.unitId, name: user.unitName } : null,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Sign in, who am I, sign out; changing one's password, and resetting it through a one-time link. */
export function sessionRoutes(deps: AppDeps) {
  const { db, env, now, secure } = deps;
  const windowMs = env.SIGN_IN_WINDOW_MINUTES * 60_000;
  // Per account and address, plus a ceiling ten times higher per address against spraying one password over
  // many accounts (a whole police station signs in from one NAT address, and successes never count).
  const throttle = new SignInThrottle(db, env.SIGN_IN_MAX_ATTEMPTS, windowMs);
  const cookieOptions = sessionCookieOptions(secure);
  // A browser-session cookie (no Expires): it goes when the browser closes, which suits shared terminals, and
  // the server's sliding expiry decides how long it works, so a fixed cookie date cannot cut a live session.
  const setSessionCookie = (reply: FastifyReply, token: string) => {
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
  };

  return [
    defineRoute({
      method: "GET",
      url: paths.session,
      summary: "Who is signed in, and the CSRF token to send on state-changing requests",
      tags: ["session"],
      access: "anyone",
      response: { status: 200, schema: SessionResponseSchema, description: "Session state" },
      handler: ({ auth, request, reply }) => {
        if (auth) {
          return {
            user: sessionUser(auth.user),
            csrfToken: auth.session.csrfToken,
            expiresAt: auth.session.expiresAt.toISOString(),
          };
        }
        let token = request.cookies[PRE_SESSION_COOKIE];
        if (!token || token.length < 20) {
          token = randomToken();
          reply.setCookie(PRE_SESSION_COOKIE, token, { ...cookieOptions, path: "/api", maxAge: 24 * 60 * 60 });
        }
        return {
          user: null,
          csrfToken: token,
          expiresAt: null,
          ...(request.sessionEnded ? { signedOutBecause: request.sessionEnded } : {}),
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: paths.session,
      summary: "Sign in with an email address or collar number and a password",
      tags: ["session"],
      access: "anyone",
      body: SignInRequestSchema,
      errors: [401, 429],
      response: { status: 200, schema: SessionResponseSchema, description: "Signed in" },
      handler: async ({ body, auth, request, reply }) => {
        const session = await signIn(db, body, {
          ttlMinutes: env.SESSION_TTL_MINUTES,
          now: now(),
          previous: auth,
          address: request.ip,
          throttle,
        });
        if (!session) {
          throw new HttpProblem(
            401,
            "invalid-credentials",
            "Sign-in failed",
            "The email address, collar number or password is not right.",
            [{ field: "identifier", reason: "does not match an account with that password" }],
          );
        }
        setSessionCookie(reply, session.token);
        reply.clearCookie(PRE_SESSION_COOKIE, { ...cookieOptions, path: "/api" });
        return {
          user: sessionUser(session.user),
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt.toISOString(),
        };
      },
    }),
    defineRoute({
      method: "DELETE",
      url: paths.session,
      summary: "Sign out",
      tags: ["session"],
      access: "anyone",
      response: { status: 204, schema: null, description: "Signed out" },
      handler: async ({ auth, reply }) => {
        if (auth) await signOut(db, auth);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return undefined;
      },
    }),
    defineRoute({
      method: "POST",
      url: paths.myPassword,
      summary:
        "Change the signed-in person's password, giving the current one (the one thing a temporary password allows)",
      tags: ["session"],
      access: ["officer", "trainer", "admin"],
      withTemporaryPassword: true,
      body: ChangePasswordRequestSchema,
      errors: [429],
      response: { status: 204, schema: null, description: "Password changed; other sessions ended" },
      handler: async ({ auth, body, request }) => {
        await changeOwnPassword(db, auth, body, { now: now(), address: request.ip, throttle });
        return undefined;
      },
    }),
    defineRoute({
      method: "POST",
      url: paths.passwordResetCheck,
      summary: "Whether a password reset link still works, and until when",
      tags: ["session"],
      access: "anyone",
      body: PasswordResetCheckRequestSchema,
      response: { status: 200, schema: PasswordResetCheckResponseSchema, description: "The link works" },
      handler: async ({ body }) => {
        const { expiresAt } = await checkPasswordReset(db, body.token, now());
        return { expiresAt: expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: "POST",
      url: paths.passwordReset,
      summary: "Set a new password through a one-time reset link; every session of the account ends",
      tags: ["session"],
      access: "anyone",
      body: PasswordResetRequestSchema,
      response: { status: 204, schema: null, description: "Password set; sign in with it" },
      handler: async ({ body }) => {
        await redeemPasswordReset(db, body, now());
        return undefined;
      },
    }),
  ];
}
