// Load generator for the ingestion bench, run in a worker thread so that making requests does not share an
// event loop with the server it measures. Plain JavaScript so the worker needs no TypeScript loader.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

/** @type {{ base: string, path: string, seconds: number, writers: { headers: Record<string, string>, userId: string }[], poisoners?: { headers: Record<string, string>, userId: string }[], homePage: string, verb: string, activityIds: string[] }} */
const { base, path, seconds, writers, poisoners = [], homePage, verb, activityIds } = workerData;
const url = new URL(path, base);
const agent = new http.Agent({ keepAlive: true, maxSockets: writers.length + poisoners.length });

/** One POST; resolves with the status once the whole answer has been read. */
function post(writer, body) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          ...writer.headers,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

let stored = 0;
let failed = 0;
/** @type {Record<number, number>} */
const poisonStatuses = {};
const deadline = Date.now() + seconds * 1000;
const begin = performance.now();
await Promise.all(
  writers.map(async (writer, n) => {
    for (let i = 0; Date.now() < deadline; i += 1) {
      const status = await post(writer, {
        id: randomUUID(),
        actor: { account: { homePage, name: writer.userId } },
        verb: { id: verb },
        object: { id: activityIds[(n + i) % activityIds.length] },
      });
      if (status === 200) stored += 1;
      else failed += 1;
    }
  }),
  // Issue 14's poisoning client: statements the database cannot store (a NUL in context.platform), as fast
  // as they are answered. Its answers are counted apart; the honest writers' rate is what is measured.
  ...poisoners.map(async (poisoner, n) => {
    for (let i = 0; Date.now() < deadline; i += 1) {
      const status = await post(poisoner, {
        id: randomUUID(),
        actor: { account: { homePage, name: poisoner.userId } },
        verb: { id: verb },
        object: { id: activityIds[(n + i) % activityIds.length] },
        context: { platform: "poison\u0000" },
      });
      poisonStatuses[status] = (poisonStatuses[status] ?? 0) + 1;
    }
  }),
);
agent.destroy();
parentPort?.postMessage({ stored, failed, poisonStatuses, elapsedMs: performance.now() - begin });
