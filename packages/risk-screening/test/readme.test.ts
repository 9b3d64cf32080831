import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "../src/index";
import * as practice from "../src/practice";

// The README's examples are the first code a force developer copies; keep their imports real.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
const imports = blocks.flatMap((code) =>
  [...code.matchAll(/import \{([^}]+)\} from "@stalking-response\/risk-screening(\/practice)?"/g)].flatMap((m) =>
    (m[1] ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ name, entry: m[2] ? "practice" : "core" })),
  ),
);

describe("README", () => {
  it("imports only names the entries export", () => {
    expect(imports.length).toBeGreaterThan(4);
    const missing = imports.filter(({ name, entry }) => !(name in (entry === "practice" ? practice : core)));
    expect(missing).toEqual([]);
  });

  it("names every event type the machine accepts", () => {
    for (const type of core.screeningEventTypes) expect(readme).toContain(type);
  });
});
