import { defineVitestProject } from "@stalking-response/tooling/vitest";

// The journeys in Debian's chromium: each exported SCO under scorm-again's SCORM 1.2 run-time, and each cmi5
// AU against a small conformant xAPI endpoint (`pnpm --filter @stalking-response/course-export test:browser`).
export default defineVitestProject({
  name: "course-export-browser",
  include: ["test/browser/**/*.e2e.ts"],
  testTimeout: 120_000,
  fileParallelism: false,
});
