import { defineConfig } from "vitest/config";

// Running `pnpm vitest` at the root runs every package's project; `pnpm test` runs them through turbo (cached).
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
  },
});
