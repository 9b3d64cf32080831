import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  ForceIdParamsSchema,
  ScimTokenResponseSchema,
  SsoCallbackQuerySchema,
  SsoProvidersResponseSchema,
  SsoSettingsRequestSchema,
  SsoSettingsResponseSchema,
  SsoStartQuerySchema,
  identityPaths,
} from "../../shared/identity-api";
import type { SsoOutcome } from "../../shared/identity-api";
import { homePathFor } from "../../shared/api";
import { rotateScimToken, saveSsoSettings, ssoSettings } from "../auth/identity-admin";
import { PRE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieOptions } from "../auth/session";
import { SsoClients, SsoRefused, beginSsoSignIn, finishSsoSignIn, ssoProviderList } from "../auth/sso";
import { AddressRateLimit } from "../auth/throttle";
import type { AppDeps } from "../deps";
import { TooManyAttempts } from "../errors";
import { defineRoute } from "../http/route";

/** Cookie binding a sign-in in progress to the browser that began it (its hash is kept with the flow). */
export const SSO_FLOW_COOKIE = "srt_sso";

const ADMIN = ["admin"] as const;
/** The window `SSO_MAX_PER_ADDRESS` counts starts (and, apart, callbacks) in. */
export const SSO_RATE_WINDOW_MS = 10 * 60_000;
const html = "text/html; charset=utf-8";

