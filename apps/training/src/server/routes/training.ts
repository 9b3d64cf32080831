import { z } from "zod";
import { TrainingListResponseSchema, paths } from "../../shared/api";
import type { AppDeps } from "../deps";
import { forbidden } from "../http/problem";
import { defineRoute } from "../http/route";
import { learnerTraining, trainingItems } from "../learning/progress";

/** "My training" and a learner's training list for trainers and admins of the same force. */
export function trainingRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  return [
    defineRoute({
      method: "GET",
      url: paths.myTraining,
      summary: "The signed-in learner's modules with assignment, due date and status",
      tags: ["training"],
      access: ["officer", "trainer", "admin"],
      response: { status: 200, schema: TrainingListResponseSchema, description: "Training list" },
      handler: async ({ auth }) => ({
        learner: { id: auth.user.id, displayName: auth.user.displayName },
        items: await trainingItems(db, catalog, auth.user, now()),
      }),
    }),
    defineRoute({
      method: "GET",
      url: paths.userTraining,
      summary: "A learner's training list (themself, or a trainer or admin of their force)",
      tags: ["training"],
      access: ["officer", "trainer", "admin"],
      params: z.object({ userId: z.uuid() }),
      errors: [404],
      response: { status: 200, schema: TrainingListResponseSchema, description: "Training list" },
      handler: ({ auth, params }) => {
        if (auth.user.role === "officer" && params.userId !== auth.user.id) {
          throw forbidden("Officers can see only their own training records.");
        }
        return learnerTraining(db, catalog, auth.user.forceId, params.userId, now());
      },
    }),
  ];
}
