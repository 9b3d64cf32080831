import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { Conflict, NotFound, ScimRefused } from "../errors";
import { cleanInput } from "../http/input-boundary";
import { HttpProblem } from "../http/problem";
import {
  ENTERPRISE_SCHEMA,
  SCIM_MAX_RESULTS,
  USER_SCHEMA,
  createScimUser,
  deactivateScimUser,
  forceOfToken,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
} from "../scim/users";

/** Where SCIM lives: `/scim/v2/Users` and the discovery resources beside it. */
export const SCIM_PREFIX = "/scim/v2";

const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const SCIM_JSON = "application/scim+json; charset=utf-8";

declare module "fastify" {
  interface FastifyRequest {
    /** The force whose SCIM token the request carries; set before every SCIM handler runs. */
    scimForceId: string | null;
  }
}

/** A SCIM error answer (RFC 7644 §3.12). */
class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }
}

/** Answers a SCIM error; also used for addresses refused before routing (`app.ts`'s frameworkErrors). */
export function sendError(reply: FastifyReply, status: number, detail: string, scimType?: string) {
  return reply
    .status(status)
    .type(SCIM_JSON)
    .header("cache-control", "no-store")
    .send({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

const ListQuerySchema = z.object({
  filter: z.string().max(1000).optional(),
  startIndex: z.coerce.number().int().min(-1_000_000).max(1_000_000_000).default(1),
  count: z.coerce.number().int().min(-1_000_000).max(1_000_000_000).default(100),
});
const IdParamsSchema = z.object({ id: z.string().max(100) });

function parse<T>(schema: z.ZodType<T>, value: unknown, part: "query" | "params"): T {
  const result = schema.safeParse(cleanInput(part, value));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ScimError(
    400,
    `${[part, ...(issue?.path ?? [])].join(".")}: ${issue?.message ?? "is not valid"}`,
    "invalidValue",
  );
}

const serviceProviderConfig = (base: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: "oauthbearertoken",
      name: "Bearer token",
      description: "The force's SCIM token, made by a force admin (POST /api/admin/scim-token).",
      primary: true,
    },
  ],
  meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
});

const userResourceType = (base: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
  id: "User",
  name: "User",
  endpoint: "/Users",
  description: "A person who takes training in the force",
  schema: USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
  meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
});

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "string",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

const schemas = (base: string) => [
  {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: USER_SCHEMA,
    name: "User",
    description: "A person; userName is their email address",
    attributes: [
      attribute("userName", { required: true, uniqueness: "server" }),
      attribute("externalId", { caseExact: true }),
      attribute("displayName"),
      {
        ...attribute("name", { type: "complex" }),
        subAttributes: [attribute("formatted"), attribute("givenName"), attribute("familyName")],
      },
      attribute("active", { type: "boolean" }),
      {
        ...attribute("emails", { type: "complex", multiValued: true, mutability: "readOnly" }),
        subAttributes: [attribute("value"), attribute("type"), attribute("primary", { type: "boolean" })],
      },
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${USER_SCHEMA}` },
  },
  {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: ENTERPRISE_SCHEMA,
    name: "EnterpriseUser",
    description: "employeeNumber is the person's collar number, which single sign-on matches on",
    attributes: [attribute("employeeNumber")],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${ENTERPRISE_SCHEMA}` },
  },
];

const listOf = (resources: unknown[]) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

/**
 * SCIM 2.0 for a force's provisioning service, authenticated by the force's bearer token rather than a
 * session (so no cookies and no CSRF token), answering in SCIM's own media type and error shape.
 */
