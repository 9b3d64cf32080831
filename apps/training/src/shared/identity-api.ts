/**
 * Single sign-on and provisioning in the API contract: the sign-in page's list of forces' providers, the
 * browser redirects of an OpenID Connect sign-in, and the admin's settings for their force's provider and
 * SCIM token. Same conventions as `api.ts`.
 */
import { z } from "zod";
import { AccountRoleSchema, JobRoleSchema } from "./api";
import { visibleText } from "./text";

/** Identity route paths. */
export const identityPaths = {
  /** GET the forces whose people can sign in with their force's account (the sign-in page's buttons). */
  ssoProviders: "/api/sso/providers",
  /** GET: begins a force's sign-in (redirects the browser to the force's OpenID Provider). */
  ssoStart: "/api/sso/:forceId/start",
  /** GET: where the OpenID Provider sends the browser back (the redirect URI registered with the provider). */
  ssoCallback: "/api/sso/callback",
  /** GET or PUT the admin's force's OpenID Provider settings. */
  adminSso: "/api/admin/sso",
  /** POST: create or rotate the admin's force's SCIM bearer token (shown once). */
  adminScimToken: "/api/admin/scim-token",
} as const;

/** Why a single sign-on did not end signed in: the `sso` query parameter of the sign-in page it returns to. */
export const SsoOutcomeSchema = z.enum(["disabled", "not-registered", "expired", "failed", "no-sso", "rate-limited"]);
/** A failed single sign-on's reason. */
export type SsoOutcome = z.infer<typeof SsoOutcomeSchema>;

/** A force whose people sign in with their force's account. */
export const SsoProviderSchema = z.object({
  forceId: z.string(),
  /** The button's words: "Sign in with {label} account". */
  label: z.string(),
});
/** `GET /api/sso/providers`. */
export const SsoProvidersResponseSchema = z.object({ providers: z.array(SsoProviderSchema) });

/** Where to go after signing in: a path of this site only (never another origin). */
export const ReturnToSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, "must be a path on this site, starting with a single /");

/** `GET /api/sso/:forceId/start?next=`. */
export const SsoStartQuerySchema = z.object({ next: ReturnToSchema.optional() });

/** `GET /api/sso/callback`: what the OpenID Provider sends back (checked in full by openid-client). */
export const SsoCallbackQuerySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
  session_state: z.string().max(500).optional(),
});

/** A force's id in a path. */
export const ForceIdParamsSchema = z.object({ forceId: z.string().regex(/^[a-z0-9-]{1,64}$/) });

/** One directory group and what membership of it gives (a role, a unit, a job role, any of them). */
export const GroupMappingSchema = z.object({
  group: visibleText(z.string().trim().min(1, "enter the group's id or name").max(256)),
  role: AccountRoleSchema.optional(),
  unitId: z.uuid().optional(),
  jobRole: JobRoleSchema.optional(),
});
/** A group mapping. */
export type GroupMapping = z.infer<typeof GroupMappingSchema>;

const claimName = visibleText(
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,200}$/, "must be a claim name (letters, digits, _ . : / -)"),
);

/** A force's OpenID Provider settings as an admin sees them: the client secret is never shown. */
export const SsoSettingsSchema = z.object({
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  /** Whether a client secret is stored; the secret itself is write-only. */
  clientSecretSet: z.boolean(),
  collarNumberClaim: z.string(),
  groupsClaim: z.string(),
  groupMappings: z.array(GroupMappingSchema),
  justInTime: z.boolean(),
  localPasswords: z.boolean(),
  defaultJobRole: JobRoleSchema,
  /** The redirect URI to register with the provider. */
  redirectUri: z.string(),
});
/** `GET /api/admin/sso`: the settings, or `null` when the force has none. */
export const SsoSettingsResponseSchema = z.object({ settings: SsoSettingsSchema.nullable() });

/** `PUT /api/admin/sso`. */
export const SsoSettingsRequestSchema = z.object({
  label: visibleText(z.string().trim().min(1, "enter the name on the sign-in button").max(80)),
  issuer: z
    .url({ protocol: /^https?$/, error: "must be the provider's issuer URL" })
    .max(500)
    .refine(
      (issuer) => {
        // Runs even when the URL check above failed, so it must not throw on what is not a URL.
        const url = URL.canParse(issuer) ? new URL(issuer) : null;
        return (
          url !== null && (url.protocol === "https:" || ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
        );
      },
      { error: "must use https (plain http only for a provider on this machine)" },
    ),
  clientId: visibleText(z.string().trim().min(1, "enter the application (client) id").max(200)),
  /** Leave out to keep the stored secret. */
  clientSecret: z.string().min(1, "enter the client secret").max(500).optional(),
  collarNumberClaim: claimName,
  groupsClaim: claimName.default("groups"),
  groupMappings: z.array(GroupMappingSchema).max(200).default([]),
  justInTime: z.boolean().default(false),
  localPasswords: z.boolean().default(true),
  defaultJobRole: JobRoleSchema.default("staff"),
});
/** The settings an admin saves. */
export type SsoSettingsRequest = z.infer<typeof SsoSettingsRequestSchema>;

/** `POST /api/admin/scim-token`: the new token, shown this once (only its hash is kept). */
export const ScimTokenResponseSchema = z.object({
  token: z.string(),
  scimBaseUrl: z.string(),
  createdAt: z.string(),
});
