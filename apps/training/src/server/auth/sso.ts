import * as oidc from "openid-client";
import type { AccountRole, JobRole } from "../../shared/api";
import type { GroupMapping, SsoOutcome } from "../../shared/identity-api";
import { hasNoHiddenCharacters } from "../../shared/text";
import { createAccount } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import type { SsoProviderRow } from "../db/identity";
import {
  linkSsoAccount,
  saveSsoFlow,
  sessionAccountOf,
  ssoAccountOf,
  ssoProviderLabels,
  takeSsoFlow,
  unitsOfForce,
} from "../db/identity";
import { Conflict } from "../errors";
import type { SecretKey } from "../secret-box";
import { SecretBoxError } from "../secret-box";
import { ssoProviderForSignIn } from "./identity-admin";
import type { AuthContext } from "./session";
import { createSession, deleteSession, hashToken, randomToken, sameSecret } from "./session";
import type { NewSession } from "./sign-in";

/**
 * Single sign-on with a force's OpenID Provider (Entra ID in practice): authorization code with PKCE, state
 * and nonce. Every check of the provider's answer (issuer, audience, signature against the provider's JWKS,
 * expiry, nonce, state, PKCE) is openid-client's; this module only keeps the flow's secrets server-side
 * and turns verified claims into an account of the right force with the role its groups give.
 */

/** The forces whose people can sign in with their force's account, for the sign-in page's buttons. */
export async function ssoProviderList(db: Db) {
  return { providers: await ssoProviderLabels(db) };
}

/** How long a browser has to come back from the provider. */
const FLOW_TTL_MS = 10 * 60_000;
/** How long a discovered provider configuration is kept before it is fetched again. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds to wait for the provider's discovery, token and JWKS answers. */
const PROVIDER_TIMEOUT_S = 10;

const ROLE_RANK: Record<AccountRole, number> = { officer: 0, trainer: 1, admin: 2 };

/** Why a sign-in ended without a session, as the sign-in page explains it. */
export class SsoRefused extends Error {
  constructor(
    readonly outcome: SsoOutcome,
    /** What the audit log records (never a claim value). */
    readonly reason: string,
  ) {
    super(`single sign-on refused: ${reason}`);
    this.name = "SsoRefused";
  }
}

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/**
 * Discovered provider configurations by force, shared by every request. openid-client keeps the provider's
 * JWKS inside each configuration and fetches it again when a token is signed with a key it has not seen
 * (the provider rotated its keys), so rotation needs nothing here.
 */
export class SsoClients {
  private readonly cache = new Map<string, { version: number; at: number; config: Promise<oidc.Configuration> }>();

  constructor(
    private readonly clock: () => Date,
    /** Opens the stored client secrets. */
    readonly secrets: SecretKey | null,
  ) {}

  /** A force's provider with its client secret opened; a secret that does not open refuses the sign-in. */
  async provider(db: Db, forceId: string): Promise<SsoProviderRow | undefined> {
    try {
      return await ssoProviderForSignIn(db, this.secrets, forceId);
    } catch (error) {
      if (error instanceof SecretBoxError) throw new SsoRefused("failed", `client secret: ${error.failure}`);
      throw error;
    }
  }

  /** The configuration for a force's provider, discovered again when its settings or the hour change. */
  configuration(provider: SsoProviderRow): Promise<oidc.Configuration> {
    const version = provider.updatedAt.getTime();
    const now = this.clock().getTime();
    const cached = this.cache.get(provider.forceId);
    if (cached && cached.version === version && now - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const issuer = new URL(provider.issuer);
    const config = oidc.discovery(
      issuer,
      provider.clientId,
      { client_secret: provider.clientSecret, id_token_signed_response_alg: "RS256" },
      oidc.ClientSecretPost(provider.clientSecret),
      {
        timeout: PROVIDER_TIMEOUT_S,
        execute: [
          // openid-client trusts an ID token from the token endpoint on the strength of TLS alone (OIDC Core
          // §3.1.3.7 allows it) unless told to check its signature too; we check it, against the provider's
          // JWKS, so a token altered or signed by anyone else is refused even if TLS were intercepted.
          oidc.enableNonRepudiationChecks,
          // Plain http only for a provider on this machine (tests, a developer's own provider); settings
          // refuse any other http issuer.
          ...(issuer.protocol === "http:" && isLoopback(issuer) ? [oidc.allowInsecureRequests] : []),
        ],
      },
    );
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.cache.delete(provider.forceId));
    this.cache.set(provider.forceId, { version, at: now, config });
    return config;
  }
}

