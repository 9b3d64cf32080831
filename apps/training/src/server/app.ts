import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import Fastify from "fastify";
import type { Env } from "./env";

const clientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

/** Builds the training app: the JSON API under /api and the built single-page app beside it. */
export async function buildApp(env: Pick<Env, "LOG_LEVEL">) {
  const app = Fastify({ logger: { level: env.LOG_LEVEL } });

  app.get("/api/health", () => ({ status: "ok" }));

  if (existsSync(clientDir)) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false });
  }

  await app.ready();
  return app;
}
