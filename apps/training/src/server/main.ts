import { parseEnv } from "./env";
import type { Env } from "./env";
import { banner, startServer } from "./start";

let env: Env;
try {
  env = parseEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

try {
  const server = await startServer(env, { say: (line) => console.log(line) });
  console.log(banner(server.url, env, server.demo));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, "shutting down");
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (error) {
  console.error(`Training app failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
