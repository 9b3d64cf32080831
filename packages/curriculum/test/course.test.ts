import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { recommendationIds } from "@stalking-response/recommendations";
import { describe, expect, it } from "vitest";
import { renderCourseJsonSchema, renderCourseModule } from "../src/authoring/emit";
import { formatIssue, loadCourse } from "../src/authoring/load";
import { checkCourse } from "../src/checks";
import { estimateMinutes } from "../src/estimate";
import { course, CourseSchema, factBearingBlockKinds, moduleIds } from "../src/index";
import type { Block } from "../src/index";
import { packageRoot, readContent } from "./content";

const blocksOf = (module: (typeof course.modules)[number]): Block[] =>
  module.lessons.flatMap((lesson) => lesson.blocks);

function moduleById(id: string): (typeof course.modules)[number] {
  const module = course.modules.find((m) => m.id === id);
  if (!module) throw new Error(`no module ${id}`);
  return module;
}

describe("the authored content", () => {
  it("loads and validates with no problems", async () => {
    const result = loadCourse(await readContent());
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });

  it("matches the checked-in src/course.generated.ts (run build:content when this fails)", async () => {
    const result = loadCourse(await readContent());
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
    const checkedIn = await readFile(join(packageRoot, "src/course.generated.ts"), "utf8");
    expect(checkedIn).toBe(renderCourseModule(result.value));
  });

  it("matches the checked-in schemas/course.schema.json (run build:content when this fails)", async () => {
    const checkedIn = await readFile(join(packageRoot, "schemas/course.schema.json"), "utf8");
    expect(checkedIn).toBe(renderCourseJsonSchema());
  });
});

describe("the exported course", () => {
  it("passes CourseSchema, including every reference and consistency check", () => {
    expect(CourseSchema.safeParse(course).error?.issues ?? []).toEqual([]);
    expect(checkCourse(course)).toEqual([]);
  });

  it("has the five modules in teaching order with their stable ids", () => {
    expect(course.modules.map((module) => module.id)).toEqual([...moduleIds]);
  });

  it.each(course.modules.map((module) => [module.id, module.id] as const))(
    "%s: at least 10 questions, every option explained, pass mark 80%%",
    (id) => {
      const module = moduleById(id);
      expect(module.knowledgeCheck.questions.length).toBeGreaterThanOrEqual(10);
      expect(module.knowledgeCheck.passMarkPercent).toBe(80);
      for (const question of module.knowledgeCheck.questions) {
        for (const option of question.options) expect(option.explanation.trim().length).toBeGreaterThan(10);
        const ids = question.options.map((option) => option.id);
        for (const correct of question.correctOptionIds) expect(ids).toContain(correct);
      }
    },
  );

  it.each(course.modules.map((module) => [module.id, module.id] as const))(
    "%s: takes 15 to 25 minutes, within 3 minutes of the reading-time estimate",
    (id) => {
      const module = moduleById(id);
      expect(module.estimatedMinutes).toBeGreaterThanOrEqual(15);
      expect(module.estimatedMinutes).toBeLessThanOrEqual(25);
      expect(Math.abs(module.estimatedMinutes - estimateMinutes(module))).toBeLessThanOrEqual(3);
    },
  );

  it("uses every question kind somewhere in the course", () => {
    const kinds = new Set(course.modules.flatMap((module) => module.knowledgeCheck.questions.map((q) => q.kind)));
    expect([...kinds].sort()).toEqual(["multiple-choice", "scenario", "single-choice", "true-false"]);
  });

  it("cites a source on every fact-bearing block and every question", () => {
    const kinds: readonly string[] = factBearingBlockKinds;
    for (const module of course.modules) {
      for (const block of blocksOf(module)) {
        if (kinds.includes(block.kind)) expect("sources" in block && block.sources.length, block.id).toBeGreaterThan(0);
      }
      for (const question of module.knowledgeCheck.questions) expect(question.sources.length).toBeGreaterThan(0);
    }
  });

  it("resolves every cited source id to a full citation with title, publisher, https URL and date", () => {
    const sources = new Map(course.sources.map((source) => [source.id, source]));
    for (const module of course.modules) {
      const cited = [
        ...module.sources,
        ...blocksOf(module).flatMap((block) => ("sources" in block ? block.sources : [])),
        ...module.knowledgeCheck.questions.flatMap((question) => question.sources),
      ];
      for (const id of cited) {
        const source = sources.get(id);
        expect(source, `${module.id} cites ${id}`).toBeDefined();
        expect(source?.url).toMatch(/^https:\/\//);
        expect(source?.title.length).toBeGreaterThan(0);
        expect(source?.publisher.length).toBeGreaterThan(0);
        expect(source?.date).toMatch(/^\d{4}/);
      }
    }
  });

  it("supports only recommendation ids that exist in the recommendations package", () => {
    const known = new Set<string>(recommendationIds);
    const used = course.modules.flatMap((module) => module.recommendationIds);
    expect(used.filter((id) => !known.has(id))).toEqual([]);
    // The issue names these as what the course is for.
    for (const id of ["10.1", "13.1", "20.2", "12.3", "14.1", "7.1", "23.1"]) expect(used).toContain(id);
  });

  it("names a jurisdiction on every fact-bearing block, England and Wales unless stated", () => {
    for (const module of course.modules) {
      expect(module.jurisdiction).toBe("england-and-wales");
      for (const block of blocksOf(module)) {
        if ("jurisdiction" in block)
          expect(block.jurisdiction).toMatch(/^(england-and-wales|scotland|northern-ireland|united-kingdom)$/);
      }
    }
  });

  it("is reviewed on a date before its next review, and valid for 12 months", () => {
    for (const module of course.modules) {
      expect(module.reviewedOn < module.nextReviewDue).toBe(true);
      expect(module.validityMonths).toBe(12);
    }
  });

  it("practises screening on the risk-screening package's fictional scenarios", () => {
    const practice = course.modules.flatMap((module) =>
      blocksOf(module).flatMap((block) =>
        block.kind === "practice-screening" ? [`${module.id} → ${block.scenarioId}`] : [],
      ),
    );
    expect(practice).toEqual([
      "recognising-stalking → harassment-reclassified",
      "risk-screening → breached-spo-ex-partner",
    ]);
    expect(course.practiceScenarios.map((scenario) => scenario.id)).toEqual([
      "breached-spo-ex-partner",
      "harassment-reclassified",
    ]);
  });

  it("labels every fictional scenario as an example", () => {
    for (const module of course.modules) {
      for (const block of blocksOf(module)) {
        if (block.kind === "scenario" || block.kind === "practice-screening") expect(block.title).toMatch(/example/i);
      }
    }
  });
});
