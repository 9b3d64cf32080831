import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import type { Database } from "../src/server/db/client";
import { SESSION_COOKIE } from "../src/server/auth/session";
import { XAPI_IRI_BASE, XAPI_VERBS, lessonActivityId, moduleActivityId } from "../src/shared/api";
import type { TestClient } from "../test/support/client";

/** A signed-in learner who writes statements about themselves. */
export interface Writer {
  client: TestClient;
  id: string;
  forceId: string;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU milliseconds (user + system) of a process and all its descendants, from /proc. */
export function processTreeCpuMs(rootPid: number): number {
  const stats = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // Fields after the command name (which may hold spaces) start at state, field 3.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return []; // exited meanwhile
      }
    });
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const stat of stats) {
      if (!tree.has(stat.pid) && tree.has(stat.ppid)) {
        tree.add(stat.pid);
        grew = true;
      }
    }
  }
  return stats
    .filter((stat) => tree.has(stat.pid))
    .reduce((sum, stat) => sum + (stat.ticks * 1000) / TICKS_PER_SECOND, 0);
}

/** What makes the requests: wrk (C, from Debian's package) when installed, else a Node worker thread. */
export const loadGenerator: "wrk" | "worker" = existsSync("/usr/bin/wrk") ? "wrk" : "worker";

interface LoadOptions {
  base: string;
  seconds: number;
  /** Where statements go: the app's own `/api/statements`, or the LRS's `/xapi/statements` (issue 19). */
  path: string;
  /** Each writer's own headers (session cookie and CSRF token, or LRS Basic credentials) and user id. */
  writers: LoadWriter[];
  /** Clients sending statements the database cannot store (issue 14), beside the writers. */
  poisoners?: LoadWriter[];
  activityIds: string[];
}

interface LoadWriter {
  headers: Record<string, string>;
  userId: string;
}

