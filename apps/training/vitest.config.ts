import { defineVitestProject } from "@stalking-response/tooling/vitest";

export default defineVitestProject({ name: "training", testTimeout: 60_000 });
