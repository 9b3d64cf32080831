import { learnerQuestions, resolveCourseFacts } from "@stalking-response/curriculum";
import type { Course, LearnerQuestion, Module } from "@stalking-response/curriculum";
import type { Lesson, Question } from "../shared/api";

/** The curriculum as the server uses it: facts resolved, modules and their parts found by id. */
export interface Catalog {
  /** The course as the curriculum authored it (facts unresolved), for exporters that resolve it themselves. */
  course: Course;
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
    course,
    modules: resolved.modules,
    sources: resolved.sources,
    module: (moduleId) => byId.get(moduleId),
    lessons: (module) => module.lessons,
    // The curriculum's learner view already drops correct ids and explanations; the API adds only
    // `multipleAnswers`, and names the fields it sends so nothing the curriculum adds later slips through.
    questions: (module) => learnerQuestions(module).map((question) => apiQuestion(question)),
  };
}

/**
 * A question as the API sends it to a learner: the curriculum's learner view (no correct ids, no
 * explanations) plus `multipleAnswers`, naming the fields it sends so nothing the curriculum adds later slips
 * through. With `optionOrder`, the options come in that order (an attempt's shuffle).
 */
export function apiQuestion(question: LearnerQuestion, optionOrder?: readonly string[]): Question {
  const { scenario } = question as { scenario?: string };
  const options = optionOrder
    ? optionOrder.flatMap((id) => question.options.filter((option) => option.id === id))
    : question.options;
  return {
    id: question.id,
    kind: question.kind,
    ...(scenario === undefined ? {} : { scenario }),
    prompt: question.prompt,
    multipleAnswers: question.kind === "multiple-choice",
    options: options.map(({ id, text }) => ({ id, text })),
    sources: [...question.sources],
  };
}
