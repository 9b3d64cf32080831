import { resolve } from "node:path";
import { undocumentedExports } from "@stalking-response/tooling/public-api";
import { describe, expect, it } from "vitest";

describe("public API", () => {
  it("documents every export with TSDoc", () => {
    const { undocumented, count } = undocumentedExports([resolve(import.meta.dirname, "../src/index.ts")]);
    expect(count).toBeGreaterThan(10);
    expect(undocumented).toEqual([]);
  }, 60_000);
});
