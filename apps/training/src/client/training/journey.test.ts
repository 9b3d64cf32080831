import { course, findModule } from "@stalking-response/curriculum";
import { describe, expect, it } from "vitest";
import type { ModuleDetailResponse, ModuleProgress } from "../../shared/api";
import { lessonsDone, nextAfterLesson, resumeRoute } from "./journey";

const spo = (() => {
  const found = findModule(course, "stalking-protection-orders");
  if (!found) throw new Error("the curriculum has no stalking-protection-orders module");
  return found;
})();
const lessonIds = spo.lessons.map((lesson) => lesson.id);
const [first = "", second = ""] = lessonIds;
const last = lessonIds.at(-1) ?? "";

function detail(progress: Partial<ModuleProgress>): ModuleDetailResponse {
  return {
    id: spo.id,
    title: spo.title,
    summary: spo.summary,
    version: spo.version,
    estimatedMinutes: spo.estimatedMinutes,
    jurisdiction: spo.jurisdiction,
    passMarkPercent: spo.knowledgeCheck.passMarkPercent,
    validityMonths: spo.validityMonths,
    lessons: spo.lessons,
    questionsPerAttempt: spo.knowledgeCheck.questionsPerAttempt ?? spo.knowledgeCheck.questions.length,
    sources: course.sources,
    attemptAllowance: { attemptsPerDay: 3, attemptsLeft: 3, nextAttemptAt: null, lessonsToRevisit: [] },
    progress: {
      status: "not-started",
      lastLessonId: null,
      experiencedLessonIds: [],
      lessonsTotal: spo.lessons.length,
      attempts: 0,
      scorePercent: null,
      completedAt: null,
      expiresAt: null,
      certificateId: null,
      ...progress,
    },
  };
}

describe("where an officer resumes a module", () => {
  it("starts at the first lesson when nothing has been seen", () => {
    expect(resumeRoute(detail({}))).toEqual({
      route: { name: "lesson", moduleId: spo.id, lessonId: first },
      label: "Start module",
    });
  });

  it("goes on to the first lesson not yet finished, on any device", () => {
    const module = detail({ status: "in-progress", lastLessonId: first, experiencedLessonIds: [first] });
    expect(resumeRoute(module)).toEqual({
      route: { name: "lesson", moduleId: spo.id, lessonId: second },
      label: "Continue where you left off",
    });
  });

  it("goes to the knowledge check once every lesson has been seen and the last one was the final lesson", () => {
    const module = detail({ status: "in-progress", lastLessonId: last, experiencedLessonIds: lessonIds });
    expect(lessonsDone(module)).toBe(true);
    expect(resumeRoute(module).route).toEqual({ name: "knowledge-check", moduleId: spo.id });
  });

  it("keeps the knowledge check closed while any lesson is unfinished, going back to the one skipped", () => {
    const module = detail({ status: "in-progress", lastLessonId: last, experiencedLessonIds: [first, last] });
    expect(lessonsDone(module)).toBe(false);
    expect(resumeRoute(module).route).toEqual({ name: "lesson", moduleId: spo.id, lessonId: second });
  });

  it("moves from each lesson to the next, and from the last to the knowledge check", () => {
    const module = detail({});
    expect(nextAfterLesson(module, first)).toEqual({ name: "lesson", moduleId: spo.id, lessonId: second });
    expect(nextAfterLesson(module, last)).toEqual({ name: "knowledge-check", moduleId: spo.id });
  });
});
