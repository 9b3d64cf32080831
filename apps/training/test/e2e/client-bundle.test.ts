import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { course } from "@stalking-response/curriculum";
import { describe, expect, it } from "vitest";

// turbo builds the client before the app's tests run; this reads what the server will ship.
const assets = fileURLToPath(new URL("../../dist/client/assets", import.meta.url));

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
});
