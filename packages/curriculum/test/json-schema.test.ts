import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { renderCourseJson } from "../src/authoring/emit";
import { course } from "../src/index";
import { packageRoot } from "./content";

async function validator() {
  const schema = JSON.parse(await readFile(join(packageRoot, "schemas/course.schema.json"), "utf8")) as object;
  return new Ajv2020({ allErrors: true, strict: false }).compile(schema);
}

describe("schemas/course.schema.json", () => {
  it("accepts the exported course JSON", async () => {
    const validate = await validator();
    const valid = validate(JSON.parse(renderCourseJson(course)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("rejects a fact-bearing block with no citation, an option with no explanation and an unknown module id", async () => {
    const validate = await validator();
    const broken = structuredClone(course) as unknown as {
      modules: {
        id: string;
        lessons: { blocks: Record<string, unknown>[] }[];
        knowledgeCheck: { questions: { options: Record<string, unknown>[] }[] };
      }[];
    };
    const [first] = broken.modules;
    const block = first?.lessons[0]?.blocks.find((b) => b["kind"] === "text");
    const option = first?.knowledgeCheck.questions[0]?.options[0];
    if (!first || !block || !option) throw new Error("fixture missing");
    delete block["sources"];
    delete option["explanation"];
    first.id = "unknown-module";
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`);
    expect(paths.some((p) => p.includes("/blocks/") && p.includes("sources"))).toBe(true);
    expect(paths.some((p) => p.includes("/options/0") && p.includes("explanation"))).toBe(true);
    expect(paths.some((p) => p.startsWith("/modules/0/id"))).toBe(true);
  });
});
