import { describe, expect, it } from "vitest";
import type { ItemResult } from "../../src/server/batcher";
import { createBatcher } from "../../src/server/batcher";

/** One turn of the event loop, after which a batch the batcher scheduled has started. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A batch runner whose batches the test finishes by hand, recording what each batch held. */
function manualRunner() {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const run = (items: readonly number[]) =>
    new Promise<ItemResult<number>[]>((resolve) => {
      batches.push([...items]);
      finishers.push(() =>
        resolve(
          items.map((item) =>
            item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: item * 10 },
          ),
        ),
      );
    });
  const finishNext = async () => {
    finishers.shift()?.();
    await turn();
    await turn();
  };
  return { batches, run, finishNext };
}

describe("createBatcher (group commit)", () => {
  it("runs what was submitted in one turn together when idle, and gathers what arrives while a batch runs", async () => {
    const runner = manualRunner();
    const submit = createBatcher(runner.run, { maxInFlight: 1, maxBatch: 100 });
    const first = submit(1);
    expect(runner.batches).toEqual([]);
    await turn();
    expect(runner.batches).toEqual([[1]]);
    const later = [submit(2), submit(3), submit(4)];
    await turn();
    expect(runner.batches).toEqual([[1]]);
    await runner.finishNext();
    expect(await first).toBe(10);
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    await runner.finishNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it("gives each item its own error and leaves its neighbours' results alone", async () => {
    const runner = manualRunner();
    const submit = createBatcher(runner.run, { maxInFlight: 1, maxBatch: 100 });
    const blocker = submit(0);
    await turn();
    const results = [submit(5), submit(-1), submit(6)].map((promise) =>
      promise.then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      ),
    );
    await runner.finishNext();
    await blocker;
    await runner.finishNext();
    expect(await Promise.all(results)).toEqual([{ value: 50 }, { error: "bad -1" }, { value: 60 }]);
  });

  it("fails every item of a batch whose runner throws, and keeps serving later items", async () => {
    let calls = 0;
    const submit = createBatcher(
      (items: readonly number[]): Promise<ItemResult<number>[]> => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error("connection lost"));
        return Promise.resolve(items.map((value) => ({ ok: true, value })));
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    await expect(submit(1)).rejects.toThrow("connection lost");
    expect(await submit(2)).toBe(2);
  });

  it("keeps to maxInFlight and maxBatch, measured by sizeOf, but always takes at least one item", async () => {
    const runner = manualRunner();
    const submit = createBatcher(runner.run, { maxInFlight: 2, maxBatch: 10, sizeOf: (item) => item });
    const all = [submit(1), submit(2), submit(4), submit(5), submit(6), submit(20), submit(3)];
    await turn();
    // Two batches start (1 2 4, then 5), the rest wait; each batch fills up to 10 by size.
    expect(runner.batches).toEqual([[1, 2, 4], [5]]);
    await runner.finishNext();
    expect(runner.batches).toEqual([[1, 2, 4], [5], [6]]);
    await runner.finishNext();
    await runner.finishNext();
    await runner.finishNext();
    await runner.finishNext();
    expect(runner.batches).toEqual([[1, 2, 4], [5], [6], [20], [3]]);
    expect(await Promise.all(all)).toEqual([10, 20, 40, 50, 60, 200, 30]);
  });

  it("drain resolves only when every queued item is done", async () => {
    const runner = manualRunner();
    const submit = createBatcher(runner.run, { maxInFlight: 1, maxBatch: 100 });
    await submit.drain();
    void submit(1);
    void submit(2);
    let drained = false;
    const draining = submit.drain().then(() => {
      drained = true;
    });
    await runner.finishNext();
    expect(drained).toBe(false);
    await runner.finishNext();
    await draining;
    expect(drained).toBe(true);
  });
});
