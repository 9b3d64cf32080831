import { z } from "zod";
import { IdSchema, ModuleIdSchema } from "./schema";
import type { Module, Question } from "./schema";

/**
 * A learner's answers: question id → the option ids they selected. A question left out counts as unanswered.
 *
 * @example AnswersSchema.parse({ "who-applies": ["chief-officer"] });
 */
export const AnswersSchema = z.record(IdSchema, z.array(IdSchema));

/** A learner's answers to one knowledge check. */
export type Answers = z.infer<typeof AnswersSchema>;

/** How one option of a marked question reads back to the learner. */
export const OptionFeedbackSchema = z.object({
  id: IdSchema,
  text: z.string(),
  explanation: z.string(),
  selected: z.boolean(),
  correct: z.boolean(),
});
/** How one option of a marked question reads back to the learner. */
export type OptionFeedback = z.infer<typeof OptionFeedbackSchema>;

/** The marking of one question, with its answer key and every option's explanation. */
export const QuestionResultSchema = z.object({
  questionId: IdSchema,
  correct: z.boolean(),
  answered: z.boolean(),
  selectedOptionIds: z.array(IdSchema),
  correctOptionIds: z.array(IdSchema),
  /** Every option with its explanation, so feedback can explain the right answer too. */
  options: z.array(OptionFeedbackSchema),
});
/** The marking of one question. */
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

/**
 * The marking of one question with the answer key withheld: which options were right and why are left out.
 * A server sends this instead of {@link QuestionResult} when the key would be a crib for the next attempt.
 */
export const WithheldQuestionResultSchema = QuestionResultSchema.extend({
  correctOptionIds: QuestionResultSchema.shape.correctOptionIds.optional(),
  options: z.array(OptionFeedbackSchema.partial({ explanation: true, correct: true })),
});
/** The marking of one question, the answer key possibly withheld. */
export type WithheldQuestionResult = z.infer<typeof WithheldQuestionResultSchema>;

/**
 * The marking without its answer key: correct ids, each option's `correct` and its explanation removed.
 *
 * @example const safe = withholdAnswerKey(score.perQuestion[0]);
 */
export function withholdAnswerKey(result: QuestionResult): WithheldQuestionResult {
  const { correctOptionIds: _key, options, ...rest } = result;
  return { ...rest, options: options.map(({ id, text, selected }) => ({ id, text, selected })) };
}

/** The marking of a whole attempt. */
export const AttemptScoreSchema = z.object({
  moduleId: ModuleIdSchema,
  moduleVersion: z.string(),
  correctCount: z.number().int().nonnegative(),
  questionCount: z.number().int().positive(),
  /** Rounded down, so a display of 80 never hides a fail at 79.9. */
  percent: z.number().int().min(0).max(100),
  passMarkPercent: z.number().min(0).max(100),
  passed: z.boolean(),
  perQuestion: z.array(QuestionResultSchema),
});
/** The marking of a whole attempt. */
export type AttemptScore = z.infer<typeof AttemptScoreSchema>;

/** A problem with submitted answers, naming the field and the reason. */
export interface AnswerIssue {
  path: string[];
  message: string;
}

/** The result of scoring: the marks, or the reasons the answers could not be marked. */
export type ScoreResult = { ok: true; value: AttemptScore } | { ok: false; issues: AnswerIssue[] };

function answerIssues(module: Module, answers: Answers, asked: readonly Question[]): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const questions = new Map(asked.map((question) => [question.id, question]));
  const inModule = new Set(module.knowledgeCheck.questions.map((question) => question.id));
  for (const [questionId, selected] of Object.entries(answers)) {
    const question = questions.get(questionId);
    if (!question) {
      issues.push({
        path: [questionId],
        message: inModule.has(questionId)
          ? "is not one of the questions this attempt asked"
          : `is not a question in module "${module.id}"`,
      });
      continue;
    }
    const optionIds = new Set(question.options.map((option) => option.id));
    selected.forEach((optionId, index) => {
      if (!optionIds.has(optionId)) {
        issues.push({ path: [questionId, String(index)], message: `"${optionId}" is not an option of this question` });
      }
    });
    if (new Set(selected).size !== selected.length) {
      issues.push({ path: [questionId], message: "selects the same option more than once" });
    }
    if (question.kind !== "multiple-choice" && selected.length > 1) {
      issues.push({ path: [questionId], message: `a ${question.kind} question takes one answer` });
    }
  }
  return issues;
}

