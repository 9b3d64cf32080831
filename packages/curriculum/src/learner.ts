import { z } from "zod";
import { IdSchema } from "./schema";
import type { Module, Question, QuestionKind } from "./schema";

const questionKinds = [
  "single-choice",
  "multiple-choice",
  "true-false",
  "scenario",
] as const satisfies readonly QuestionKind[];
// Fails to compile when the authoring schema gains a question kind the learner view does not list.
const listsEveryKind: [Exclude<QuestionKind, (typeof questionKinds)[number]>] extends [never] ? true : never = true;
void listsEveryKind;

/** An option as a learner sees it before marking: no explanation, so the answer is not given away. */
export const LearnerOptionSchema = z.object({ id: IdSchema, text: z.string() });
/** An option as a learner sees it before marking. */
export type LearnerOption = z.infer<typeof LearnerOptionSchema>;

/**
 * A question as a learner sees it before marking: no correct ids, no explanations. This is the shape an app
 * sends to a browser and the shape `@stalking-response/ui`'s `KnowledgeCheck` takes, so neither re-declares it.
 *
 * @example LearnerQuestionSchema.parse(learnerQuestions(module)[0]);
 */
export const LearnerQuestionSchema = z.object({
  id: IdSchema,
  kind: z.enum(questionKinds),
  /** The fictional situation shown before the prompt (scenario questions). */
  scenario: z.string().optional(),
  prompt: z.string(),
  /** True when more than one option may be selected (checkboxes rather than radios). */
  multipleAnswers: z.boolean(),
  options: z.array(LearnerOptionSchema).min(2),
  /** Ids of the module's sources the question is based on. */
  sources: z.array(IdSchema),
});
/** A question as a learner sees it before marking. */
export type LearnerQuestion = z.infer<typeof LearnerQuestionSchema>;

/**
 * One question as a learner sees it: no correct ids, no explanations. Each field is named, so nothing the
 * authoring schema gains later reaches a learner by accident. With `optionOrder`, the options come in that
 * order (an attempt's shuffle).
 *
 * @example const asked = learnerQuestion(question, ["c", "a", "b"]);
 */
export function learnerQuestion(question: Question, optionOrder?: readonly string[]): LearnerQuestion {
  const options = optionOrder
    ? optionOrder.flatMap((id) => question.options.filter((option) => option.id === id))
    : question.options;
  return {
    id: question.id,
    kind: question.kind,
    ...(question.kind === "scenario" ? { scenario: question.scenario } : {}),
    prompt: question.prompt,
    multipleAnswers: question.kind === "multiple-choice",
    options: options.map(({ id, text }) => ({ id, text })),
    sources: [...question.sources],
  };
}

/**
 * The questions of a module without answers or explanations, for sending to a browser. Explanations arrive
 * with the marks from {@link scoreAttempt}, after the server has scored the attempt.
 *
 * @example const questions = learnerQuestions(module);
 */
export function learnerQuestions(module: Pick<Module, "knowledgeCheck">): LearnerQuestion[] {
  return module.knowledgeCheck.questions.map((question) => learnerQuestion(question));
}
