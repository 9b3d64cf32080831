import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AccountRole } from "../../shared/api";
import { ProblemSchema } from "../../shared/api";
import type { AuthContext } from "../auth/session";
import { cleanInput } from "./input-boundary";
import {
  forbidden,
  passwordChangeRequired,
  sessionEnded,
  unauthenticated,
  unsupportedBody,
  validationProblem,
} from "./problem";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call a route: anyone (signed in or not), or a signed-in user with one of these roles. */
export type Access = "anyone" | readonly AccountRole[];

/** What a handler receives: parsed input, and the signed-in user when the route needs one. */
export interface HandlerContext<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  auth: A extends "anyone" ? AuthContext | null : AuthContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A route described once: its access rule, its zod input and output schemas, and its handler. */
export interface RouteSpec<P, Q, B, R, A extends Access> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  access: A;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * `schema: null` means an empty answer (204). With `contentType` (CSV, HTML) the handler's string or stream
   * is sent as that type, unparsed: for files and streamed exports, whose shape no JSON schema describes.
   */
  response: { status: number; schema: z.ZodType<R> | null; description: string; contentType?: string };
  /** Extra documented error statuses besides the ones every route can answer. */
  errors?: number[];
  /**
   * Open to a session whose password is temporary (changing it). Every other signed-in route refuses such a
   * session until the password is changed; routes open to anyone stay open.
   */
  withTemporaryPassword?: true;
  /**
   * The body is a file of this type sent as it is (a CSV import), handed to the handler as a Buffer of at most
   * `maxBytes`; `body` must then be left out. Every other route reads JSON only.
   */
  rawBody?: { contentType: "text/csv"; maxBytes: number; description: string };
  /** Route options passed through to fastify (rate limits). */
  config?: Record<string, unknown>;
  handler(context: HandlerContext<P, Q, B, A>): Promise<R> | R;
}

// Routes are collected as they are registered so the OpenAPI document is generated from exactly the
// schemas that validate requests and responses.
type AnyRoute = RouteSpec<unknown, unknown, unknown, unknown, Access>;

/** Defines a route with its types inferred from its schemas. */
export function defineRoute<P = undefined, Q = undefined, B = undefined, R = undefined, A extends Access = Access>(
  spec: RouteSpec<P, Q, B, R, A>,
): RouteSpec<P, Q, B, R, A> {
  return spec;
}

function parsePart<T>(part: "params" | "query" | "body", schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(cleanInput(part, value));
  if (!result.success) throw validationProblem(part, result.error);
  return result.data;
}

/** Registers routes on fastify: checks access, parses input, runs the handler and validates its output. */
export function registerRoutes(app: FastifyInstance, routes: readonly AnyRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.config ? { config: route.config } : {}),
      ...(route.rawBody ? { bodyLimit: route.rawBody.maxBytes } : {}),
      handler: async (request, reply) => {
        const auth = request.auth;
        if (route.access !== "anyone") {
          if (!auth) throw request.sessionEnded ? sessionEnded(request.sessionEnded) : unauthenticated();
          if (auth.user.mustChangePassword && route.withTemporaryPassword !== true) throw passwordChangeRequired();
          if (!route.access.includes(auth.user.role)) throw forbidden();
        }
        const params = parsePart("params", route.params, request.params);
        const query = parsePart("query", route.query, request.query);
        const raw = Buffer.isBuffer(request.body);
        if (raw !== (route.rawBody !== undefined) && !(route.rawBody && request.body === undefined)) {
          throw unsupportedBody(route.rawBody?.contentType ?? "application/json");
        }
        // A JSON body of `null` or a missing body is still checked against the schema, naming "body"; a file
        // (a CSV import) goes to the handler as its bytes, which it reads itself, naming rows and columns.
        const body = route.rawBody ? (request.body ?? Buffer.alloc(0)) : parsePart("body", route.body, request.body);
        const result = await route.handler({ params, query, body, auth, request, reply });
        reply.status(route.response.status);
        if (route.response.contentType !== undefined) return reply.type(route.response.contentType).send(result);
        if (route.response.schema === null) return reply.send();
        // Output is validated too: a handler that would leak a field the contract does not have fails loudly.
        return reply.send(route.response.schema.parse(result));
      },
    });
  }
}

const toJson = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" }) as Record<string, unknown>;

/** Generates the OpenAPI 3.0 document from the registered routes' zod schemas. */
export function openApiDocument(routes: readonly AnyRoute[]): Record<string, unknown> {
  const problem = {
    description: "Problem details (RFC 9457)",
    content: { "application/problem+json": { schema: toJson(ProblemSchema, "output") } },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      if (!schema) continue;
      const json = toJson(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || json.required?.includes(name) === true,
          schema: property,
        });
      }
    }
    const statuses = new Set([400, ...(route.access === "anyone" ? [] : [401, 403]), ...(route.errors ?? [])]);
    if (route.method !== "GET") statuses.add(403);
    const responses: Record<string, unknown> = {
      [route.response.status]: route.response.contentType
        ? {
            description: route.response.description,
            content: { [route.response.contentType]: { schema: { type: "string" } } },
          }
        : route.response.schema
          ? {
              description: route.response.description,
              content: { "application/json": { schema: toJson(route.response.schema, "output") } },
            }
          : { description: route.response.description },
    };
    for (const status of [...statuses].sort()) responses[status] = problem;
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: route.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: toJson(route.body, "input") } } } }
        : route.rawBody
          ? {
              requestBody: {
                required: true,
                description: route.rawBody.description,
                content: { [route.rawBody.contentType]: { schema: { type: "string", format: "binary" } } },
              },
            }
          : {}),
      ...(route.method === "GET" ? {} : { "x-csrf": "Send the x-csrf-token header from GET /api/session." }),
      security: route.access === "anyone" ? [] : [{ session: [] }],
      responses,
    };
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Stalking Response Toolkit: training API",
      version: "1.0.0",
      description:
        "JSON API of the training app. Every error is application/problem+json. State-changing requests need the x-csrf-token header.",
    },
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "srt_session" } } },
    paths,
  };
}
