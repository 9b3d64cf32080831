import { randomUUID } from "node:crypto";
import type { MultipartPart } from "@remix-run/multipart-parser";
import { MultipartParseError, getMultipartBoundary, parseMultipart } from "@remix-run/multipart-parser";
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
  statementAttachments,
  storeClientStatements,
} from "../learning/lrs";
import type { AttachmentPart } from "../learning/lrs-attachments";
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

function parseJson(buffer: Buffer | Uint8Array, field: string): unknown {
  try {
    return cleanInput("body", JSON.parse(Buffer.from(buffer).toString("utf8")) as unknown);
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem(400, "validation", "The request is not valid", `${field}: is not valid JSON`, [
      { field, reason: "is not valid JSON" },
    ]);
  }
}

const badMultipart = (field: string, reason: string) =>
  new HttpProblem(400, "validation", "The request is not valid", `${field}: ${reason}`, [{ field, reason }]);

/**
 * A statements request's body: JSON statements, or (Communication 1.5.2) a multipart/mixed body whose first part
 * is the statements as application/json and whose other parts are attachments, each with its
 * X-Experience-API-Hash and a binary Content-Transfer-Encoding.
 */
function statementsBody(request: FastifyRequest, maxBytes: number): { body: unknown; attachments?: AttachmentPart[] } {
  const type = request.headers["content-type"] ?? "";
  if (/^application\/json\s*(;|$)/i.test(type)) return { body: parseJson(bodyBytes(request), "body") };
  // Communication 3.2.s3.b6: a statement request's content type matches its content.
  if (!/^multipart\/mixed\s*;/i.test(type)) {
    throw badMultipart("header.content-type", "must be application/json, or multipart/mixed with attachments");
  }
  const boundary = getMultipartBoundary(type);
  if (!boundary) throw badMultipart("header.content-type", "names no multipart boundary");
  let parts: MultipartPart[];
  try {
    parts = [
      ...parseMultipart(bodyBytes(request), {
        boundary,
        maxFileSize: maxBytes,
        maxTotalSize: maxBytes,
        maxParts: 1000,
      }),
    ];
  } catch (error) {
    if (error instanceof MultipartParseError && /exceed/i.test(error.message)) {
      throw new HttpProblem(413, "too-large", "The request is too large", error.message, [
        { field: "body", reason: `is larger than this LRS takes (${maxBytes} bytes; Communication 3.2.s3.b11)` },
      ]);
    }
    throw badMultipart(
      "body",
      `is not a well-formed multipart/mixed body (${error instanceof Error ? error.message : "unreadable"})`,
    );
  }
  const [first, ...rest] = parts;
  // Communication 1.5.2.s2.b2.b1: the statements come first, as application/json.
  if (!first || !/^application\/json\s*(;|$)/i.test(first.headers["content-type"] ?? "")) {
    throw badMultipart("body.part.1", "must be the statements, with Content-Type application/json");
  }
  const attachments = rest.map((part, index): AttachmentPart => {
    const field = `body.part.${index + 2}`;
    const hash = part.headers["x-experience-api-hash"];
    // Communication 1.5.2.s2.b2.b3: every part after the first carries the SHA-2 of its content.
    if (hash === undefined || hash === "") throw badMultipart(`${field}.header.x-experience-api-hash`, "is required");
    // 1.5.2.s2.b2.b4 / s3.b6: binary is assumed when missing; another encoding is not decoded.
    const encoding = part.headers["content-transfer-encoding"];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== "binary") {
      throw badMultipart(`${field}.header.content-transfer-encoding`, "must be binary");
    }
    return { hash, contentType: part.headers["content-type"], content: Buffer.from(part.bytes), field };
  });
  return { body: parseJson(first.bytes, "body.part.1"), attachments };
}

/** A multipart/mixed answer (Communication 1.5.2, 2.1.3 `attachments=true`): the JSON, then each attachment once. */
function multipartAnswer(
  reply: FastifyReply,
  json: unknown,
  attachments: readonly { sha2: string; contentType: string; content: Buffer }[],
) {
  const boundary = `xapi-${randomUUID()}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`),
  ];
  for (const attachment of attachments) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${attachment.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${attachment.sha2}\r\n\r\n`,
      ),
      attachment.content,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return reply.type(`multipart/mixed; boundary=${boundary}`).send(Buffer.concat(chunks));
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
};

/** Registers the LRS's resources under /xapi. */
export async function registerXapi(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, catalog, ingest, now } = deps;
  const statementsDeps = { db, catalog, ingest, now };
  const maxRequestBytes = deps.env.XAPI_MAX_REQUEST_MB * 1024 * 1024;

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
        if (answer.kind === "one") reply.header("last-modified", answer.lastModified.toUTCString());
        if (query.attachments === "true") {
          // Communication 2.1.3 `attachments`, 1.5.2.s3.b1: the multipart format, with every attachment the LRS
          // holds for the statements returned (those sent only by fileUrl have no part).
          const statements = answer.kind === "one" ? [answer.statement] : answer.result.statements;
          const json = answer.kind === "one" ? answer.statement : answer.result;
          return multipartAnswer(reply, json, await statementAttachments(db, statements));
        }
        // Communication 2.1.3.s2.b8: Last-Modified is the statement's stored time (set above).
        if (answer.kind === "one") return answer.statement;
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
        const { body, attachments } = statementsBody(request, maxRequestBytes);
        const ids = await storeClientStatements(statementsDeps, {
          credential: client,
          body,
          ...(attachments === undefined ? {} : { attachments }),
          ...(putId === undefined ? {} : { putId }),
          version: request.xapiVersion,
        });
        // Communication 2.1.1: PUT answers 204; 2.1.2: POST answers the ids in order.
        return method === "PUT" ? reply.status(204).send() : ids;
      };
      // Statements requests may carry attachments: their own size limit (XAPI_MAX_REQUEST_MB), 413 beyond it.
      const statementsOptions = { bodyLimit: maxRequestBytes };
      lrs.post("/xapi/statements", statementsOptions, (request, reply) => store(request, reply, "POST"));
      lrs.put("/xapi/statements", statementsOptions, (request, reply) => store(request, reply, "PUT"));

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
