import type { Course, Fact, Module, Source } from "./schema";

/**
 * The module with `id`, or `undefined` when the course has none, e.g. an id from a stale progress record.
 *
 * @example findModule(course, "online-stalking")?.title
 */
export function findModule(course: Course, id: string): Module | undefined {
  return course.modules.find((module) => module.id === id);
}

/**
 * A module's source list as full citations, in the module's order, for a "Sources" section.
 *
 * @example moduleSources(course, module).map((source) => source.title)
 */
export function moduleSources(course: Pick<Course, "sources">, module: Pick<Module, "sources">): Source[] {
  return module.sources.flatMap((id) => course.sources.filter((source) => source.id === id));
}

/**
 * The citations of one block or question, resolved against the course's sources.
 *
 * @example citationsOf(course, block.sources)
 */
export function citationsOf(course: Pick<Course, "sources">, ids: readonly string[]): Source[] {
  return ids.flatMap((id) => course.sources.filter((source) => source.id === id));
}

/**
 * A key fact by id, for hosts that show a figure outside lesson text (a certificate, a quick-reference card).
 *
 * @example findFact(course, "helpline-number")?.value
 */
export function findFact(course: Pick<Course, "facts">, id: string): Fact | undefined {
  return course.facts.find((fact) => fact.id === id);
}