/** A 303 to `location`, with a line of HTML for anything that does not follow redirects. */
function redirect(reply: FastifyReply, location: string): string {
  reply.header("location", location);
  const escaped = location.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<!doctype html><title>Redirecting</title><p><a href="${escaped}">Continue</a></p>`;
}

/** Single sign-on with a force's OpenID Provider, and the admin's settings for it and for SCIM. */
export function ssoRoutes(deps: AppDeps) {
  const { db, env, now, secure, secrets } = deps;
  const clients = new SsoClients(now, secrets);
  // Per address, counted in the database like every other limit here, so all instances share them. Each start
  // stores a flow and each callback may call the provider: a flood from one address stops at the limit.
  const starts = new AddressRateLimit(db, "sso-start", env.SSO_MAX_PER_ADDRESS, SSO_RATE_WINDOW_MS, "sign-ins");
  const callbacks = new AddressRateLimit(db, "sso-callback", env.SSO_MAX_PER_ADDRESS, SSO_RATE_WINDOW_MS, "sign-ins");
  const publicUrl = (request: FastifyRequest) => env.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
  const redirectUri = (request: FastifyRequest) => `${publicUrl(request)}${identityPaths.ssoCallback}`;
  // Lax, not Strict: the provider sends the browser back with a top-level GET from its own site, and the
  // cookie must come with it. Scoped to the callback, and gone after ten minutes at most.
  const flowCookie = { httpOnly: true, sameSite: "lax", secure, path: identityPaths.ssoCallback } as const;
  const failed = (reply: FastifyReply, outcome: SsoOutcome) => redirect(reply, `/sign-in?sso=${outcome}`);
  const refusedOr = (reply: FastifyReply, error: unknown) => {
    if (error instanceof TooManyAttempts && error.retryAfterMs !== null) {
      // A browser came here by a top-level navigation: back to the sign-in page, which says how long to wait.
      const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      reply.header("retry-after", String(seconds));
      reply.request.log.warn({ outcome: "rate-limited" }, "single sign-on refused");
      return redirect(reply, `/sign-in?sso=rate-limited&retry=${seconds}`);
    }
    if (!(error instanceof SsoRefused)) throw error;
    // The reason names what failed (a step, an error code), never a claim or a secret.
    reply.request.log.warn({ outcome: error.outcome, reason: error.reason }, "single sign-on refused");
    return failed(reply, error.outcome);
  };

  return [
    defineRoute({
      method: "GET",
      url: identityPaths.ssoProviders,
      summary: "Forces whose people sign in with their force's account (the sign-in page's buttons)",
      tags: ["sso"],
      access: "anyone",
      response: { status: 200, schema: SsoProvidersResponseSchema, description: "Providers" },
      handler: () => ssoProviderList(db),
    }),
    defineRoute({
      method: "GET",
      url: identityPaths.ssoStart,
      summary: "Begin signing in with a force's account: redirects to the force's OpenID Provider",
      tags: ["sso"],
      access: "anyone",
      params: ForceIdParamsSchema,
      query: SsoStartQuerySchema,
      response: { status: 303, schema: z.string(), description: "To the provider", contentType: html },
      handler: async ({ params, query, reply, request }) => {
        try {
          const at = now();
          await starts.take(request.ip, at);
          const begun = await beginSsoSignIn(db, clients, {
            forceId: params.forceId,
            redirectUri: redirectUri(request),
            // "/" (asked for nothing) becomes the person's home once their role is known, at the callback.
            returnTo: query.next ?? "/",
            now: at,
          });
          reply.setCookie(SSO_FLOW_COOKIE, begun.browserToken, { ...flowCookie, maxAge: begun.maxAgeSeconds });
          return redirect(reply, begun.authorizationUrl);
        } catch (error) {
          return refusedOr(reply, error);
        }
      },
    }),
    defineRoute({
      method: "GET",
      url: identityPaths.ssoCallback,
      summary: "Where the OpenID Provider sends the browser back; signs in and redirects into the app",
      tags: ["sso"],
      access: "anyone",
      query: SsoCallbackQuerySchema,
      response: { status: 303, schema: z.string(), description: "Into the app, or back to sign-in", contentType: html },
      handler: async ({ query, auth, reply, request }) => {
        const browserToken = request.cookies[SSO_FLOW_COOKIE];
        reply.clearCookie(SSO_FLOW_COOKIE, flowCookie);
        const currentUrl = new URL(redirectUri(request));
        for (const [key, value] of Object.entries(query))
          if (value !== undefined) currentUrl.searchParams.set(key, value);
        try {
          const at = now();
          await callbacks.take(request.ip, at);
          const session = await finishSsoSignIn(db, clients, {
            currentUrl,
            state: query.state,
            browserToken,
            previous: auth,
            ttlMinutes: env.SESSION_TTL_MINUTES,
            now: at,
          });
          reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(secure));
          reply.clearCookie(PRE_SESSION_COOKIE, { ...sessionCookieOptions(secure), path: "/api" });
          // As after a password sign-in: the page asked for, else the role's home.
          return redirect(reply, session.returnTo === "/" ? homePathFor(session.user.role) : session.returnTo);
        } catch (error) {
          return refusedOr(reply, error);
        }
      },
    }),
    defineRoute({
      method: "GET",
      url: identityPaths.adminSso,
      summary: "The admin's force's single sign-on settings (never the client secret)",
      tags: ["admin", "sso"],
      access: ADMIN,
      response: { status: 200, schema: SsoSettingsResponseSchema, description: "Settings, or null" },
      handler: ({ auth, request }) => ssoSettings(db, auth.user.forceId, redirectUri(request)),
    }),
    defineRoute({
      method: "PUT",
      url: identityPaths.adminSso,
      summary: "Set the admin's force's OpenID Provider, claims, group mappings and password rule",
      tags: ["admin", "sso"],
      access: ADMIN,
      body: SsoSettingsRequestSchema,
      response: { status: 200, schema: SsoSettingsResponseSchema, description: "Saved" },
      handler: ({ auth, body, request }) => saveSsoSettings(db, secrets, auth.user, body, redirectUri(request), now()),
    }),
    defineRoute({
      method: "POST",
      url: identityPaths.adminScimToken,
      summary: "Create or rotate the force's SCIM bearer token (shown once; the old one stops working)",
      tags: ["admin", "scim"],
      access: ADMIN,
      response: { status: 201, schema: ScimTokenResponseSchema, description: "The new token" },
      handler: ({ auth, request }) => rotateScimToken(db, auth.user, `${publicUrl(request)}/scim/v2`, now()),
    }),
  ];
}