/** wrk with one thread and one connection per writer; each POST is one statement without an id (the server assigns it). */
async function loadWithWrk(options: LoadOptions) {
  const dir = mkdtempSync(join(tmpdir(), "ingest-wrk-"));
  const script = join(dir, "statements.lua");
  const lua = (value: string) => JSON.stringify(value); // a JSON string is a valid Lua string for these values
  writeFileSync(
    script,
    `local writers = {${options.writers
      .map(
        (writer) =>
          `{headers={${Object.entries(writer.headers)
            .map(([name, value]) => `[${lua(name)}]=${lua(value)}`)
            .join(", ")}}, user=${lua(writer.userId)}}`,
      )
      .join(",\n")}}
local activities = {${options.activityIds.map(lua).join(", ")}}
local threads = {}
local next_index = 1
function setup(thread)
  thread:set("index", next_index)
  next_index = next_index + 1
  table.insert(threads, thread)
end
function init(args)
  local writer = writers[index]
  headers = writer.headers
  headers["content-type"] = "application/json"
  user = writer.user
  i = 0
  failed = 0
end
function request()
  i = i + 1
  local activity = activities[(i % #activities) + 1]
  local body = '{"actor":{"account":{"homePage":${lua(XAPI_IRI_BASE)},"name":"' .. user .. '"}},"verb":{"id":"${XAPI_VERBS.experienced}"},"object":{"id":"' .. activity .. '"}}'
  return wrk.format("POST", ${lua(options.path)}, headers, body)
end
function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end
function done(summary, latency, requests)
  local failures = 0
  for _, thread in ipairs(threads) do failures = failures + thread:get("failed") end
  io.write(string.format("RESULT %d %d %d\\n", summary.requests, failures, summary.duration))
end
`,
  );
  try {
    const n = String(options.writers.length);
    const { stdout, stderr } = await promisify(execFile)(
      "/usr/bin/wrk",
      ["-t", n, "-c", n, "-d", `${options.seconds}s`, "--timeout", "30s", "-s", script, options.base],
      { maxBuffer: 1 << 20 },
    );
    const match = /RESULT (\d+) (\d+) (\d+)/.exec(stdout);
    if (!match) throw new Error(`wrk printed no result:\n${stdout}\n${stderr}`);
    const [requests, failed, micros] = match.slice(1).map(Number) as [number, number, number];
    return { stored: requests - failed, failed, elapsedMs: micros / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The fallback: a worker thread (its own event loop, so making requests does not slow the server's). */
async function loadWithWorker(options: LoadOptions) {
  const worker = new Worker(new URL("./ingest-load.mjs", import.meta.url), {
    workerData: { ...options, homePage: XAPI_IRI_BASE, verb: XAPI_VERBS.experienced },
  });
  try {
    return await new Promise<{
      stored: number;
      failed: number;
      elapsedMs: number;
      poisonStatuses?: Record<string, number>;
    }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  } finally {
    await worker.terminate();
  }
}

/** What one ingestion measurement found. */
export interface IngestionResult {
  httpRate: number;
  stored: number;
  failed: number;
  /** The poisoning clients' answers by status (none without poisoners). */
  poisonStatuses: Record<string, number>;
  /** The raw INSERT ceiling, or NaN when not measured (`raw: false`). */
  rawRate: number;
  /** CPU time per stored statement during the HTTP phase, by process group (see `sampleCpu`). */
  cpuMsPerStatement: Record<string, number>;
}

/**
 * Statements/s over HTTP with one connection per writer, each POST one `experienced` statement, from
 * {@link loadGenerator}; then the raw ceiling: the same number of concurrent writers doing nothing but a one-row INSERT each, in the same run.
 */
export async function measureIngestion(options: {
  base: string;
  database: Database;
  writers: readonly Writer[];
  module: { id: string; lessons: readonly { id: string }[] };
  seconds: number;
  /** Clients that send a poisoned statement (a NUL byte) after another, beside the writers (issue 14). */
  poisoners?: readonly Writer[];
  /** Measure the raw INSERT ceiling too (default true). */
  raw?: boolean;
  /** CPU milliseconds used so far, by whom (read before and after the HTTP phase). */
  sampleCpu?: () => Promise<Record<string, number>>;
  /** Send to the xAPI LRS (`/xapi/statements`) with these HTTP Basic credentials instead of the app's endpoint. */
  lrsAuthorization?: string;
}): Promise<IngestionResult> {
  const { base, database, writers, module, seconds } = options;
  const cpuBefore = await options.sampleCpu?.();
  const lrs = options.lrsAuthorization;
  const asLoad = ({ client, id }: Writer): LoadWriter => ({
    headers: lrs
      ? { authorization: lrs, "x-experience-api-version": "2.0.0" }
      : { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ""}`, "x-csrf-token": client.csrfToken ?? "" },
    userId: id,
  });
  const poisoners = (options.poisoners ?? []).map(asLoad);
  // The wrk script sends only honest statements; poisoning runs use the worker for both kinds of client.
  const load: { stored: number; failed: number; elapsedMs: number; poisonStatuses?: Record<string, number> } = await (
    loadGenerator === "wrk" && poisoners.length === 0 ? loadWithWrk : loadWithWorker
  )({
    base,
    seconds,
    path: lrs ? "/xapi/statements" : "/api/statements",
    activityIds: module.lessons.map((lesson) => lessonActivityId(module.id, lesson.id)),
    writers: writers.map(asLoad),
    poisoners,
  });

  const cpuAfter = await options.sampleCpu?.();
  const cpuMsPerStatement = Object.fromEntries(
    Object.entries(cpuAfter ?? {}).map(([who, ms]) => [who, (ms - (cpuBefore?.[who] ?? 0)) / Math.max(1, load.stored)]),
  );

  let raw = 0;
  const rawDeadline = options.raw === false ? 0 : Date.now() + seconds * 1000;
  const rawBegin = performance.now();
  await Promise.all(
    writers.map(async ({ id, forceId }) => {
      while (Date.now() < rawDeadline) {
        const statementId = randomUUID();
        await database.db.execute(
          sql`INSERT INTO statements (id, force_id, user_id, verb, object_id, module_id, "timestamp", content_hash, statement)
          VALUES (${statementId}::uuid, ${forceId}, ${id}::uuid, ${XAPI_VERBS.experienced}, ${moduleActivityId(module.id)}, ${module.id}, now(), ${statementId}, ${JSON.stringify({ id: statementId })}::jsonb)`,
        );
        raw += 1;
      }
    }),
  );
  return {
    httpRate: load.stored / (load.elapsedMs / 1000),
    stored: load.stored,
    failed: load.failed,
    poisonStatuses: load.poisonStatuses ?? {},
    rawRate: options.raw === false ? Number.NaN : raw / ((performance.now() - rawBegin) / 1000),
    cpuMsPerStatement,
  };
}

/** PostgreSQL: the app in its own process(es) (bench/ingest-server.ts), so the bench's own work is not on its thread. */
export async function serverProcess(url: string, instances: number) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(new URL("./ingest-server.ts", import.meta.url)),
      "--database-url",
      url,
      "--instances",
      String(instances),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return {
    base,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
