// @ts-check
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

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
