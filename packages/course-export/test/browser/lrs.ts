// A small but strict xAPI endpoint acting as the LMS's LRS for the cmi5 journeys. It is not a stub: every statement
// is validated against the xAPI 1.0.3 data model by @learninglocker/xapi-validation and rejected with 400 when
// invalid; every request needs the X-Experience-API-Version header and the Basic token the LMS issued through the
// fetch URL (single use, cmi5 8.2); the State API stores and returns documents per activity, agent, registration and
// state id; statements for a session after its "terminated" are refused (cmi5 9.3.8); and cross-origin requests get
// the CORS answers a browser needs, since AUs are served from another origin.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import validateStatement from "@learninglocker/xapi-validation";
import { readBody } from "./harness";

/** A stored statement, as the LRS keeps it. */
export type StoredStatement = Record<string, unknown> & {
  id: string;
  verb: { id: string };
  actor: Record<string, unknown>;
  object: { id: string };
  result?: Record<string, unknown>;
  context?: {
    registration?: string;
    contextActivities?: Record<string, { id: string }[]>;
    extensions?: Record<string, unknown>;
  };
  stored: string;
};

/** What the LMS side of the harness hands an AU at launch. */
export interface Cmi5Launch {
  readonly url: string;
  readonly sessionId: string;
  readonly activityId: string;
}

const validate = ((validateStatement as unknown as { default?: typeof validateStatement }).default ??
  validateStatement) as (data: unknown) => { path: string[]; constructor: { name: string } }[];

const sessionIdExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

interface Credential {
  readonly actor: string;
  readonly registration: string;
  readonly sessionId: string;
}

