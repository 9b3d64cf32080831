import type { ModuleDetailResponse } from "../../shared/api";
import type { Route } from "../routing/routes";

/** Whether every lesson has been seen, which opens the knowledge check. */
export function lessonsDone(module: ModuleDetailResponse): boolean {
  const seen = new Set(module.progress.experiencedLessonIds);
  return module.lessons.every((lesson) => seen.has(lesson.id));
}

/**
 * Where "continue" takes the officer: the first lesson they have not yet finished (on whatever device), the
 * first lesson when they have not started, or the knowledge check once every lesson has been finished.
 */
export function resumeRoute(module: ModuleDetailResponse): { route: Route; label: string } {
  const moduleId = module.id;
  const first = module.lessons[0];
  const { lastLessonId } = module.progress;
  if (lastLessonId === null || first === undefined) {
    return {
      route: first ? { name: "lesson", moduleId, lessonId: first.id } : { name: "knowledge-check", moduleId },
      label: "Start module",
    };
  }
  const seen = new Set(module.progress.experiencedLessonIds);
  const unfinished = module.lessons.find((lesson) => !seen.has(lesson.id));
  if (!unfinished) return { route: { name: "knowledge-check", moduleId }, label: "Continue to the knowledge check" };
  return { route: { name: "lesson", moduleId, lessonId: unfinished.id }, label: "Continue where you left off" };
}

/** The page after a lesson: the next lesson, or the knowledge check after the last one. */
export function nextAfterLesson(module: ModuleDetailResponse, lessonId: string): Route {
  const index = module.lessons.findIndex((lesson) => lesson.id === lessonId);
  const next = module.lessons[index + 1];
  return next
    ? { name: "lesson", moduleId: module.id, lessonId: next.id }
    : { name: "knowledge-check", moduleId: module.id };
}
