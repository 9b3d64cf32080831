import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { AccountRole, JobRole } from "../../shared/api";
import type { Batcher } from "../batcher";
import { createBatcher } from "../batcher";
import type { Db } from "../db/client";
import { forces, sessions, units, users } from "../db/schema";

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

/** Finds the live sessions for a batch of lookups, sliding the expiry of those in use; `null` where none. */
export async function loadSessions(
  db: Db,
  lookups: readonly SessionLookup[],
  ttlMinutes: number,
): Promise<(AuthContext | null)[]> {
  const hashes = lookups.map((lookup) => hashToken(lookup.token));
  const rows = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        forceId: users.forceId,
        forceName: forces.name,
        unitId: users.unitId,
        unitName: units.name,
        role: users.role,
        jobRole: users.jobRole,
        displayName: users.displayName,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(forces, eq(forces.id, users.forceId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(inArray(sessions.tokenHash, [...new Set(hashes)]), isNull(users.disabledAt)));
  const byHash = new Map(rows.map((row) => [row.session.tokenHash, row]));
  const sliding = new Map<string, Date>();
  const found = lookups.map((lookup, index) => {
    const tokenHash = hashes[index] ?? "";
    const row = byHash.get(tokenHash);
    if (!row || row.session.expiresAt <= lookup.now) return null;
    const fresh = new Date(lookup.now.getTime() + ttlMinutes * 60_000);
    // Slide the expiry at most once a minute, so a busy client does not write on every request.
    const slides = fresh.getTime() - row.session.expiresAt.getTime() > 60_000;
    if (slides && fresh > (sliding.get(tokenHash) ?? row.session.expiresAt)) sliding.set(tokenHash, fresh);
    return {
      user: row.user,
      session: { tokenHash, csrfToken: row.session.csrfToken, expiresAt: slides ? fresh : row.session.expiresAt },
    };
  });
  for (const [tokenHash, expiresAt] of sliding) {
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return found;
}

/**
 * Session lookups for concurrent requests share one query (group lookup), so a busy server pays one round
 * trip per batch rather than one per request; an idle one still looks each request up at once.
 */
export function createSessionLoader(db: Db, ttlMinutes: number): Batcher<SessionLookup, AuthContext | null> {
  return createBatcher<SessionLookup, AuthContext | null>(
    async (lookups) => (await loadSessions(db, lookups, ttlMinutes)).map((value) => ({ ok: true, value })),
    { maxInFlight: 1, maxBatch: 500 },
  );
}

/** Ends a session. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
