// @ts-check
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** A specifier pattern for a server module or folder, however deep the relative path that names it. */
const serverModule = (...names) => `^(\\.{1,2}/)+(${names.join("|")})(/.*)?$`;

/**
 * The import rules of the training server's floors, for the server folder `root`: each floor lists what it
 * may not import (everything above it), so an arrow up fails lint in CI.
 */
function serverFloors(root) {
  const store = { regex: serverModule("db"), message: "Routes reach the store through a domain function." };
  const drizzle = {
    regex: "^(drizzle-orm|pg|@electric-sql/pglite)(/.*)?$",
    message: "SQL belongs to the store (db/) and the domain.",
  };
  const http = {
    regex: `${serverModule("http", "routes", "app", "deps")}|^(fastify|@fastify/.*)$`,
    message: "The domain knows nothing of HTTP: throw a typed error from errors.ts; app.ts maps it to a problem.",
  };
  const composition = {
    regex: serverModule("demo", "start", "main"),
    message: "Nothing in the floors imports the app's wiring.",
  };
  const domain = {
    regex: serverModule("learning", "trainer", "auth", "notifications", "jobs", "accounts", "audit", "catalog"),
    message: "The store does not reach up into the domain.",
  };
  const restrict = (files, patterns) => ({
    files: files.map((file) => `${root}/${file}`),
    rules: { "no-restricted-imports": ["error", { patterns }] },
  });
  return [
    restrict(["routes/**", "http/**"], [store, drizzle, composition]),
    restrict(
      ["learning/**", "trainer/**", "auth/**", "notifications/**", "jobs/**", "accounts.ts", "audit.ts", "catalog.ts"],
      [http, composition],
    ),
    restrict(["db/**"], [domain, http, composition]),
    restrict(["errors.ts", "cursor.ts", "env.ts", "batcher.ts", "secret-box.ts"], [store, domain, http, composition]),
  ];
}

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/storybook-static/**",
      "**/coverage/**",
      "**/data/**",
      "**/schemas/*.json",
      "**/.turbo/**",
      // The Vite template is vendored as generated (see its TEMPLATE.md): it is the consumer, not our code.
      "packages/consumer-test/fixtures/vite-react-ts/**",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "*.mjs", "bench/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Env is parsed once, with zod, in each app's env.ts.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration from the app's parsed env module instead." },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  // apps/training's server stands on three floors that only point down (docs/architecture.md#the-training-server):
  // routes (HTTP) → domain (rules and use cases, typed errors) → store (db/: SQL). Leaves (errors, cursor, env,
  // batcher, shared/) serve every floor; app.ts, start.ts, deps.ts, logger.ts and demo/ wire the floors together.
  ...serverFloors("apps/training/src/server"),
  {
    // Tests, benches, build configs and env modules are where raw env and loose typing belong.
    files: [
      "**/*.test.{ts,tsx}",
      "**/test/**",
      "**/bench/**",
      "**/*.config.{ts,js,mjs}",
      "**/env.ts",
      "**/.storybook/**",
      "packages/tooling/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