export function registerScim(app: FastifyInstance, deps: AppDeps): void {
  const { db, env, now } = deps;
  const baseOf = (request: FastifyRequest) =>
    `${env.PUBLIC_URL ?? `${request.protocol}://${request.host}`}${SCIM_PREFIX}`;

  app.decorateRequest("scimForceId", null);
  void app.register(
    (scim, _options, done) => {
      // SCIM's own media type (RFC 7644 §3.1) read as JSON; plain application/json is read already.
      scim.addContentTypeParser(
        "application/scim+json",
        { parseAs: "string" },
        scim.getDefaultJsonParser("error", "error"),
      );
      scim.addHook("onRequest", async (request, reply) => {
        reply.header("cache-control", "no-store");
        const header = request.headers.authorization;
        const token = typeof header === "string" ? /^Bearer ([\x21-\x7e]{1,200})$/i.exec(header)?.[1] : undefined;
        const forceId = token === undefined ? undefined : await forceOfToken(db, token);
        if (forceId === undefined) {
          reply.header("www-authenticate", 'Bearer realm="scim"');
          throw new ScimError(401, "Send the force's SCIM token as: Authorization: Bearer <token>.");
        }
        request.scimForceId = forceId;
      });
      scim.setErrorHandler((error, request, reply) => {
        if (error instanceof ScimError) return sendError(reply, error.status, error.message, error.scimType);
        if (error instanceof ScimRefused) return sendError(reply, 400, error.message, error.scimType);
        if (error instanceof NotFound) return sendError(reply, 404, error.message);
        if (error instanceof Conflict) return sendError(reply, 409, error.message, "uniqueness");
        if (error instanceof HttpProblem) {
          return sendError(reply, error.statusCode, error.problem.detail ?? error.problem.title, "invalidValue");
        }
        const { statusCode, message } = error as { statusCode?: unknown; message?: unknown };
        const status = typeof statusCode === "number" ? statusCode : 500;
        if (status >= 400 && status < 500) {
          // Fastify's own refusals: unreadable JSON, an unknown content type, a body too large.
          return sendError(
            reply,
            status,
            typeof message === "string" ? message : "The request could not be read.",
            "invalidSyntax",
          );
        }
        request.log.error({ err: error }, "SCIM request failed");
        return sendError(reply, 500, "Something went wrong; it has been logged.");
      });
      scim.setNotFoundHandler((_request, reply) =>
        sendError(reply, 404, "No such SCIM endpoint here: this service provisions Users only (no Groups)."),
      );

      const forceOf = (request: FastifyRequest) => request.scimForceId ?? "";
      const json = (reply: FastifyReply, status: number, body: unknown) =>
        reply.status(status).type(SCIM_JSON).send(body);
      const bodyOf = (request: FastifyRequest) => cleanInput("body", request.body);

      scim.get("/ServiceProviderConfig", (request, reply) => json(reply, 200, serviceProviderConfig(baseOf(request))));
      scim.get("/ResourceTypes", (request, reply) => json(reply, 200, listOf([userResourceType(baseOf(request))])));
      scim.get("/ResourceTypes/User", (request, reply) => json(reply, 200, userResourceType(baseOf(request))));
      scim.get("/Schemas", (request, reply) => json(reply, 200, listOf(schemas(baseOf(request)))));
      scim.get("/Schemas/:id", (request, reply) => {
        const { id } = parse(IdParamsSchema, request.params, "params");
        const found = schemas(baseOf(request)).find((schema) => schema.id === id);
        if (!found) throw new NotFound("schema");
        return json(reply, 200, found);
      });

      scim.get("/Users", async (request, reply) => {
        const query = parse(ListQuerySchema, request.query, "query");
        return json(reply, 200, await listScimUsers(db, forceOf(request), query, baseOf(request)));
      });
      scim.post("/Users", async (request, reply) => {
        const created = await createScimUser(db, forceOf(request), bodyOf(request), now(), baseOf(request));
        reply.header("location", created.meta.location);
        return json(reply, 201, created);
      });
      scim.get("/Users/:id", async (request, reply) => {
        const { id } = parse(IdParamsSchema, request.params, "params");
        return json(reply, 200, await getScimUser(db, forceOf(request), id, baseOf(request)));
      });
      scim.put("/Users/:id", async (request, reply) => {
        const { id } = parse(IdParamsSchema, request.params, "params");
        return json(
          reply,
          200,
          await replaceScimUser(db, forceOf(request), id, bodyOf(request), now(), baseOf(request)),
        );
      });
      scim.patch("/Users/:id", async (request, reply) => {
        const { id } = parse(IdParamsSchema, request.params, "params");
        return json(reply, 200, await patchScimUser(db, forceOf(request), id, bodyOf(request), now(), baseOf(request)));
      });
      scim.delete("/Users/:id", async (request, reply) => {
        const { id } = parse(IdParamsSchema, request.params, "params");
        await deactivateScimUser(db, forceOf(request), id, now());
        return reply.status(204).send();
      });
      done();
    },
    { prefix: SCIM_PREFIX },
  );
}
