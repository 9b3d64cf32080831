import { describe, expect, it } from "vitest";
import { course } from "./course.generated";
import { LearnerQuestionSchema, learnerQuestion, learnerQuestions } from "./learner";
import { citationsOf, findFact, findModule, moduleSources } from "./lookup";

describe("learnerQuestions", () => {
  it.each(course.modules.map((module) => module.id))("%s: sends no answers or explanations", (id) => {
    const module = findModule(course, id);
    if (!module) throw new Error(`no module ${id}`);
    const questions = learnerQuestions(module);
    expect(questions.map((q) => q.id)).toEqual(module.knowledgeCheck.questions.map((q) => q.id));
    const json = JSON.stringify(questions);
    expect(json).not.toContain("correctOptionIds");
    expect(json).not.toContain("explanation");
    for (const [index, question] of questions.entries()) {
      const original = module.knowledgeCheck.questions[index];
      expect(question.options).toEqual(original?.options.map(({ id: optionId, text }) => ({ id: optionId, text })));
      expect(question.prompt).toBe(original?.prompt);
      expect(question.multipleAnswers).toBe(original?.kind === "multiple-choice");
      expect(LearnerQuestionSchema.parse(question)).toEqual(question);
    }
  });

  it("puts options in an attempt's order when given one", () => {
    const question = course.modules[0]?.knowledgeCheck.questions.find((q) => q.options.length > 2);
    if (!question) throw new Error("no question with three options");
    const reversed = question.options.map((option) => option.id).reverse();
    expect(learnerQuestion(question, reversed).options.map((option) => option.id)).toEqual(reversed);
  });
});

describe("lookups", () => {
  it("finds a module by id, and nothing for an unknown id", () => {
    expect(findModule(course, "online-stalking")?.title).toBe("Online stalking");
    expect(findModule(course, "retired-module")).toBeUndefined();
  });

  it("resolves a module's source list to full citations in the module's order", () => {
    const module = findModule(course, "victims-rights");
    if (!module) throw new Error("no victims-rights module");
    expect(moduleSources(course, module).map((source) => source.id)).toEqual(module.sources);
    expect(citationsOf(course, ["victims-code", "unknown"]).map((source) => source.publisher)).toEqual([
      "Ministry of Justice",
    ]);
  });

  it("finds a fact by id", () => {
    expect(findFact(course, "spo-notification-deadline")?.value).toBe("3 days");
    expect(findFact(course, "unknown")).toBeUndefined();
  });
});
