import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { constants as zlibConstants } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify, { LogController } from "fastify";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { DestinationStream } from "pino";
import { CSRF_HEADER } from "../shared/api";
import type { AuthContext, SessionEndReason } from "./auth/session";
import {
  PRE_SESSION_COOKIE,
  SESSION_COOKIE,
  createSessionLoader,
  deleteSession,
  sameSecret,
  sessionCookieOptions,
} from "./auth/session";
import type { Catalog } from "./catalog";
import { startTrainerCountFolding, syncTrainerCountModules } from "./db/trainer-counts";
import type { Database } from "./db/client";
import type { Env } from "./env";
import { NotFound, TooManyAttempts } from "./errors";
import { HttpProblem, problemOf, sessionEnded } from "./http/problem";
import { RefusalBudget, applyRefusalBudget } from "./http/refusal-budget";
import { securityHeaders } from "./http/security-headers";
import { openApiDocument, registerRoutes } from "./http/route";
import { createStatementIngest, trackConsistency } from "./learning/ingest";
import { loggerOptions } from "./logger";
import { adminRoutes } from "./routes/admin";
import { importRoutes } from "./routes/imports";
import { certificateRoutes } from "./routes/certificates";
import { lrsClientRoutes } from "./routes/lrs-clients";
import { lrsForwardingRoutes } from "./routes/lrs-forwarding";
import { transferExportRoutes } from "./routes/transfer-exports";
import { moduleRoutes } from "./routes/modules";
import { SCIM_PREFIX, registerScim, sendError as sendScimError } from "./routes/scim";
import { sessionRoutes } from "./routes/session";
import { ssoRoutes } from "./routes/sso";
import { statementRoutes } from "./routes/statements";
import { trainerRoutes } from "./routes/trainer";
import { notificationRoutes } from "./routes/notifications";
import { trainingRoutes } from "./routes/training";
import { createJobRunner, jobQueueAdmin } from "./jobs/runner";
import { createForwarder, sealPlainForwardPasswords } from "./learning/lrs-forwarding";
import type { JobRunner } from "./jobs/runner";
import { createNotificationService } from "./notifications/service";
import { registerXapi } from "./routes/xapi";
import type { AppDeps } from "./deps";
import { secretKeyFor } from "./secret-box";
import { sealPlainSsoSecrets } from "./auth/identity-admin";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, or `null`; set for every /api request before any handler runs. */
    auth: AuthContext | null;
    /** Set when the request came with a session ended from outside (now deleted): why it ended. */
    sessionEnded: SessionEndReason | null;
  }
}

const defaultClientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
// Statement batches written at once. One measured best on two cores (docs/decisions/0003-statement-ingestion.md):
// each batch costs a fixed round trip and commit, so fewer, bigger batches use less CPU per statement, and no
// two batches of one instance race for the same projection row.
const INGEST_BATCHES_IN_FLIGHT = 1;

/**
 * A state-changing request another site made the browser send, or `null`. Checked besides the CSRF token
 * (defence in depth): `Sec-Fetch-Site` when the browser sends it, else an `Origin` that is not this host.
 */
function crossSiteRequest(headers: Record<string, string | string[] | undefined>) {
  const fetchSite = headers["sec-fetch-site"];
  if (typeof fetchSite === "string" && fetchSite !== "same-origin" && fetchSite !== "none") {
    return { field: "header.sec-fetch-site", reason: "shows the request came from another site" };
  }
  const origin = headers.origin;
  if (typeof origin === "string" && origin !== "null") {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== headers.host) {
      return { field: "header.origin", reason: "is not this site's origin" };
    }
  } else if (origin === "null") {
    return { field: "header.origin", reason: "is opaque (a sandboxed or file page)" };
  }
  return null;
}

/**
 * Caching for the built client. A file under assets/ has its content's hash in its name, so it never changes
 * and browsers keep it a year without asking. The page itself names the current hashes and opens personal
 * pages (my training, a learner's record), so it is never stored: a new release reaches everyone at once.
 */