function markQuestion(question: Question, selected: readonly string[]): QuestionResult {
  const correctIds = new Set(question.correctOptionIds);
  const correct = selected.length === correctIds.size && selected.every((id) => correctIds.has(id));
  return {
    questionId: question.id,
    correct,
    answered: selected.length > 0,
    selectedOptionIds: [...selected],
    correctOptionIds: [...question.correctOptionIds],
    options: question.options.map((option) => ({
      id: option.id,
      text: option.text,
      explanation: option.explanation,
      selected: selected.includes(option.id),
      correct: correctIds.has(option.id),
    })),
  };
}

/**
 * Marks a knowledge-check attempt. A question is right only when the selection matches the correct options
 * exactly; unanswered questions are wrong. The pass test compares whole numbers, so 8 of 10 at an 80% mark
 * passes without floating-point doubt.
 *
 * Pure and shared: the training app scores on the server with this, and tests assert against the same code.
 *
 * With `questionIds` (the questions one attempt drew from the bank), only those are marked, in that order,
 * and an answer to any other question is refused; without it, every question of the bank is.
 *
 * @returns the marks, or every reason the answers do not fit the module (unknown question or option, two
 *   answers to a single-answer question).
 * @example
 * const result = scoreAttempt(module, { "who-applies": ["chief-officer"] });
 * if (result.ok) console.log(result.value.passed);
 */
export function scoreAttempt(
  module: Module,
  answers: unknown,
  options: { questionIds?: readonly string[] } = {},
): ScoreResult {
  const bank = new Map(module.knowledgeCheck.questions.map((question) => [question.id, question]));
  const asked =
    options.questionIds === undefined
      ? module.knowledgeCheck.questions
      : options.questionIds.flatMap((id) => {
          const question = bank.get(id);
          return question ? [question] : [];
        });
  if (asked.length === 0 || (options.questionIds !== undefined && asked.length !== options.questionIds.length)) {
    return { ok: false, issues: [{ path: [], message: `names questions that are not in module "${module.id}"` }] };
  }
  const parsed = AnswersSchema.safeParse(answers);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    };
  }
  const issues = answerIssues(module, parsed.data, asked);
  if (issues.length > 0) return { ok: false, issues };

  const perQuestion = asked.map((question) => markQuestion(question, parsed.data[question.id] ?? []));
  const correctCount = perQuestion.filter((result) => result.correct).length;
  const questionCount = perQuestion.length;
  const { passMarkPercent } = module.knowledgeCheck;
  return {
    ok: true,
    value: {
      moduleId: module.id,
      moduleVersion: module.version,
      correctCount,
      questionCount,
      percent: Math.floor((correctCount * 100) / questionCount),
      passMarkPercent,
      passed: correctCount * 100 >= passMarkPercent * questionCount,
      perQuestion,
    },
  };
}

/**
 * The lessons to re-read after getting these questions wrong: each lesson whose blocks cite a source one of
 * the questions cites, in teaching order. A question whose sources no lesson cites names every lesson.
 *
 * @example lessonsToRevisit(module, ["which-court"]).map((lesson) => lesson.title);
 */
export function lessonsToRevisit(module: Module, questionIds: readonly string[]): Module["lessons"] {
  const wrong = module.knowledgeCheck.questions.filter((question) => questionIds.includes(question.id));
  if (wrong.length === 0) return [];
  const citedBy = (lesson: Module["lessons"][number]) =>
    new Set(lesson.blocks.flatMap((block) => ("sources" in block ? block.sources : [])));
  const chosen = new Set<string>();
  for (const question of wrong) {
    const matching = module.lessons.filter((lesson) => question.sources.some((id) => citedBy(lesson).has(id)));
    for (const lesson of matching.length > 0 ? matching : module.lessons) chosen.add(lesson.id);
  }
  return module.lessons.filter((lesson) => chosen.has(lesson.id));
}
