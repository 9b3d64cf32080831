import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { LrsCredential } from "../auth/lrs-clients";
import { authenticateLrsClient } from "../auth/lrs-clients";
import type { AppDeps } from "../deps";
import { HttpProblem, forbidden } from "../http/problem";
import { cleanInput } from "../http/input-boundary";
import {
  XAPI_VERSIONS,
  readActivity,
  readClientStatements,
  readPerson,
  requestedVersion,
  storeClientStatements,
} from "../learning/lrs";
import { deleteDocuments, documentRequest, readDocuments, writeDocument } from "../learning/lrs-documents";

/**
 * The xAPI LRS at /xapi (issue 19): HTTP only. Who may call is decided here, from the HTTP Basic credentials an
 * admin created (never a session cookie); the rules are in learning/lrs.ts and learning/lrs-documents.ts.
 */

declare module "fastify" {
  interface FastifyRequest {
    /** The LRS client calling /xapi, set before any /xapi handler runs. */
    lrsClient: LrsCredential | null;
    /** The xAPI version the request asked for, which the answer names too. */
    xapiVersion: "1.0.3" | "2.0.0";
  }
}

const unauthorised = () =>
  new HttpProblem(
    401,
    "unauthenticated",
    "LRS credentials required",
    "Send the HTTP Basic credentials (key and secret) your force's admin created for this client.",
    [{ field: "header.authorization", reason: "is missing, malformed, unknown or revoked" }],
  );

/** The query string's parameters as strings; one given twice is refused rather than guessed at. */
function queryOf(request: FastifyRequest): Record<string, string> {
  const raw = cleanInput("query", request.query) as Record<string, unknown>;
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "string") {
      throw new HttpProblem(400, "validation", "The request is not valid", `query.${name}: is given more than once`, [
        { field: `query.${name}`, reason: "is given more than once" },
      ]);
    }
    query[name] = value;
  }
  return query;
}

function need(request: FastifyRequest, right: "read" | "write"): LrsCredential {
  const client = request.lrsClient;
  if (!client) throw unauthorised();
  // Communication 3.2.s3.b10: credentials without the right get 403.
  if (right === "read" ? !client.canRead : !client.canWrite) {
    throw forbidden(`These credentials have no ${right} right on this LRS.`);
  }
  return client;
}

/** Accept-Language as a list of language tags, most wanted first (for format=canonical). */
function languagesOf(request: FastifyRequest): string[] {
  const header = request.headers["accept-language"];
  if (typeof header !== "string") return [];
  return header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(/q=([0-9.]+)/.exec(params.join(";"))?.[1] ?? "1");
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag);
}

/** The request's body as the catch-all parser left it: bytes. */
const bodyBytes = (request: FastifyRequest): Buffer => (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));

function jsonBody(request: FastifyRequest): unknown {
  const type = request.headers["content-type"] ?? "";
  // Communication 3.2.s3.b6: a statement request's content type matches its content.
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    const multipart = /^multipart\/mixed/i.test(type);
    throw new HttpProblem(
      400,
      "validation",
      "The request is not valid",
      multipart
        ? "Attachments sent as multipart/mixed are not supported by this LRS; send statements as application/json (attachments with a fileUrl are accepted)."
        : "Send statements as application/json.",
      [
        {
          field: "header.content-type",
          reason: multipart ? "multipart/mixed is not supported" : "must be application/json",
        },
      ],
    );
  }
  const buffer = bodyBytes(request);
  try {
    return cleanInput("body", JSON.parse(buffer.toString("utf8")) as unknown);
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem(400, "validation", "The request is not valid", "The body is not JSON.", [
      { field: "body", reason: "is not valid JSON" },
    ]);
  }
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
};