export function cacheControlFor(path: string): string {
  return /(^|[\\/])assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-store";
}

/** What the app is built from; tests pass their own database, clock and log stream. */
export interface AppOptions {
  env: Env;
  database: Database;
  catalog: Catalog;
  /** Where log lines go (tests capture them to prove nothing personal is logged). */
  logStream?: DestinationStream;
  /** The clock; tests move it to expire sessions and completions. */
  now?: () => Date;
  /** The built SPA; defaults to dist/client. */
  clientDir?: string;
  /** Runs the job queue (reminder scans and email delivery) in this instance; `startServer` turns it on. */
  runJobs?: boolean;
}

/** Builds the training app: the JSON API under /api and the built single-page app beside it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { env, database, catalog } = options;
  const now = options.now ?? (() => new Date());
  const clientDir = options.clientDir ?? defaultClientDir;
  const app = Fastify({
    logger: loggerOptions(env.LOG_LEVEL, options.logStream),
    // Behind a proxy the operator sets trustProxy explicitly; on its own the app trusts no forwarded header.
    trustProxy: false,
    bodyLimit: 1_048_576,
    // One line per request (below) rather than fastify's two, at a busy server's rate of thousands a second.
    logController: new LogController({ disableRequestLogging: true }),
    // A path fastify cannot decode (`%`, an encoded lone surrogate) is refused before routing; in our
    // problem shape like every other 400.
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const status = typeof error.statusCode === "number" && error.statusCode < 500 ? error.statusCode : 400;
      // A SCIM client is answered in SCIM's error shape, which is all it reads.
      if (request.url.startsWith(`${SCIM_PREFIX}/`))
        return void sendScimError(reply, status, error.message, "invalidPath");
      const problem = new HttpProblem(status, "bad-url", "The address could not be read", error.message, [
        { field: "url", reason: "is not a well-formed address" },
      ]).problem;
      void reply.code(status).type("application/problem+json").header("cache-control", "no-store").send(problem);
    },
  });
  const secure = env.COOKIE_SECURE ?? env.NODE_ENV === "production";
  const secrets = secretKeyFor(env);
  const forwarder = options.runJobs
    ? createForwarder({
        db: database.db,
        now,
        secrets,
        onError: (error) => app.log.error({ err: error }, "LRS forwarding could not be scheduled"),
      })
    : null;
  const ingest = trackConsistency(
    createStatementIngest(database, (moduleId) => catalog.module(moduleId)?.validityMonths ?? 12, {
      maxInFlight: INGEST_BATCHES_IN_FLIGHT,
    }),
    Date.now,
    forwarder ? (request) => forwarder.nudge(request.learner.forceId) : undefined,
  );
  // Never taken from a request's Host header, which a caller chooses: a reset link must point at this app.
  const publicUrl = () => env.PUBLIC_URL ?? app.listeningOrigin;
  let jobs: JobRunner | null = null;
  if (options.runJobs) {
    const notifier = createNotificationService({
      db: database.db,
      catalog,
      baseUrl: publicUrl,
      notifyBaseUrl: env.NOTIFY_BASE_URL,
      log: app.log.child({ component: "notifications" }),
      now,
    });
    jobs = createJobRunner({
      database,
      jobs: { ...notifier.jobs(), ...forwarder?.jobs() },
      onError: (error) => app.log.error({ err: error }, "job queue error"),
    });
  }
  const deps: AppDeps = {
    db: database.db,
    catalog,
    env,
    now,
    secure,
    secrets,
    ingest,
    jobs,
    jobQueue: jobQueueAdmin(database),
    publicUrl,
    forwarder,
  };
  // The trainer's maintained counts (migration 0019) count the catalog's modules; writers append deltas, folded
  // here every couple of seconds so a read sums tens of thousands of rows, not every delta since start.
  await syncTrainerCountModules(
    database.db,
    catalog.modules.map((module) => module.id),
  );
  const folding = startTrainerCountFolding(database.db, (error) => app.log.error({ err: error }, "counts fold error"));
  app.addHook("onClose", async () => {
    await jobs?.stop();
    await ingest.drain();
    await folding.stop();
  });

  await app.register(fastifyCookie);
  // API answers (module content, trainer grids, CSV exports) compressed on the fly. Brotli at quality 4 costs
  // about what gzip 6 does per request; the built client is compressed harder once, at build time (below).
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  const headers = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // The built SPA is same-origin scripts and styles only; no inline script, no third parties.
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        // Upgrading would break plain-HTTP local use; production runs behind HTTPS and sets COOKIE_SECURE.
        "upgrade-insecure-requests": secure ? [] : null,
      },
    },
    // frame-ancestors 'none' forbids all framing; X-Frame-Options SAMEORIGIN would say otherwise to old browsers.
    xFrameOptions: { action: "deny" },
    strictTransportSecurity: secure,
  });
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  // Before the session is looked up or the body read: a caller that keeps sending refused statements is
  // answered from memory.
  applyRefusalBudget(app, {
    budget: new RefusalBudget(env.STATEMENT_REFUSALS_PER_MINUTE, env.STATEMENT_REFUSALS_PER_MINUTE),
    sessionCookie: SESSION_COOKIE,
    now: () => now().getTime(),
  });
  const loadSession = createSessionLoader(database, env.SESSION_TTL_MINUTES);
  // Access lines hold only what the serializers let through (method, path, status), so they skip pino's
  // redaction, which costs more than the rest of the line; every other log line keeps it.
  const accessLog = app.log.child({}, { redact: { paths: [] } });
  app.addHook("onResponse", async (request, reply) => {
    accessLog.info(
      { reqId: request.id, req: request, res: reply, responseTime: reply.elapsedTime },
      "request completed",
    );
  });
  app.decorateRequest("auth", null);
  app.decorateRequest("sessionEnded", null);
  app.addHook("onRequest", async (request, reply) => {
    // Decided on the route fastify matched, never on the raw URL: `/%61pi/session` is routed to
    // `/api/session` too, and must meet the same session and CSRF rules.
    const routed = request.routeOptions.url;
    const api = routed === undefined ? request.url.startsWith("/api") : routed.startsWith("/api/");
    // Everything under /api is personal or session-bound: never kept by a browser or a shared proxy.
    if (api) reply.header("cache-control", "no-store");
    if (routed === undefined || !routed.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    const found = token ? await loadSession({ token, now: now() }) : null;
    if (found && "ended" in found) {
      // Ended from outside (account disabled, password changed): told once, on this request, then gone.
      await deleteSession(database.db, found.tokenHash);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      request.sessionEnded = found.ended;
      request.auth = null;
    } else request.auth = found;
    // Unknown routes answer 404 whatever the method, so the CSRF check is only for real endpoints.
    if (safeMethods.has(request.method) || request.is404) return;
    // A write from an ended session would otherwise fail the CSRF check, which explains nothing.
    if (request.sessionEnded) throw sessionEnded(request.sessionEnded);
    const crossSite = crossSiteRequest(request.headers);
    if (crossSite) {
      throw new HttpProblem(403, "cross-site", "Cross-site request refused", crossSite.reason, [crossSite]);
    }
    // Signed in: the token bound to the session. Signed out (sign-in itself): the pre-session cookie.
    const expected = request.auth ? request.auth.session.csrfToken : request.cookies[PRE_SESSION_COOKIE];
    const sent = request.headers[CSRF_HEADER];
    if (!sameSecret(typeof sent === "string" ? sent : undefined, expected)) {
      throw new HttpProblem(
        403,
        "csrf",
        "Missing or invalid CSRF token",
        `Send the ${CSRF_HEADER} header with the csrfToken from GET /api/session.`,
        [{ field: `header.${CSRF_HEADER}`, reason: "is missing or does not match your session" }],
      );
    }
  });

  // The one place errors become answers: the domain's typed errors and the routes' own problems as
  // problem+json, fastify's 4xx in the same shape, anything else a logged 500 that says nothing inside.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = error instanceof HttpProblem ? error : problemOf(error);
    if (error instanceof TooManyAttempts && error.retryAfterMs !== null) {
      reply.header("retry-after", String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
    }
    if (problem) return reply.status(problem.statusCode).type("application/problem+json").send(problem.problem);
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type, body too large) in our problem shape.
      const field = status === 415 ? "header.content-type" : "body";
      return reply
        .status(status)
        .type("application/problem+json")
        .send({
          type: `https://training.stalking-response.invalid/problems/${error.code ?? "bad-request"}`,
          title: "The request could not be read",
          status,
          detail: error.message,
          errors: [{ field, reason: error.message }],
        });
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).type("application/problem+json").send({
      type: "https://training.stalking-response.invalid/problems/internal",
      title: "Something went wrong",
      status: 500,
      detail: "The error has been logged. Try again; if it keeps happening, contact your trainer.",
    });
  });

  // CSV imports send the file as it is; only routes that declare `rawBody` accept it (registerRoutes), each up
  // to its own limit.
  app.addContentTypeParser("text/csv", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  const routes = [
    ...sessionRoutes(deps),
    ...trainingRoutes(deps),
    ...moduleRoutes(deps),
    ...certificateRoutes(deps),
    ...statementRoutes(deps),
    ...adminRoutes(deps),
    ...importRoutes(deps),
    ...lrsClientRoutes(deps),
    ...lrsForwardingRoutes(deps),
    ...transferExportRoutes(deps),
    ...trainerRoutes(deps),
    ...notificationRoutes(deps, app.log.child({ component: "notifications" })),
    ...ssoRoutes(deps),
  ];
  registerRoutes(app, routes);
  await registerXapi(app, deps);
  const document = openApiDocument(routes);
  app.get("/api/health", () => ({ status: "ok" }));
  app.get("/api/openapi.json", () => document);

  registerScim(app, deps);

  const hasClient = existsSync(`${clientDir}/index.html`);
  if (hasClient) {
    await app.register(fastifyStatic, {
      root: clientDir,
      wildcard: false,
      // The build writes .br and .gz beside each file (vite.config.ts); they are sent to browsers that take them.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header("cache-control", cacheControlFor(path));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // Client-side routes (/modules/x, /certificates/y) load the SPA, which routes them itself.
    if (hasClient && (request.method === "GET" || request.method === "HEAD") && !path.startsWith("/api")) {
      return reply.type("text/html").header("cache-control", cacheControlFor("index.html")).sendFile("index.html");
    }
    const problem = problemOf(new NotFound(`route ${request.method} ${path}`));
    return reply.status(404).type("application/problem+json").send(problem.problem);
  });

  await app.ready();
  // Client secrets stored before sealing are sealed now; without a key (production without SECRETS_KEY) they
  // stay as they are, new ones are refused, and the log says so at every start.
  const upgrade = await sealPlainSsoSecrets(database.db, secrets);
  if (upgrade.sealed > 0) app.log.info({ sealed: upgrade.sealed }, "sealed stored single sign-on client secrets");
  // The same for LRS forwarding passwords saved before they were sealed.
  const forwardUpgrade = await sealPlainForwardPasswords(database.db, secrets);
  if (forwardUpgrade.sealed > 0) {
    app.log.info({ sealed: forwardUpgrade.sealed }, "sealed stored LRS forwarding passwords");
  }
  if (secrets === null) {
    app.log.warn(
      { plainSecrets: upgrade.plain, plainForwardPasswords: forwardUpgrade.plain },
      "SECRETS_KEY is not set: single sign-on client secrets cannot be stored, nor LRS forwarding passwords (saving one is refused), and any stored before stay in plain text",
    );
  } else if (secrets.development && env.NODE_ENV !== "test") {
    app.log.warn("SECRETS_KEY is not set: stored secrets are sealed with the published development key");
  }
  await jobs?.start();
  // After the queues exist: a start-up run picks up any backlog a crash or a stop left behind.
  if (jobs) forwarder?.useRunner(jobs);
  return app;
}
