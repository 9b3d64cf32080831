import { buildApp } from "./app";
import { parseEnv } from "./env";

let env;
try {
  env = parseEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = await buildApp(env);
const address = await app.listen({ port: env.PORT, host: env.HOST });
console.log(`Training app running at ${address}`);