/** Begins a sign-in: stores the flow's secrets and returns where to send the browser, and its binding cookie. */
export async function beginSsoSignIn(
  db: Db,
  clients: SsoClients,
  request: { forceId: string; redirectUri: string; returnTo: string; now: Date },
): Promise<{ authorizationUrl: string; browserToken: string; maxAgeSeconds: number }> {
  const provider = await clients.provider(db, request.forceId);
  if (!provider) throw new SsoRefused("no-sso", "force has no single sign-on");
  let config: oidc.Configuration;
  try {
    config = await clients.configuration(provider);
  } catch (error) {
    throw new SsoRefused("failed", `discovery failed: ${errorCode(error)}`);
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const browserToken = randomToken();
  await saveSsoFlow(
    db,
    {
      stateHash: hashToken(state),
      forceId: provider.forceId,
      browserHash: hashToken(browserToken),
      codeVerifier,
      nonce,
      returnTo: request.returnTo,
      expiresAt: new Date(request.now.getTime() + FLOW_TTL_MS),
    },
    request.now,
  );
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: request.redirectUri,
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { authorizationUrl: url.href, browserToken, maxAgeSeconds: FLOW_TTL_MS / 1000 };
}

/** A short, claim-free name for what went wrong, for the audit log and the server log. */
function errorCode(error: unknown): string {
  if (error instanceof oidc.ClientError) return error.code ?? "client-error";
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return error instanceof Error ? error.name : "unknown";
}

const stringClaim = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

/** What the groups in a token give under a force's mappings; `undefined` where no mapping says. */
export function fromGroups(mappings: readonly GroupMapping[], groups: readonly string[]) {
  const held = new Set(groups);
  const matched = mappings.filter((mapping) => held.has(mapping.group));
  const roles = matched.flatMap((mapping) => (mapping.role ? [mapping.role] : []));
  const mapsRoles = mappings.some((mapping) => mapping.role !== undefined);
  return {
    // When the force maps roles to groups, the groups decide at every sign-in (officer if none matches), so
    // taking someone out of the trainers' group takes the role away; otherwise roles are managed here.
    role: mapsRoles
      ? roles.reduce<AccountRole>((best, role) => (ROLE_RANK[role] > ROLE_RANK[best] ? role : best), "officer")
      : undefined,
    unitId: matched.find((mapping) => mapping.unitId !== undefined)?.unitId,
    jobRole: matched.find((mapping) => mapping.jobRole !== undefined)?.jobRole,
  };
}

/**
 * Finishes a sign-in the provider sent the browser back from: takes the flow the state names (once only, and
 * only from the browser that began it), has openid-client verify the answer and the ID token, then finds,
 * links or creates the account and starts a session. Throws {@link SsoRefused} for every way it can fail.
 */
export async function finishSsoSignIn(
  db: Db,
  clients: SsoClients,
  callback: {
    /** The callback URL as the provider sent it (redirect URI plus its query). */
    currentUrl: URL;
    state: string | undefined;
    browserToken: string | undefined;
    previous: AuthContext | null;
    ttlMinutes: number;
    now: Date;
  },
): Promise<NewSession & { returnTo: string }> {
  if (callback.state === undefined) throw new SsoRefused("expired", "no state");
  const flow = await takeSsoFlow(db, hashToken(callback.state));
  if (!flow || flow.expiresAt <= callback.now) throw new SsoRefused("expired", "unknown, used or expired state");
  if (!sameSecret(hashToken(callback.browserToken ?? ""), flow.browserHash)) {
    await audit(db, {
      forceId: flow.forceId,
      actorUserId: null,
      action: "sso.refused",
      details: { reason: "browser" },
    });
    throw new SsoRefused("expired", "state from another browser");
  }
  const refuse = async (outcome: SsoOutcome, reason: string, subject: string | null = null): Promise<never> => {
    await audit(db, { forceId: flow.forceId, actorUserId: null, action: "sso.refused", subject, details: { reason } });
    throw new SsoRefused(outcome, reason);
  };
  let provider: SsoProviderRow | undefined;
  try {
    provider = await clients.provider(db, flow.forceId);
  } catch (error) {
    if (error instanceof SsoRefused) return refuse(error.outcome, error.reason);
    throw error;
  }
  if (!provider) return refuse("no-sso", "provider removed");
  let claims: oidc.IDToken;
  try {
    const config = await clients.configuration(provider);
    const tokens = await oidc.authorizationCodeGrant(config, callback.currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: callback.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return await refuse("failed", "no id token");
    claims = idToken;
  } catch (error) {
    if (error instanceof SsoRefused) throw error;
    return refuse("failed", `verification: ${errorCode(error)}`);
  }

  const collarNumber = stringClaim(claims[provider.collarNumberClaim]);
  const rawGroups = claims[provider.groupsClaim];
  const groups = Array.isArray(rawGroups)
    ? rawGroups.filter((group): group is string => typeof group === "string")
    : [];
  const given = fromGroups(provider.groupMappings, groups);
  const liveUnits = await unitsOfForce(db, provider.forceId, given.unitId === undefined ? [] : [given.unitId]);
  const unitId = given.unitId !== undefined && liveUnits.has(given.unitId) ? given.unitId : undefined;
  const changes = {
    ...(given.role === undefined ? {} : { role: given.role }),
    ...(unitId === undefined ? {} : { unitId }),
    ...(given.jobRole === undefined ? {} : { jobRole: given.jobRole }),
  };
  const identity = { issuer: claims.iss, subject: claims.sub };

  const found = await ssoAccountOf(db, provider.forceId, { ...identity, collarNumber });
  let userId: string;
  if (found) {
    if (found.account.disabledAt !== null) return refuse("disabled", "account disabled", found.account.id);
    // A collar number already linked to another subject is someone else's (or a reused number): never take it over.
    if (!(await linkSsoAccount(db, found.account.id, identity, changes))) {
      return refuse("not-registered", "collar number linked to another identity", found.account.id);
    }
    userId = found.account.id;
  } else {
    if (!provider.justInTime) return refuse("not-registered", "no matching account");
    try {
      userId = await provisionJustInTime(db, provider, claims, { collarNumber, changes });
    } catch (error) {
      // An email address or collar number already used by another account: an admin has to sort it out.
      if (error instanceof Conflict) return refuse("not-registered", `just-in-time: ${error.issues?.[0]?.field}`);
      if (error instanceof SsoRefused) return refuse(error.outcome, error.reason);
      throw error;
    }
  }

  const account = await sessionAccountOf(db, userId);
  if (!account) return refuse("disabled", "account disabled", userId);
  if (callback.previous) await deleteSession(db, callback.previous.session.tokenHash);
  const session = await createSession(db, account, callback.ttlMinutes, callback.now);
  await audit(db, {
    forceId: account.forceId,
    actorUserId: account.id,
    action: "sign-in.sso",
    subject: account.id,
    details: { matchedBy: found?.by ?? "created", role: account.role },
  });
  const { oidcSubject: _subject, disabledAt: _disabled, ...user } = account;
  return { user, ...session, returnTo: flow.returnTo };
}

/** The `name` claim when it is a name this app would accept from an admin (no hidden characters, not too long). */
function displayNameOf(claims: oidc.IDToken): string | null {
  const name = stringClaim(claims.name);
  return name !== null && name.length <= 120 && hasNoHiddenCharacters(name) ? name : null;
}

/** Creates the account of someone the provider vouches for who has none yet; returns its id. */
async function provisionJustInTime(
  db: Db,
  provider: SsoProviderRow,
  claims: oidc.IDToken,
  mapped: { collarNumber: string | null; changes: { role?: AccountRole; unitId?: string; jobRole?: JobRole } },
): Promise<string> {
  // Entra ID puts the sign-in name (UPN) in preferred_username and `email` only when the mail attribute is set.
  const email = stringClaim(claims.email) ?? stringClaim(claims.preferred_username);
  if (email === null || !email.includes("@")) throw new SsoRefused("not-registered", "no email claim");
  const id = await createAccount(db, {
    forceId: provider.forceId,
    unitId: mapped.changes.unitId ?? null,
    email: email.toLowerCase(),
    collarNumber: mapped.collarNumber,
    displayName: displayNameOf(claims) ?? email,
    role: mapped.changes.role ?? "officer",
    jobRole: mapped.changes.jobRole ?? provider.defaultJobRole,
    password: null,
    oidcIssuer: claims.iss,
    oidcSubject: claims.sub,
  });
  await audit(db, { forceId: provider.forceId, actorUserId: null, action: "user.create.sso", subject: id });
  return id;
}
