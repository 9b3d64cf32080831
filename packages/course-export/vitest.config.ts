import { defineVitestProject } from "@stalking-response/tooling/vitest";

// The exporter's Node tests: manifests against the official XSDs, package contents, suspend_data sizes.
// Real-browser journeys end in `.e2e.ts` and run in vitest.browser.config.ts.
export default defineVitestProject({ name: "course-export", testTimeout: 60_000 });
