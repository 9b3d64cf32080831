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

/** Fastify logger options: pino, with redaction and the safe error serializer. */
export function loggerOptions(
  level: LevelWithSilent,
  stream?: DestinationStream,
): Exclude<NonNullable<FastifyServerOptions["logger"]>, boolean> {
  return {
    level,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    serializers: { err: serializeError },
    ...(stream ? { stream } : {}),
  };
}
