import { defineVitestProject } from "@stalking-response/tooling/vitest";

// The real-browser pass over the built Storybook (`pnpm --filter @stalking-response/ui test:browser`; turbo
// builds Storybook first). Its files end in `.e2e.ts` so the jsdom run in vitest.config.ts never picks them up.
export default defineVitestProject({
  name: "ui-browser",
  environment: "node",
  include: ["test/browser/**/*.e2e.ts"],
  testTimeout: 30_000,
  fileParallelism: false,
});
