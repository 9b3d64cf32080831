import { learnerQuestions, resolveCourseFacts } from "@stalking-response/curriculum";
import type { Course, Module } from "@stalking-response/curriculum";
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
    // The curriculum's learner view drops correct ids and explanations and names every field it sends.
    questions: (module) => learnerQuestions(module),
  };
}
