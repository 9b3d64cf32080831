/**
 * The store side of the maintained trainer counts (migration 0019): the triggers keep `trainer_counts` exact on
 * every write; these helpers set the counted modules, fold appended deltas, roll the expiry horizon and take the
 * force's counts lock ahead of a transaction that moves people (so it never waits on a projection writer while
 * holding that lock: see the deadlock note in docs/decisions/0006-trainer-counts.md).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";

type Executor = Pick<Db, "execute">;

async function rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  // Both drivers answer raw SQL with `{ rows }`; drizzle types the result per driver.
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Takes the force's counts lock exclusively for the rest of the transaction (before moving people). */
export async function lockTrainerCounts(tx: Executor, forceId: string): Promise<void> {
  await tx.execute(sql`SELECT trainer_counts_lock(${forceId}, true)`);
}

/**
 * Makes the counted modules the catalog's; when they change, every force is recounted from scratch (seconds at a
 * million learners). Returns whether a recount ran.
 */
export async function syncTrainerCountModules(db: Db, moduleIds: readonly string[]): Promise<boolean> {
  const current = await rows<{ module_id: string }>(db, sql`SELECT module_id FROM trainer_count_modules`);
  const have = new Set(current.map((row) => row.module_id));
  if (have.size === moduleIds.length && moduleIds.every((id) => have.has(id))) return false;
  await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE trainer_count_modules IN EXCLUSIVE MODE`);
    await tx.execute(sql`DELETE FROM trainer_count_modules`);
    for (const id of moduleIds) await tx.execute(sql`INSERT INTO trainer_count_modules (module_id) VALUES (${id})`);
    const forces = await rows<{ id: string }>(tx, sql`SELECT id FROM forces ORDER BY id`);
    for (const force of forces) await tx.execute(sql`SELECT trainer_counts_recount(${force.id}, false, NULL, NULL)`);
  });
  return true;
}

/** Recounts one force from scratch (the bench's generator, after writing rows in bulk). */
export async function recountTrainerCounts(db: Db, forceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT trainer_counts_recount(${forceId}, false, NULL, NULL)`);
  });
}

/** Folds the force's appended deltas into one row per key; returns how many keys it touched. */
export async function compactTrainerCounts(db: Db, forceId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT trainer_counts_compact(${forceId}) AS n`);
  return Number(row?.n ?? 0);
}

/** Forces with deltas waiting to be folded. */
export async function forcesWithPendingCounts(db: Db): Promise<string[]> {
  const found = await rows<{ force_id: string }>(
    db,
    sql`SELECT DISTINCT force_id FROM trainer_counts WHERE NOT merged`,
  );
  return found.map((row) => row.force_id);
}

/**
 * Keeps the force's expiry horizon at least 31 days after `today` (rolling it forward when needed) and gathers
 * past days into one bucket. Cheap when nothing is due: one read.
 */
export async function rollTrainerCounts(db: Db, forceId: string, today: string): Promise<void> {
  const [row] = await rows<{ far_from: string; gathered_before: string }>(
    db,
    sql`SELECT far_from::text AS far_from, gathered_before::text AS gathered_before FROM trainer_count_forces WHERE force_id = ${forceId}`,
  );
  if (!row) return;
  const needed = new Date(Date.parse(today) + 32 * 86_400_000).toISOString().slice(0, 10);
  const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
  // '-infinity' as text sorts before any date; far_from is never infinite.
  const gathered = row.gathered_before === "-infinity" ? "" : row.gathered_before;
  if (row.far_from >= needed && gathered >= yesterday) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT trainer_counts_roll(${forceId}, ${today}::date)`);
  });
}

/** Folds pending deltas every `everyMs` until stopped (each fold waits for the previous one). */
export function startTrainerCountFolding(
  db: Db,
  onError: (error: unknown) => void,
  everyMs = 2000,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const fold = async () => {
    for (const forceId of await forcesWithPendingCounts(db)) await compactTrainerCounts(db, forceId);
  };
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : fold().catch(onError)));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
