import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "./problem";

/**
 * A budget of refused statement writes per caller (issue 14).
 *
 * A client that keeps sending statements the server refuses (a NUL byte, a forged verb, someone else's
 * actor) costs a request's worth of work each time and is answered in well under a millisecond, so one such
 * client sending as fast as it is answered took about a fifth of a 2-core server's ingestion from 32 honest
 * writers. Each caller may be refused `capacity` times, refilled at `refillPerMinute`; once it is spent, the
 * caller's statement writes are answered 429 with `Retry-After` before their session is looked up or their
 * body read, and the answer is held until the caller may retry, which costs a timer rather than CPU and
 * paces a client that waits for each answer to the rate it is allowed.
 *
 * The caller is the session cookie (`/api/statements`) or the HTTP Basic credential (`/xapi/statements`), as
 * sent: an unknown token spends a budget of its own, and a caller cannot reset its budget without a new
 * session, which needs a sign-in (itself throttled). Kept in this process's memory on purpose: it protects
 * this instance's throughput and is not a security limit, and counting refusals in the database would add a
 * write for every refused request, which is what it is there to save. An honest client whose one bad
 * statement is refused meets it never.
 */
export class RefusalBudget {
  private readonly spent = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerMinute: number,
    /** Callers remembered at most; the least recently refused are forgotten first. */
    private readonly maxCallers = 50_000,
  ) {}

  private tokensAt(key: string, now: number): number {
    const entry = this.spent.get(key);
    if (!entry) return this.capacity;
    return Math.min(this.capacity, entry.tokens + ((now - entry.at) / 60_000) * this.refillPerMinute);
  }

  /** Milliseconds until the caller may be refused again (0: it may write now). */
  waitFor(key: string, now: number): number {
    const tokens = this.tokensAt(key, now);
    if (tokens >= 1) return 0;
    return Math.ceil(((1 - tokens) / this.refillPerMinute) * 60_000);
  }

  /** Records one refused write. */
  spend(key: string, now: number): void {
    const tokens = this.tokensAt(key, now) - 1;
    this.spent.delete(key);
    this.spent.set(key, { tokens, at: now });
    if (this.spent.size > this.maxCallers) {
      const oldest = this.spent.keys().next().value;
      if (oldest !== undefined) this.spent.delete(oldest);
    }
  }
}

/** Statement writes whose refusals are counted, by the route fastify matched and the method. */
const STATEMENT_WRITES = new Set(["POST /api/statements", "POST /xapi/statements", "PUT /xapi/statements"]);

/** Refusals that say the caller sent something wrong (not "sign in again", not "too many"). */
const COUNTED = new Set([400, 403, 409, 413, 415]);

/** The caller as its credential was sent; `undefined` when it sent none (answered 401 by the routes). */
function callerOf(request: FastifyRequest, sessionCookie: string): string | undefined {
  const cookie = request.cookies[sessionCookie];
  if (cookie) return `session:${cookie}`;
  const authorization = request.headers.authorization;
  return authorization ? `basic:${authorization}` : undefined;
}

/** Refuses statement writes from callers whose refusal budget is spent; counts each refusal. */
export function applyRefusalBudget(
  app: FastifyInstance,
  options: { budget: RefusalBudget; sessionCookie: string; now: () => number; maxHoldMs?: number },
): void {
  const { budget, sessionCookie, now } = options;
  const maxHoldMs = options.maxHoldMs ?? 2_000;
  const watched = (request: FastifyRequest) =>
    STATEMENT_WRITES.has(`${request.method} ${request.routeOptions.url ?? ""}`);

  app.addHook("onRequest", async (request, reply) => {
    if (!watched(request)) return;
    const caller = callerOf(request, sessionCookie);
    if (caller === undefined) return;
    const waitMs = budget.waitFor(caller, now());
    if (waitMs === 0) return;
    const holdMs = Math.min(waitMs, maxHoldMs);
    await sleep(holdMs);
    reply.header("retry-after", String(Math.ceil((waitMs - holdMs) / 1000)));
    throw new HttpProblem(
      429,
      "refused-too-often",
      "Too many refused statements",
      "Too many of your recent statements were refused. Fix what the earlier answers named, then try again.",
    );
  });
  app.addHook("onResponse", async (request, reply) => {
    if (!COUNTED.has(reply.statusCode) || !watched(request)) return;
    const caller = callerOf(request, sessionCookie);
    if (caller !== undefined) budget.spend(caller, now());
  });
}
