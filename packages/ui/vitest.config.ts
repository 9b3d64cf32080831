import { defineVitestProject } from "@stalking-response/tooling/vitest";

export default defineVitestProject({
  name: "ui",
  environment: "jsdom",
  setupFiles: ["./src/test-utils/setup.ts"],
  // axe over every story in jsdom is slow on the shared 2-core runners.
  testTimeout: 30_000,
});
