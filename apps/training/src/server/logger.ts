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
  "*.clientSecret",
  "*.secret",
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
 * parameters (which can be emails or password hashes), so anything after "params:" is cut. A database error
 * wrapped by the query builder is logged as its `cause` with PostgreSQL's fields that name things, never
 * values: the SQLSTATE code, the constraint, table, column and routine (not `detail`, which quotes the key
 * that clashed), so a 500 can be diagnosed from the log.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: "non-error thrown", stack: "" };
  // PostgreSQL quotes the offending value after a colon ('invalid input syntax for type uuid: "…"').
  const cut = (text: string) =>
    text.replace(/params:[\s\S]*$/i, "params: [redacted]").replace(/: "[^\n]*"/g, ': "[redacted]"');
  const fields = error as {
    code?: unknown;
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
    routine?: unknown;
  };
  const named = Object.fromEntries(
    (["code", "constraint", "table", "column", "routine"] as const).flatMap((name) =>
      typeof fields[name] === "string" ? [[name, fields[name]]] : [],
    ),
  );
  return {
    type: error.name,
    message: cut(error.message),
    stack: cut(error.stack ?? ""),
    ...named,
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
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
      err: (error: unknown) => serializeError(error),
      req: serializeRequest,
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    ...(stream ? { stream } : {}),
  };
}
