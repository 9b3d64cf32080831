/** What a batch gives back for one item: its value, or the error that item alone should see. */
export type ItemResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Options of {@link createBatcher}. */
export interface BatcherOptions<I> {
  /** Batches that may run at the same time (each one typically holds one database connection). */
  maxInFlight: number;
  /** The most one batch takes, in units of `sizeOf` (items, by default); a batch always takes at least one item. */
  maxBatch: number;
  /** How much of `maxBatch` an item uses. */
  sizeOf?: (item: I) => number;
}

/** A function that queues one item and resolves or rejects when the batch holding it has finished. */
export interface Batcher<I, O> {
  (item: I): Promise<O>;
  /** Resolves once every item queued so far has been handled. */
  drain(): Promise<void>;
}

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit: an item arriving while `maxInFlight` batches are running waits, and the next batch takes
 * every item that gathered meanwhile. An idle system therefore runs each item on the next turn of the event
 * loop, and a busy one pays per-batch costs (round trips, commit flushes) once for many items instead of
 * once per item.
 * `run` must return one result per item, in order; if it throws, every item in its batch gets the error.
 */
export function createBatcher<I, O>(
  run: (items: readonly I[]) => Promise<readonly ItemResult<O>[]>,
  options: BatcherOptions<I>,
): Batcher<I, O> {
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const sizeOf = options.sizeOf ?? (() => 1);

  const settle = (batch: Pending<I, O>[], results: readonly ItemResult<O>[] | null, failure?: unknown) => {
    batch.forEach((pending, index) => {
      const result = results?.[index];
      if (result?.ok) pending.resolve(result.value);
      else if (result) pending.reject(result.error);
      else pending.reject(failure ?? new Error("the batch returned no result for this item"));
    });
  };

  // A batch starts on the next turn of the event loop, not at once: requests read from the network in the
  // same turn then go together. It matters most on PGlite, whose work blocks the event loop, so requests
  // pile up unread while a batch runs and would otherwise start one batch each once read.
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      let taken = 0;
      let size = 0;
      while (taken < queue.length) {
        const next = queue[taken];
        if (!next) break;
        size += sizeOf(next.item);
        if (taken > 0 && size > options.maxBatch) break;
        taken += 1;
      }
      const batch = queue.splice(0, taken);
      inFlight += 1;
      run(batch.map((pending) => pending.item))
        .then(
          (results) => settle(batch, results),
          (error: unknown) => settle(batch, null, error),
        )
        .finally(() => {
          inFlight -= 1;
          if (queue.length > 0) schedule();
          if (inFlight === 0 && queue.length === 0) {
            const waiting = idle;
            idle = [];
            for (const resolve of waiting) resolve();
          }
        });
    }
  };

  const submit = (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
  return Object.assign(submit, {
    drain: () =>
      inFlight === 0 && queue.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idle.push(resolve);
          }),
  });
}
