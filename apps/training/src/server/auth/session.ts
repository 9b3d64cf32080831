import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, lt, ne } from "drizzle-orm";
import type { AccountRole, JobRole } from "../../shared/api";
import type { Batcher } from "../batcher";
import { createBatcher } from "../batcher";
import type { Database, Db, PreparedStatement } from "../db/client";
import { sessions } from "../db/schema";

/** Cookie holding the session token (httpOnly; only its hash is stored). */
export const SESSION_COOKIE = "srt_session";
/** Cookie binding the CSRF token used before sign-in (login CSRF protection). */
export const PRE_SESSION_COOKIE = "srt_csrf";

/** The session cookie's attributes: httpOnly, same-site only, for the whole site. */
export const sessionCookieOptions = (secure: boolean) =>
  ({ httpOnly: true, sameSite: "strict", secure, path: "/" }) as const;

/** The signed-in user as the server sees them on every request. */
export interface AuthUser {
  id: string;
  forceId: string;
  forceName: string;
  unitId: string | null;
  unitName: string | null;
  role: AccountRole;
  jobRole: JobRole;
  displayName: string;
  /** Their password was set by an admin: until they change it, only changing it and signing out work. */
  mustChangePassword: boolean;
}

/** Why a session was ended from outside it, which its holder is told on their next request. */
export type SessionEndReason = "account-disabled" | "password-changed";

/** A session ended from outside (see {@link endSessions}); the hook tells its holder why, then deletes it. */
export interface EndedSession {
  ended: SessionEndReason;
  tokenHash: string;
}

/** Who is calling, and through which session. */
export interface AuthContext {
  user: AuthUser;
  session: { tokenHash: string; csrfToken: string; expiresAt: Date };
}

/** A new random token, URL-safe. */
export const randomToken = (): string => randomBytes(32).toString("base64url");

/** The stored form of a session token. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Creates a session for a user; returns the raw token for the cookie. */
export async function createSession(
  db: Db,
  user: { id: string; forceId: string },
  ttlMinutes: number,
  now = new Date(),
) {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
  await db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId: user.id, forceId: user.forceId, csrfToken, expiresAt });
  // Expired sessions are swept here rather than by a timer, so the table cannot grow without bound.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  return { token, csrfToken, expiresAt };
}

/** What the session loader is asked: a raw token, and the time of the request. */
export interface SessionLookup {
  token: string;
  now: Date;
}

// Every /api request runs this, so it is a prepared statement rather than a query built per call.
const sessionsQuery: PreparedStatement = {
  name: "load_sessions",
  text: `SELECT s.token_hash, s.csrf_token, s.expires_at, u.id, u.force_id, f.name AS force_name, u.unit_id,
      un.name AS unit_name, u.role, u.job_role, u.display_name, u.must_change_password,
      CASE WHEN u.disabled_at IS NOT NULL THEN 'account-disabled' ELSE s.ended_reason END AS ended_reason
    FROM sessions s
      JOIN users u ON u.id = s.user_id
      JOIN forces f ON f.id = u.force_id
      LEFT JOIN units un ON un.id = u.unit_id
    WHERE s.token_hash = ANY($1::text[])`,
};

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  expires_at: Date;
  id: string;
  force_id: string;
  force_name: string;
  unit_id: string | null;
  unit_name: string | null;
  role: AccountRole;
  job_role: JobRole;
  display_name: string;
  must_change_password: boolean;
  ended_reason: SessionEndReason | null;
}

/** What a session lookup finds: a live session, one ended from outside (to explain), or nothing. */
export type SessionFound = AuthContext | EndedSession | null;

/**
 * Finds the sessions for a batch of lookups, sliding the expiry of live ones in use; `null` where none. A
 * session of a disabled account, or one ended by a password change elsewhere, comes back as an
 * {@link EndedSession} so its holder can be told why rather than just signed out.
 */
export async function loadSessions(
  database: Database,
  lookups: readonly SessionLookup[],
  ttlMinutes: number,
): Promise<SessionFound[]> {
  const hashes = lookups.map((lookup) => hashToken(lookup.token));
  const rows = await database.query<SessionRow>(sessionsQuery, [[...new Set(hashes)]]);
  const byHash = new Map(rows.map((row) => [row.token_hash, row]));
  const sliding = new Map<string, Date>();
  const found = lookups.map((lookup, index): SessionFound => {
    const tokenHash = hashes[index] ?? "";
    const row = byHash.get(tokenHash);
    if (!row || row.expires_at <= lookup.now) return null;
    if (row.ended_reason !== null) return { ended: row.ended_reason, tokenHash };
    const fresh = new Date(lookup.now.getTime() + ttlMinutes * 60_000);
    // Slide the expiry at most once a minute, so a busy client does not write on every request.
    const slides = fresh.getTime() - row.expires_at.getTime() > 60_000;
    if (slides && fresh > (sliding.get(tokenHash) ?? row.expires_at)) sliding.set(tokenHash, fresh);
    return {
      user: {
        id: row.id,
        forceId: row.force_id,
        forceName: row.force_name,
        unitId: row.unit_id,
        unitName: row.unit_name,
        role: row.role,
        jobRole: row.job_role,
        displayName: row.display_name,
        mustChangePassword: row.must_change_password,
      },
      session: { tokenHash, csrfToken: row.csrf_token, expiresAt: slides ? fresh : row.expires_at },
    };
  });
  for (const [tokenHash, expiresAt] of sliding) {
    await database.db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return found;
}

/**
 * Session lookups for concurrent requests share one query (group lookup), so a busy server pays one round
 * trip per batch rather than one per request; an idle one still looks each request up at once.
 */
export function createSessionLoader(database: Database, ttlMinutes: number): Batcher<SessionLookup, SessionFound> {
  return createBatcher<SessionLookup, SessionFound>(
    async (lookups) => (await loadSessions(database, lookups, ttlMinutes)).map((value) => ({ ok: true, value })),
    { maxInFlight: 1, maxBatch: 500 },
  );
}

/** Ends a session. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/**
 * Ends every session of a user from outside them (the account disabled, the password changed or reset),
 * except `keep` (the session that changed the password). Each holder is told why on their next request.
 */
export async function endSessions(db: Db, userId: string, reason: SessionEndReason, keep?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ endedReason: reason })
    .where(and(eq(sessions.userId, userId), keep === undefined ? undefined : ne(sessions.tokenHash, keep)));
}
