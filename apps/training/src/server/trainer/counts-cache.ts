/**
 * A short-lived cache for the trainer's whole-population counts (grid summary, charts).
 *
 * Why a cache: the counts are distinct people over every learner matching the filter, so at a million
 * learners they read every projection row (seconds), whatever the indexes. A counter that each statement
 * updates would answer at once, but it would be one hot row per force that every ingestion transaction locks,
 * serialising the writers. Instead a count that took longer than `slowMs` to compute is kept for a short
 * while and served with the time it was counted (`countedAt`, shown as "counts as of 10:42"):
 *
 * - younger than `refreshAfterMs`: served as it is;
 * - older, but younger than `maxAgeMs`: served, and recomputed in the background (one refresh at a time per
 *   filter) so the next request gets newer counts;
 * - older than `maxAgeMs`, or never computed: computed while the request waits.
 *
 * Counts that are quick to compute (a small force, a narrow filter) are never cached, so they are always live.
 * Each app instance holds its own cache; nothing is shared or written to the database.
 */

/** When a count is cached and for how long. */
export interface CountsCacheOptions {
  /** Only results that took at least this long to compute are cached. */
  slowMs: number;
  /** A cached result older than this is refreshed in the background while it is served. */
  refreshAfterMs: number;
  /** A cached result older than this is not served: the request waits for a new count. */
  maxAgeMs: number;
  /** At most this many filters are kept (the oldest is dropped first). */
  maxEntries: number;
}

/** The app's settings: counts at most five minutes old, usually under a quarter of a minute. */
export const COUNTS_CACHE_OPTIONS: CountsCacheOptions = {
  slowMs: 250,
  refreshAfterMs: 15_000,
  maxAgeMs: 300_000,
  maxEntries: 500,
};

interface Entry {
  value: unknown;
  at: number;
  refreshing: boolean;
}

/** Caches slow counts per key (force and filter); see the module comment for the rules. */
export class CountsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => Date,
    private readonly options: CountsCacheOptions = COUNTS_CACHE_OPTIONS,
  ) {}

  /** The value for `key`: cached when allowed, else computed by `compute` (which reads its own clock). */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const at = this.now().getTime();
    const entry = this.entries.get(key);
    if (entry && at - entry.at < this.options.maxAgeMs) {
      if (at - entry.at >= this.options.refreshAfterMs && !entry.refreshing) {
        entry.refreshing = true;
        // A failed refresh keeps serving the older counts until they are too old; the next request retries.
        this.compute(key, compute).catch(() => {
          entry.refreshing = false;
        });
      }
      return entry.value as T;
    }
    return this.compute(key, compute);
  }

  /** Forgets every cached count whose key starts with `prefix` (a force's, after it assigns a module). */
  forget(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private async compute<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const started = this.now().getTime();
    const value = await compute();
    if (this.now().getTime() - started < this.options.slowMs) {
      this.entries.delete(key);
      return value;
    }
    this.entries.delete(key);
    this.entries.set(key, { value, at: started, refreshing: false });
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}
