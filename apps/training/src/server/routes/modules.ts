import type { Module } from "@stalking-response/curriculum";
import { z } from "zod";
import {
  AnswersSoFarSchema,
  AttemptDrawSchema,
  AttemptRequestSchema,
  AttemptResultSchema,
  LessonProgressRequestSchema,
  ModuleDetailResponseSchema,
  ModuleProgressSchema,
  paths,
} from "../../shared/api";
import { InvalidInput, NotFound } from "../errors";
import { defineRoute } from "../http/route";
import { moduleProgress, projectionOf } from "../learning/progress";
import { attemptAllowance, keepAnswersSoFar, startAttempt } from "../learning/attempt-draw";
import { readAttempt, recordLessonSeen, submitAttempt } from "../learning/record";
import { learnerOf } from "../learning/statement";
import type { AppDeps } from "../deps";

// Module ids are checked against the catalog (404 when unknown) rather than by schema, so a typo in a
// link reads as "no such module", like any other missing page.
const ModuleParams = z.object({ moduleId: z.string().min(1).max(100) });
const AttemptParams = ModuleParams.extend({ attemptId: z.uuid() });

/** Module content, lesson progress and knowledge-check attempts, for the signed-in learner. */
export function moduleRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  const moduleOr404 = (moduleId: string): Module => {
    const module = catalog.module(moduleId);
    if (!module) throw new NotFound("module");
    return module;
  };
  const learners = ["officer", "trainer", "admin"] as const;

  return [
    defineRoute({
      method: "GET",
      url: paths.module,
      summary: "A module's lessons and knowledge check (without answers) and the caller's progress",
      tags: ["modules"],
      access: learners,
      params: ModuleParams,
      errors: [404],
      response: { status: 200, schema: ModuleDetailResponseSchema, description: "Module" },
      handler: async ({ auth, params }) => {
        const module = moduleOr404(params.moduleId);
        const state = await projectionOf(db, auth.user.id, module.id);
        return {
          id: module.id,
          title: module.title,
          summary: module.summary,
          version: module.version,
          estimatedMinutes: module.estimatedMinutes,
          jurisdiction: module.jurisdiction,
          passMarkPercent: module.knowledgeCheck.passMarkPercent,
          validityMonths: module.validityMonths,
          lessons: catalog.lessons(module),
          questionsPerAttempt: module.knowledgeCheck.questionsPerAttempt ?? module.knowledgeCheck.questions.length,
          sources: catalog.sources.filter((source) => module.sources.includes(source.id)),
          progress: moduleProgress(module, state, now()),
          attemptAllowance: (await attemptAllowance(db, learnerOf(auth.user), module, now())).allowance,
        };
      },
    }),
    defineRoute({
      method: "PUT",
      url: paths.moduleProgress,
      summary: "Record that the caller has seen a lesson (xAPI experienced); returns progress for resuming",
      tags: ["modules"],
      access: learners,
      params: ModuleParams,
      body: LessonProgressRequestSchema,
      errors: [404],
      response: { status: 200, schema: ModuleProgressSchema, description: "Progress" },
      handler: async ({ auth, params, body }) => {
        const module = moduleOr404(params.moduleId);
        if (!module.lessons.some((lesson) => lesson.id === body.lessonId)) {
          throw InvalidInput.field(
            "lessonId",
            `is not a lesson of module ${module.id}`,
            `lessonId: is not a lesson of ${module.id}`,
          );
        }
        const at = now();
        const state = await recordLessonSeen(db, learnerOf(auth.user), module, body.lessonId, at);
        return moduleProgress(module, state, at);
      },
    }),
    defineRoute({
      method: "POST",
      url: paths.moduleAttemptDraws,
      summary:
        "Start a knowledge-check attempt: the questions drawn for it, options shuffled (an attempt started and not submitted is answered again)",
      tags: ["modules"],
      access: learners,
      params: ModuleParams,
      errors: [404, 429],
      response: { status: 200, schema: AttemptDrawSchema, description: "The attempt's questions" },
      handler: async ({ auth, params }) => {
        const module = moduleOr404(params.moduleId);
        return startAttempt(db, learnerOf(auth.user), module, now());
      },
    }),
    defineRoute({
      method: "PUT",
      url: paths.moduleAnswersSoFar,
      summary:
        "Keep the answers given so far to an attempt not yet submitted (replacing those kept before), so any device carries on from them",
      tags: ["modules"],
      access: learners,
      params: AttemptParams,
      body: AnswersSoFarSchema,
      errors: [404],
      response: { status: 200, schema: AttemptDrawSchema.shape.answersSoFar, description: "The answers kept" },
      handler: async ({ auth, params, body }) => {
        const module = moduleOr404(params.moduleId);
        return keepAnswersSoFar(db, learnerOf(auth.user), module, params.attemptId, body.answers);
      },
    }),
    defineRoute({
      method: "POST",
      url: paths.moduleAttempts,
      summary: "Submit knowledge-check answers; the server scores them and records the result",
      tags: ["modules"],
      access: learners,
      params: ModuleParams,
      body: AttemptRequestSchema,
      errors: [404, 409],
      response: { status: 200, schema: AttemptResultSchema, description: "Scored attempt" },
      handler: async ({ auth, params, body }) => {
        const module = moduleOr404(params.moduleId);
        return submitAttempt(db, learnerOf(auth.user), module, body, now());
      },
    }),
    defineRoute({
      method: "GET",
      url: paths.moduleAttempt,
      summary: "One of the caller's own knowledge-check attempts, scored (someone else's is not found)",
      tags: ["modules"],
      access: learners,
      params: AttemptParams,
      errors: [404],
      response: { status: 200, schema: AttemptResultSchema, description: "Scored attempt" },
      handler: async ({ auth, params }) => {
        const module = moduleOr404(params.moduleId);
        const result = await readAttempt(db, learnerOf(auth.user), module, params.attemptId, now());
        if (!result) throw new NotFound("attempt");
        return result;
      },
    }),
  ];
}
