import { defineVitestProject } from "@stalking-response/tooling/vitest";

export default defineVitestProject({ name: "recommendations" });
