import { defineVitestProject } from "@stalking-response/tooling/vitest";
import { mergeConfig } from "vitest/config";

// Hooks start and stop real servers and create and drop PostgreSQL databases; on a loaded 2-core CI
// machine that can take longer than vitest's 10 s hook default.
export default mergeConfig(defineVitestProject({ name: "training", testTimeout: 60_000 }), {
  test: { hookTimeout: 120_000 },
});
