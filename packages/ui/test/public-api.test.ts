import { resolve } from "node:path";
import { undocumentedExports } from "@stalking-response/tooling/public-api";
import { describe, expect, it } from "vitest";

const entries = ["index"].map((name) => resolve(import.meta.dirname, `../src/${name}.ts`));

describe("public API", () => {
  it("documents every export with TSDoc", () => {
    const { undocumented, count } = undocumentedExports(entries);
    expect(count).toBeGreaterThan(60);
    expect(undocumented).toEqual([]);
    // Building a TypeScript program takes seconds, more on a busy machine.
  }, 60_000);
});
