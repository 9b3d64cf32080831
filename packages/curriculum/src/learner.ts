import type { Module, Question } from "./schema";

/** An option as a learner sees it before marking: no explanation, so the answer is not given away. */
export interface LearnerOption {
  id: string;
  text: string;
}

/** A question as a learner sees it before marking: no correct ids, no explanations. */
export type LearnerQuestion = Omit<Question, "correctOptionIds" | "options"> & { options: LearnerOption[] };

/**
 * The questions of a module without answers or explanations, for sending to a browser. Explanations arrive
 * with the marks from {@link scoreAttempt}, after the server has scored the attempt.
 *
 * @example const questions = learnerQuestions(module);
 */
export function learnerQuestions(module: Pick<Module, "knowledgeCheck">): LearnerQuestion[] {
  return module.knowledgeCheck.questions.map(({ correctOptionIds: _answers, options, ...question }) => ({
    ...question,
    options: options.map(({ id, text }) => ({ id, text })),
  }));
}
