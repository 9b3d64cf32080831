import { signInAccount } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import { localPasswordsAllowed } from "../db/identity";
import { InvalidInput } from "../errors";
import { verifyPassword } from "./passwords";
import type { SignInThrottle } from "./throttle";
import type { AuthContext, AuthUser } from "./session";
import { createSession, deleteSession } from "./session";

/** A session just begun: its user, and the raw token for the cookie (only its hash is stored). */
export interface NewSession {
  user: AuthUser;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Checks an identifier (email address or collar number) and password, and on success starts a new session,
 * ending `previous` (never reuse a session that existed before sign-in: session fixation). Every attempt is
 * audited and counted by the throttle. `null` when the account does not exist, is disabled, or the password is wrong, which callers
 * must not tell apart.
 */
export async function signIn(
  db: Db,
  credentials: { identifier: string; password: string },
  options: {
    ttlMinutes: number;
    now: Date;
    previous: AuthContext | null;
    /** The client's address and the throttle that counts its attempts. */
    address: string;
    throttle: SignInThrottle;
  },
): Promise<NewSession | null> {
  const account = await signInAccount(db, credentials.identifier);
  // Reserved before the (slow) password check, on the account the identifier resolved to, so concurrent
  // guesses cannot outrun the count, and an email address and a collar number count as one account.
  // Throws TooManyAttempts when the account or the address has no tries left.
  const reservation = await options.throttle.reserve(
    { address: options.address, accountId: account?.id ?? null, identifier: credentials.identifier.toLowerCase() },
    options.now,
  );
  // Verified even when there is no account, so the answer takes as long either way.
  const ok = await verifyPassword(account?.passwordHash ?? null, credentials.password);
  if (!account || !ok) {
    await audit(db, {
      forceId: account?.forceId ?? null,
      actorUserId: null,
      action: "sign-in.failed",
      subject: account?.id ?? null,
    });
    return null;
  }
  await options.throttle.succeeded(reservation);
  // Told only once the password is right, so it reveals nothing to someone guessing.
  if (!(await localPasswordsAllowed(db, account.forceId))) {
    await audit(db, { forceId: account.forceId, actorUserId: null, action: "sign-in.sso-only", subject: account.id });
    throw InvalidInput.field(
      "identifier",
      "uses your force's account to sign in: choose the button to sign in with your force's account",
      "Your force has switched off passwords here; sign in with your force's account.",
    );
  }
  if (options.previous) await deleteSession(db, options.previous.session.tokenHash);
  const session = await createSession(db, account, options.ttlMinutes, options.now);
  await audit(db, { forceId: account.forceId, actorUserId: account.id, action: "sign-in", subject: account.id });
  const { passwordHash: _hash, ...user } = account;
  return { user, ...session };
}

/** Ends the caller's session, audited. */
export async function signOut(db: Db, auth: AuthContext): Promise<void> {
  await deleteSession(db, auth.session.tokenHash);
  await audit(db, { forceId: auth.user.forceId, actorUserId: auth.user.id, action: "sign-out", subject: auth.user.id });
}
