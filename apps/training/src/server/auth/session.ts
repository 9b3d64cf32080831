import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { AccountRole, JobRole } from "../../shared/api";
import type { Batcher } from "../batcher";
import { createBatcher } from "../batcher";
import type { Database, Db, PreparedStatement } from "../db/client";
import { sessions } from "../db/schema";

/** Cookie holding the session token (httpOnly; only its hash is stored). */
export const SESSION_COOKIE = "srt_session";
/** Cookie binding the CSRF token used before sign-in (login CSRF protection). */
export const PRE_SESSION_COOKIE = "srt_csrf";

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
      un.name AS unit_name, u.role, u.job_role, u.display_name
    FROM sessions s
      JOIN users u ON u.id = s.user_id
      JOIN forces f ON f.id = u.force_id
      LEFT JOIN units un ON un.id = u.unit_id
    WHERE s.token_hash = ANY($1::text[]) AND u.disabled_at IS NULL`,
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
}

/** Finds the live sessions for a batch of lookups, sliding the expiry of those in use; `null` where none. */
export async function loadSessions(
  database: Database,
  lookups: readonly SessionLookup[],
  ttlMinutes: number,
): Promise<(AuthContext | null)[]> {
  const hashes = lookups.map((lookup) => hashToken(lookup.token));
  const rows = await database.query<SessionRow>(sessionsQuery, [[...new Set(hashes)]]);
  const byHash = new Map(rows.map((row) => [row.token_hash, row]));
  const sliding = new Map<string, Date>();
  const found = lookups.map((lookup, index): AuthContext | null => {
    const tokenHash = hashes[index] ?? "";
    const row = byHash.get(tokenHash);
    if (!row || row.expires_at <= lookup.now) return null;
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
export function createSessionLoader(
  database: Database,
  ttlMinutes: number,
): Batcher<SessionLookup, AuthContext | null> {
  return createBatcher<SessionLookup, AuthContext | null>(
    async (lookups) => (await loadSessions(database, lookups, ttlMinutes)).map((value) => ({ ok: true, value })),
    { maxInFlight: 1, maxBatch: 500 },
  );
}

/** Ends a session. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
