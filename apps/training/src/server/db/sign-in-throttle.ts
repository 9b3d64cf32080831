import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** A key's failures in its current window after a reservation, and when that window ends. */
export interface ThrottleCount {
  failures: number;
  windowEndsAt: Date;
}

/**
 * Reserves one attempt for a key: one atomic upsert that starts a new window when the old one has ended and
 * otherwise adds one, returning the count. Concurrent reservations of one key queue on its row (PostgreSQL)
 * or on the one connection (PGlite), so no two see the same count.
 */
export async function reserveAttempt(db: Db, key: string, now: Date, windowMs: number): Promise<ThrottleCount> {
  const windowEndsAt = new Date(now.getTime() + windowMs);
  const result: unknown = await db.execute(sql`
    INSERT INTO sign_in_throttle AS t (key, failures, window_ends_at)
    VALUES (${key}, 1, ${windowEndsAt.toISOString()}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_ends_at <= ${now.toISOString()}::timestamptz THEN 1 ELSE t.failures + 1 END,
      window_ends_at = CASE WHEN t.window_ends_at <= ${now.toISOString()}::timestamptz
        THEN excluded.window_ends_at ELSE t.window_ends_at END
    RETURNING failures, window_ends_at`);
  const [row] = (result as { rows: { failures: number; window_ends_at: Date | string }[] }).rows;
  if (!row) throw new Error("the throttle upsert returned no row");
  return { failures: Number(row.failures), windowEndsAt: new Date(row.window_ends_at) };
}

/** Gives back one reserved attempt (the attempt succeeded, or another key refused it). */
export async function releaseAttempt(db: Db, key: string): Promise<void> {
  await db.execute(sql`UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${key}`);
}

/** Forgets a key's count (a successful sign-in clears its account's failures). */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM sign_in_throttle WHERE key = ${key}`);
}

/** Deletes counts whose window has ended, so made-up identifiers cannot grow the table without bound. */
export async function deleteEndedWindows(db: Db, now: Date): Promise<void> {
  await db.execute(sql`DELETE FROM sign_in_throttle WHERE window_ends_at <= ${now.toISOString()}::timestamptz`);
}