/** Registers the LRS's resources under /xapi. */
export async function registerXapi(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, catalog, ingest, now } = deps;
  const statementsDeps = { db, catalog, ingest, now };

  await app.register(
    (lrs, _options, done) => {
      // Documents may be of any type; statements are parsed here, so every body arrives as bytes.
      lrs.removeAllContentTypeParsers();
      lrs.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, next) => next(null, body));
      lrs.decorateRequest("lrsClient", null);
      lrs.decorateRequest("xapiVersion", "2.0.0");

      lrs.addHook("onRequest", async (request, reply) => {
        // Communication 3.3.s3.b1: every answer names the version; records are personal, so never cached.
        reply.header("x-experience-api-version", "2.0.0").header("cache-control", "no-store");
        if (request.routeOptions.url === "/xapi/about") return;
        request.xapiVersion = requestedVersion(header(request, "x-experience-api-version"));
        reply.header("x-experience-api-version", request.xapiVersion);
        request.lrsClient = await authenticateLrsClient(db, header(request, "authorization"));
        if (!request.lrsClient) {
          reply.header("www-authenticate", 'Basic realm="xAPI", charset="UTF-8"');
          throw unauthorised();
        }
      });
      // Communication 2.1.3.s2.b5: on every answer of the Statement resource, errors included.
      lrs.addHook("onSend", async (request, reply) => {
        if (request.routeOptions.url === "/xapi/statements") {
          reply.header("x-experience-api-consistent-through", ingest.consistentThrough().toISOString());
        }
      });

      lrs.get("/xapi/about", () => ({ version: [...XAPI_VERSIONS], extensions: {} }));

      lrs.get("/xapi/activities", (request) => readActivity(db, need(request, "read"), queryOf(request)));
      lrs.get("/xapi/agents", (request) => {
        need(request, "read");
        return readPerson(queryOf(request));
      });

      lrs.get("/xapi/statements", async (request, reply) => {
        const client = need(request, "read");
        const query = queryOf(request);
        const answer = await readClientStatements(db, client, query, languagesOf(request));
        if (query.attachments === "true") {
          // Communication 2.1.3.s2.b6: the multipart format; this LRS keeps no attachment bytes, so the JSON part is all.
          const boundary = `xapi-${Date.now().toString(36)}`;
          const json = JSON.stringify(answer.kind === "one" ? answer.statement : answer.result);
          return reply
            .type(`multipart/mixed; boundary=${boundary}`)
            .send(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n--${boundary}--\r\n`);
        }
        if (answer.kind === "one") {
          // Communication 2.1.3.s2.b8: Last-Modified is the statement's stored time.
          reply.header("last-modified", answer.lastModified.toUTCString());
          return answer.statement;
        }
        return answer.result;
      });

      const store = async (request: FastifyRequest, reply: FastifyReply, method: "POST" | "PUT") => {
        const client = need(request, "write");
        const query = queryOf(request);
        const allowed = method === "PUT" ? ["statementId"] : [];
        const unknown = Object.keys(query).find((name) => !allowed.includes(name));
        if (unknown !== undefined) {
          throw new HttpProblem(
            400,
            "validation",
            "The request is not valid",
            `query.${unknown}: is not a parameter here`,
            [
              {
                field: `query.${unknown}`,
                reason: `is not a parameter of ${method} statements (Communication 3.2.s3.b7)`,
              },
            ],
          );
        }
        const putId = query.statementId;
        if (method === "PUT" && (putId === undefined || !/^[0-9a-f-]{36}$/i.test(putId))) {
          throw new HttpProblem(
            400,
            "validation",
            "The request is not valid",
            "query.statementId: a UUID is required",
            [{ field: "query.statementId", reason: "is required: the id of the statement (Communication 2.1.1)" }],
          );
        }
        const ids = await storeClientStatements(statementsDeps, {
          credential: client,
          body: jsonBody(request),
          ...(putId === undefined ? {} : { putId }),
          version: request.xapiVersion,
        });
        // Communication 2.1.1: PUT answers 204; 2.1.2: POST answers the ids in order.
        return method === "PUT" ? reply.status(204).send() : ids;
      };
      lrs.post("/xapi/statements", (request, reply) => store(request, reply, "POST"));
      lrs.put("/xapi/statements", (request, reply) => store(request, reply, "PUT"));

      const preconditions = (request: FastifyRequest) => ({
        ifMatch: header(request, "if-match"),
        ifNoneMatch: header(request, "if-none-match"),
      });
      // The three document resources share one set of handlers (Communication 2.2); their rules differ only in
      // their parameters and in the profile resources' 409 for a bare PUT (learning/lrs-documents.ts).
      const documentResources = [
        ["/xapi/activities/state", "state"],
        ["/xapi/activities/profile", "activity-profile"],
        ["/xapi/agents/profile", "agent-profile"],
      ] as const;
      for (const [url, resource] of documentResources) {
        lrs.get(url, async (request, reply) => {
          const answer = await readDocuments(db, documentRequest(resource, need(request, "read"), queryOf(request)));
          if (answer.kind === "ids") {
            // Communication 2.2.s6.b2: the most recent change among them.
            if (answer.updated) reply.header("last-modified", answer.updated.toUTCString());
            return answer.ids;
          }
          const { document } = answer;
          // Communication 3.1.s4.b1–b4 (ETag) and 9274.1.1 4.1.6.5/4.1.6.6 (Last-Modified) on a single document.
          return reply
            .header("etag", document.etag)
            .header("last-modified", document.updated.toUTCString())
            .type(document.contentType)
            .send(document.content);
        });
        for (const method of ["PUT", "POST"] as const) {
          lrs.route({
            method,
            url,
            handler: async (request, reply) => {
              const target = documentRequest(resource, need(request, "write"), queryOf(request));
              const content = bodyBytes(request);
              const contentType = header(request, "content-type") ?? "application/octet-stream";
              await writeDocument(db, target, method, { contentType, content }, preconditions(request), now());
              return reply.status(204).send();
            },
          });
        }
        lrs.delete(url, async (request, reply) => {
          const target = documentRequest(resource, need(request, "write"), queryOf(request));
          await deleteDocuments(db, target, preconditions(request));
          return reply.status(204).send();
        });
      }
      done();
    },
    { prefix: "" },
  );
}
