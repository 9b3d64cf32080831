import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";
import type { HelmetOptions } from "helmet";

/**
 * Helmet's response headers for `options`, worked out once. With no per-request directives (no nonces) they
 * are the same for every response, and @fastify/helmet re-derived them on every request: about 5% of the
 * server's CPU when ingesting statements (bench/ingest-bench.ts).
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
    finished = true;
  });
  if (failure) throw failure instanceof Error ? failure : new Error("helmet refused these options");
  // helmet calls back synchronously; anything else would mean headers that depend on the request.
  if (!finished) throw new Error("helmet did not finish synchronously; its headers cannot be computed once");
  return headers;
}
