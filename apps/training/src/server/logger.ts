import type { FastifyServerOptions } from "fastify";
import type { DestinationStream, LevelWithSilent } from "pino";

/**
 * Paths pino removes from every log line. Requests are logged without headers or bodies already; these
 * are a second line of defence should someone log a request, a user or a body by hand.
 */
export const redactedPaths = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "*.password",
  "*.passwordHash",
  "*.email",
  "*.identifier",
  "*.displayName",
  "*.collarNumber",
  "*.csrfToken",
  "*.token",
];

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string;
}

/**
 * Errors are logged by name, code and message only: database errors quote the failed query with its
 * parameters (which can be emails or password hashes), so anything after "params:" is cut.
 */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: "non-error thrown", stack: "" };
  const cut = (text: string) => text.replace(/params:[\s\S]*$/i, "params: [redacted]");
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: cut(error.message),
    stack: cut(error.stack ?? ""),
    ...(typeof code === "string" ? { code } : {}),
  };
}

/**
 * A request as logged: method and path only. The query string is cut because it can carry what a person
 * typed (a trainer's search for a name or collar number); headers and bodies are never logged.
 */
export function serializeRequest(request: { method: string; url: string; id?: unknown }) {
  const queryAt = request.url.indexOf("?");
  return {
    method: request.method,
    url: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
    ...(request.id !== undefined ? { id: request.id } : {}),
  };
}

/** Fastify logger options: pino, with redaction and the safe request and error serializers. */
export function loggerOptions(
  level: LevelWithSilent,
  stream?: DestinationStream,
): Exclude<NonNullable<FastifyServerOptions["logger"]>, boolean> {
  return {
    level,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    serializers: {
      err: serializeError,
      req: serializeRequest,
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    ...(stream ? { stream } : {}),
  };
}
