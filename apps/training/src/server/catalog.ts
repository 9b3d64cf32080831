import { resolveCourseFacts } from "@stalking-response/curriculum";
import type { Course, Module } from "@stalking-response/curriculum";
import type { Lesson, Question } from "../shared/api";

/** The curriculum as the server uses it: facts resolved, modules and their parts found by id. */
export interface Catalog {
  modules: readonly Module[];
  sources: Course["sources"];
  module(moduleId: string): Module | undefined;
  /** Lessons as the learner reads them. */
  lessons(module: Module): Lesson[];
  /** Questions without answers or explanations. */
  questions(module: Module): Question[];
}

/** Builds the catalog from a validated course. */
export function createCatalog(course: Course): Catalog {
  const resolved = resolveCourseFacts(course);
  const byId = new Map(resolved.modules.map((module) => [module.id as string, module]));
  return {
    modules: resolved.modules,
    sources: resolved.sources,
    module: (moduleId) => byId.get(moduleId),
    lessons: (module) => module.lessons,
    // Built field by field from the authored question so correct ids and explanations can never slip through.
    questions: (module) =>
      module.knowledgeCheck.questions.map((question) => ({
        id: question.id,
        kind: question.kind,
        ...(question.kind === "scenario" ? { scenario: question.scenario } : {}),
        prompt: question.prompt,
        multipleAnswers: question.kind === "multiple-choice",
        options: question.options.map(({ id, text }) => ({ id, text })),
      })),
  };
}
