import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { course } from "@stalking-response/curriculum";
import { describe, expect, it } from "vitest";
import { contractSchemas, officerFirstLoad } from "./bundle-size";

// turbo builds the client before the app's tests run; this reads what the server will ship.
const client = fileURLToPath(new URL("../../dist/client", import.meta.url));
const assets = `${client}/assets`;
/** Issue 16: the officer's first-load script, gzipped, at most this (it was one 143 KB bundle). */
const FIRST_LOAD_BUDGET_BYTES = 100 * 1024;

describe("the built client", () => {
  const scripts = readdirSync(assets)
    .filter((name) => name.endsWith(".js"))
    .map((name) => readFileSync(`${assets}/${name}`, "utf8"))
    .join("\n");

  it("is built", () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  it("ships no knowledge-check answers or explanations, which only the server may reveal after scoring", () => {
    const explanations = course.modules.flatMap((module) =>
      module.knowledgeCheck.questions.flatMap((question) => question.options.map((option) => option.explanation)),
    );
    expect(explanations.length).toBeGreaterThan(0);
    const leaked = explanations.filter((explanation) => scripts.includes(JSON.stringify(explanation).slice(1, -1)));
    expect(leaked).toEqual([]);
    expect(scripts).not.toContain("correctOptionIds:[");
  });

  it(`loads the officer's first page with at most ${FIRST_LOAD_BUDGET_BYTES / 1024} KB of gzipped script, without trainer code or zod`, () => {
    const firstLoad = officerFirstLoad(client);
    const schemas = contractSchemas(client);
    console.log(
      `officer first load: ${firstLoad.files.length} scripts, ${(firstLoad.gzipBytes / 1024).toFixed(1)} KB gzip; ` +
        `contract schemas fetched beside the first request: ${(schemas.gzipBytes / 1024).toFixed(1)} KB gzip`,
    );
    expect(firstLoad.gzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    const source = firstLoad.files.map((file) => readFileSync(`${assets}/${file}`, "utf8")).join("\n");
    // Words only the trainer pages and the zod runtime carry.
    for (const marker of ["Courses for other learning platforms", "Assign a module", "ZodError", "$ZodType"]) {
      expect(source.includes(marker), marker).toBe(false);
    }
    expect(schemas.files.some((file) => readFileSync(`${assets}/${file}`, "utf8").includes("ZodError"))).toBe(true);
  });
});
