// `pnpm --filter training seed:demo`: seeds the demo force into the configured database if it has no users.
import { parseEnv } from "./env";
import { DEMO_SIGN_INS, hasUsers, seedDemo } from "./demo/seed";
import { defaultCatalog, openConfiguredDatabase } from "./start";

try {
  const env = parseEnv();
  const database = await openConfiguredDatabase(env);
  try {
    if (await hasUsers(database.db)) {
      console.log("The database already has users; the demo seed only fills an empty database. Nothing changed.");
    } else {
      const started = Date.now();
      const result = await seedDemo(database.db, defaultCatalog());
      console.log(
        `Seeded ${result.users} demo accounts and ${result.statements} statements in ${Date.now() - started} ms.`,
      );
      console.log(
        `Sign in as ${DEMO_SIGN_INS.map((account) => account.email).join(", ")} (see the README for passwords).`,
      );
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