/** Starts the LRS on a free loopback port. */
export async function startLrs() {
  const statements: StoredStatement[] = [];
  const rejected: { status: number; reason: string }[] = [];
  const states = new Map<string, { body: string; type: string }>();
  const credentials = new Map<string, Credential>();
  const fetchUrls = new Map<string, string | null>();
  const terminatedSessions = new Set<string>();
  const lmsToken = Buffer.from(`lms:${randomUUID()}`).toString("base64");

  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "Authorization, Content-Type, X-Experience-API-Version",
    "access-control-allow-methods": "GET, PUT, POST, DELETE, OPTIONS",
    "access-control-expose-headers": "X-Experience-API-Version, ETag",
  };
  const send = (response: ServerResponse, status: number, body?: unknown, type = "application/json") => {
    response.writeHead(status, {
      ...cors,
      "x-experience-api-version": "1.0.3",
      ...(body === undefined ? {} : { "content-type": type }),
    });
    response.end(body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body));
  };
  const refuse = (response: ServerResponse, status: number, reason: string) => {
    rejected.push({ status, reason });
    send(response, status, { error: reason });
  };
  const agentKey = (agent: unknown) => {
    const value = agent as { mbox?: string; account?: { homePage: string; name: string } };
    return value.mbox ?? (value.account ? `${value.account.homePage}|${value.account.name}` : JSON.stringify(agent));
  };

  function storeStatements(input: unknown, credential: Credential | "lms", response: ServerResponse, id?: string) {
    const list = (Array.isArray(input) ? input : [input]) as Record<string, unknown>[];
    const ids: string[] = [];
    for (const statement of list) {
      const warnings = validate(statement);
      if (warnings.length > 0) {
        return refuse(
          response,
          400,
          warnings.map((warning) => `${warning.path.join(".")}: ${warning.constructor.name}`).join("; "),
        );
      }
      const statementId = (statement.id as string | undefined) ?? id ?? randomUUID();
      if (statements.some((existing) => existing.id === statementId))
        return refuse(response, 409, `statement ${statementId} exists`);
      if (credential !== "lms") {
        const context = statement.context as StoredStatement["context"];
        const session = context?.extensions?.[sessionIdExtension];
        if (agentKey(statement.actor) !== credential.actor)
          return refuse(response, 403, "actor does not match the launch");
        if (context?.registration !== credential.registration)
          return refuse(response, 403, "registration does not match the launch");
        if (session !== credential.sessionId) return refuse(response, 403, "session id does not match the launch");
        if (terminatedSessions.has(credential.sessionId)) return refuse(response, 403, "the session has terminated");
      }
      ids.push(statementId);
    }
    list.forEach((statement, index) => {
      const stored = {
        ...statement,
        id: ids[index],
        stored: new Date().toISOString(),
        authority: { mbox: "mailto:lrs@example.invalid", objectType: "Agent" },
      };
      statements.push(stored as unknown as StoredStatement);
      if (
        (statement.verb as { id: string }).id === "http://adlnet.gov/expapi/verbs/terminated" &&
        credential !== "lms"
      ) {
        terminatedSessions.add(credential.sessionId);
      }
    });
    send(response, 200, ids);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "OPTIONS") return send(response, 204);
    if (url.pathname.startsWith("/fetch/") && request.method === "POST") {
      const key = url.pathname.slice("/fetch/".length);
      const token = fetchUrls.get(key);
      if (token === undefined) return refuse(response, 404, "unknown fetch URL");
      if (token === null)
        return send(response, 200, { "error-code": "1", "error-text": "This fetch URL has already been used" });
      fetchUrls.set(key, null);
      return send(response, 200, { "auth-token": token });
    }
    if (!url.pathname.startsWith("/xapi/")) return refuse(response, 404, `no resource ${url.pathname}`);
    if (!/^1\.0(\.\d+)?$/.test(String(request.headers["x-experience-api-version"] ?? ""))) {
      return refuse(response, 400, "X-Experience-API-Version header missing");
    }
    const token = /^Basic (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    const credential = token === lmsToken ? "lms" : credentials.get(token);
    if (!credential) return refuse(response, 401, "unknown credentials");
    const body = await readBody(request);
    const resource = url.pathname.slice("/xapi/".length);

    if (resource === "statements") {
      if (request.method !== "POST" && request.method !== "PUT")
        return refuse(response, 405, "statements: POST or PUT");
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return refuse(response, 400, "statement body is not JSON");
      }
      const id = url.searchParams.get("statementId") ?? undefined;
      if (request.method === "PUT" && !id) return refuse(response, 400, "PUT needs statementId");
      return storeStatements(
        request.method === "PUT" ? { ...(parsed as object), id } : parsed,
        credential,
        response,
        id,
      );
    }
    if (resource === "activities/state") {
      const activityId = url.searchParams.get("activityId");
      const agent = url.searchParams.get("agent");
      const stateId = url.searchParams.get("stateId");
      if (!activityId || !agent || !stateId) return refuse(response, 400, "activityId, agent and stateId are required");
      let agentValue: unknown;
      try {
        agentValue = JSON.parse(agent);
      } catch {
        return refuse(response, 400, "agent is not JSON");
      }
      const registration = url.searchParams.get("registration") ?? "";
      if (
        credential !== "lms" &&
        (agentKey(agentValue) !== credential.actor || registration !== credential.registration)
      ) {
        return refuse(response, 403, "state of another learner or registration");
      }
      const key = JSON.stringify([activityId, agentKey(agentValue), registration, stateId]);
      if (request.method === "GET") {
        const document = states.get(key);
        return document
          ? send(response, 200, document.body, document.type)
          : send(response, 404, { error: "no such document" });
      }
      if (request.method === "PUT" || request.method === "POST") {
        if (credential !== "lms" && stateId === "LMS.LaunchData")
          return refuse(response, 403, "LMS.LaunchData is read-only for an AU");
        states.set(key, { body, type: request.headers["content-type"] ?? "application/octet-stream" });
        return send(response, 204);
      }
      if (request.method === "DELETE") {
        states.delete(key);
        return send(response, 204);
      }
    }
    return refuse(response, 404, `no resource ${url.pathname}`);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => refuse(response, 500, String(error)));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const endpoint = `${origin}/xapi/`;
  const lmsHeaders = {
    Authorization: `Basic ${lmsToken}`,
    "X-Experience-API-Version": "1.0.3",
    "Content-Type": "application/json",
  };

  /**
   * What the LMS does before launching an AU (cmi5 8.1, 10): stores LMS.LaunchData for the registration, records
   * "launched", issues a single-use fetch URL and builds the launch URL.
   */
  async function launch(options: {
    auUrl: string;
    publisherId: string;
    activityId: string;
    actor: Record<string, unknown>;
    registration: string;
    masteryScore: number;
    moveOn: string;
    launchMode?: "Normal" | "Browse" | "Review";
  }): Promise<Cmi5Launch> {
    const sessionId = randomUUID();
    const contextTemplate = {
      contextActivities: { grouping: [{ id: options.publisherId }] },
      extensions: { [sessionIdExtension]: sessionId },
    };
    const state = new URLSearchParams({
      activityId: options.activityId,
      agent: JSON.stringify(options.actor),
      registration: options.registration,
      stateId: "LMS.LaunchData",
    });
    const put = await fetch(`${endpoint}activities/state?${state.toString()}`, {
      method: "PUT",
      headers: lmsHeaders,
      body: JSON.stringify({
        contextTemplate,
        launchMode: options.launchMode ?? "Normal",
        launchMethod: "AnyWindow",
        moveOn: options.moveOn,
        masteryScore: options.masteryScore,
      }),
    });
    if (put.status !== 204) throw new Error(`LMS could not store LaunchData: ${put.status}`);
    const launched = await fetch(`${endpoint}statements`, {
      method: "POST",
      headers: lmsHeaders,
      body: JSON.stringify({
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        actor: options.actor,
        verb: { id: "http://adlnet.gov/expapi/verbs/launched", display: { "en-GB": "launched" } },
        object: { id: options.activityId, objectType: "Activity" },
        context: {
          registration: options.registration,
          contextActivities: {
            ...contextTemplate.contextActivities,
            category: [{ id: "https://w3id.org/xapi/cmi5/context/categories/cmi5" }],
          },
          extensions: {
            [sessionIdExtension]: sessionId,
            "https://w3id.org/xapi/cmi5/context/extensions/launchmode": options.launchMode ?? "Normal",
            "https://w3id.org/xapi/cmi5/context/extensions/moveon": options.moveOn,
            "https://w3id.org/xapi/cmi5/context/extensions/launchurl": options.auUrl,
          },
        },
      }),
    });
    if (launched.status !== 200) throw new Error(`LMS could not record launched: ${await launched.text()}`);
    const token = Buffer.from(`${randomUUID()}:${randomUUID()}`).toString("base64");
    credentials.set(token, { actor: agentKey(options.actor), registration: options.registration, sessionId });
    const fetchKey = randomUUID();
    fetchUrls.set(fetchKey, token);
    const query = new URLSearchParams({
      endpoint,
      fetch: `${origin}/fetch/${fetchKey}`,
      actor: JSON.stringify(options.actor),
      registration: options.registration,
      activityId: options.activityId,
    });
    return { url: `${options.auUrl}?${query.toString()}`, sessionId, activityId: options.activityId };
  }

  return {
    origin,
    statements,
    rejected,
    launch,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
