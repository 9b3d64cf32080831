/**
 * The training app as the ingestion bench runs it: in its own process(es), apart from the bench that loads
 * and measures it. With `--instances N` (N > 1) node:cluster runs N copies sharing one port, as N instances
 * behind a load balancer would be; sessions and statements live in PostgreSQL, so any instance serves any
 * request. Prints `LISTENING <url>` once every instance listens.
 */
import cluster from "node:cluster";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { parseEnv } from "../src/server/env";
import { startServer } from "../src/server/start";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    instances: { type: "string", default: "1" },
    port: { type: "string", default: "0" },
  },
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

if (cluster.isPrimary) {
  const instances = Number(args.instances);
  const port = Number(args.port) || (await freePort());
  let listening = 0;
  cluster.on("message", () => {
    listening += 1;
    if (listening === instances) console.log(`LISTENING http://127.0.0.1:${port}`);
  });
  cluster.on("exit", (worker, code) => {
    if (code !== 0) console.error(`instance ${worker.id} exited with ${code}`);
  });
  for (let n = 0; n < instances; n += 1) cluster.fork({ BENCH_PORT: String(port) });
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
  });
} else {
  // Logging at the default level (info: a line per request) into a sink, as a server writing to a file would.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const env = parseEnv({
    DATABASE_URL: args["database-url"],
    PORT: process.env.BENCH_PORT,
    SEED_DEMO: "never",
    SIGN_IN_MAX_ATTEMPTS: "1000",
  });
  const server = await startServer(env, { logStream: sink });
  process.send?.("listening");
  process.on("SIGTERM", () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
