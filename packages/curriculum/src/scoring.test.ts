import fc from "fast-check";
import { hasAnswerKey } from "./answer-key";
import { describe, expect, it } from "vitest";
import { course } from "./course.generated";
import {
  AttemptScoreSchema,
  QuestionResultSchema,
  WithheldQuestionResultSchema,
  lessonsToRevisit,
  scoreAttempt,
  withholdAnswerKey,
} from "./scoring";
import type { Answers } from "./scoring";
import { KnowledgeCheckSchema } from "./schema";
import type { Module } from "./schema";

const spo = course.modules.find((module) => module.id === "stalking-protection-orders");
if (!spo) throw new Error("the SPO module is missing");
const module: Module = spo;
const questions = module.knowledgeCheck.questions;

/** The right answer to every question. */
const allCorrect: Answers = Object.fromEntries(questions.map((q) => [q.id, [...q.correctOptionIds]]));

/** A wrong answer to a question: a single option that is not correct. */
function wrongAnswer(questionId: string): string[] {
  const question = questions.find((q) => q.id === questionId);
  const wrong = question?.options.find((option) => !question.correctOptionIds.includes(option.id));
  if (!wrong) throw new Error(`no wrong option in ${questionId}`);
  return [wrong.id];
}

function score(answers: unknown) {
  const result = scoreAttempt(module, answers);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe("scoreAttempt", () => {
  it("passes an attempt with every answer right", () => {
    const value = score(allCorrect);
    expect(value).toMatchObject({
      moduleId: "stalking-protection-orders",
      correctCount: questions.length,
      questionCount: questions.length,
      percent: 100,
      passMarkPercent: 80,
      passed: true,
    });
    expect(value.perQuestion.every((result) => result.correct && result.answered)).toBe(true);
  });

  it("fails an empty attempt and marks every question unanswered", () => {
    const value = score({});
    expect(value).toMatchObject({ correctCount: 0, percent: 0, passed: false });
    expect(value.perQuestion.every((result) => !result.correct && !result.answered)).toBe(true);
  });

  it("passes or fails exactly at the pass mark: passed when correct × 100 ≥ 80 × questions", () => {
    fc.assert(
      fc.property(fc.subarray(questions.map((q) => q.id)), (wrongIds) => {
        const answers: Answers = { ...allCorrect };
        for (const id of wrongIds) answers[id] = wrongAnswer(id);
        const value = score(answers);
        const correct = questions.length - wrongIds.length;
        expect(value.correctCount).toBe(correct);
        expect(value.passed).toBe(correct * 100 >= 80 * questions.length);
        expect(value.percent).toBe(Math.floor((correct * 100) / questions.length));
      }),
    );
  });

  it("marks a multiple-choice question right only for the exact set of correct options", () => {
    const question = questions.find((q) => q.kind === "multiple-choice" && q.correctOptionIds.length > 1);
    if (!question) throw new Error("no multiple-choice question with several answers");
    const [first, ...rest] = question.correctOptionIds;
    const partial = score({ [question.id]: [first] }).perQuestion.find((r) => r.questionId === question.id);
    expect(partial?.correct).toBe(false);
    const reversed = score({ [question.id]: [...rest, first].reverse() }).perQuestion.find(
      (r) => r.questionId === question.id,
    );
    expect(reversed?.correct).toBe(true);
    const extra = [...question.correctOptionIds, ...wrongAnswer(question.id)];
    expect(score({ [question.id]: extra }).perQuestion.find((r) => r.questionId === question.id)?.correct).toBe(false);
  });

  it("returns every option's explanation, flagging the selected and correct ones", () => {
    const question = questions[0];
    if (!question) throw new Error("no questions");
    const result = score({ [question.id]: wrongAnswer(question.id) }).perQuestion[0];
    expect(result?.options.map((o) => o.explanation)).toEqual(question.options.map((o) => o.explanation));
    expect(result?.options.filter((o) => o.selected).map((o) => o.id)).toEqual(wrongAnswer(question.id));
    expect(result?.options.filter((o) => o.correct).map((o) => o.id)).toEqual(question.correctOptionIds);
    expect(result?.correctOptionIds).toEqual(question.correctOptionIds);
  });

  it("rejects an unknown question, naming it", () => {
    expect(scoreAttempt(module, { "no-such-question": ["a"] })).toEqual({
      ok: false,
      issues: [{ path: ["no-such-question"], message: 'is not a question in module "stalking-protection-orders"' }],
    });
  });

  it("rejects an option the question does not have", () => {
    const result = scoreAttempt(module, { "which-court": ["high-court"] });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: ["which-court", "0"], message: '"high-court" is not an option of this question' }],
    });
  });

  it("rejects two answers to a single-choice question and a repeated option", () => {
    const result = scoreAttempt(module, {
      "which-court": ["magistrates", "crown"],
      "three-conditions": ["acts", "acts"],
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([
      "a single-choice question takes one answer",
      "selects the same option more than once",
    ]);
  });

  it("rejects answers that are not a map of question ids to option id lists", () => {
    for (const bad of [null, "magistrates", ["which-court"], { "which-court": "magistrates" }, { "Which Court": [] }]) {
      const result = scoreAttempt(module, bad);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.issues.length).toBeGreaterThan(0);
    }
  });
});

describe("scoreAttempt on a drawn set of questions", () => {
  const drawn = questions.slice(0, 5).map((q) => q.id);

  it("marks only the drawn questions, so the pass mark is a percentage of those", () => {
    const answers: Answers = Object.fromEntries(drawn.map((id) => [id, [...(allCorrect[id] ?? [])]]));
    answers[drawn[0] ?? ""] = wrongAnswer(drawn[0] ?? "");
    const result = scoreAttempt(module, answers, { questionIds: drawn });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.perQuestion.map((r) => r.questionId)).toEqual(drawn);
    expect(result.value).toMatchObject({ correctCount: 4, questionCount: 5, percent: 80, passed: true });
  });

  it("refuses an answer to a question of the bank that this attempt did not ask", () => {
    const other = questions[6]?.id ?? "";
    expect(scoreAttempt(module, { [other]: [...(allCorrect[other] ?? [])] }, { questionIds: drawn })).toEqual({
      ok: false,
      issues: [{ path: [other], message: "is not one of the questions this attempt asked" }],
    });
  });
});

describe("the answer key", () => {
  it("is in every marking scoreAttempt returns, and the score parses with its own schema", () => {
    const value = score({});
    expect(AttemptScoreSchema.parse(value)).toEqual(value);
    expect(value.perQuestion.every((result) => hasAnswerKey(result))).toBe(true);
  });

  it("is taken out by withholdAnswerKey: no correct ids, no option's correctness or explanation", () => {
    const [marked] = score(allCorrect).perQuestion;
    if (!marked) throw new Error("no marking");
    const withheld = withholdAnswerKey(marked);
    expect(WithheldQuestionResultSchema.parse(withheld)).toEqual(withheld);
    expect(QuestionResultSchema.safeParse(withheld).success).toBe(false);
    expect(withheld).not.toHaveProperty("correctOptionIds");
    for (const option of withheld.options) expect(Object.keys(option).sort()).toEqual(["id", "selected", "text"]);
    expect(withheld.options.map((option) => option.id)).toEqual(marked.options.map((option) => option.id));
    expect(withheld.correct).toBe(true);
    expect(hasAnswerKey(withheld)).toBe(false);
  });
});

describe("lessonsToRevisit", () => {
  it("names the lessons citing a wrong question's sources, in teaching order", () => {
    const question = questions[0];
    if (!question) throw new Error("no questions");
    const lessons = lessonsToRevisit(module, [question.id]);
    expect(lessons.length).toBeGreaterThan(0);
    for (const lesson of lessons) {
      const cited = lesson.blocks.flatMap((block) => ("sources" in block ? block.sources : []));
      expect(question.sources.some((id) => cited.includes(id))).toBe(true);
    }
    const order = module.lessons.map((lesson) => lesson.id);
    const ids = lessons.map((lesson) => lesson.id);
    expect(ids).toEqual(order.filter((id) => ids.includes(id)));
  });

  it("names nothing when nothing was wrong", () => {
    expect(lessonsToRevisit(module, [])).toEqual([]);
  });
});

describe("KnowledgeCheckSchema's questionsPerAttempt", () => {
  it("accepts a bank of at least twice the questions asked, and names the field when it is smaller", () => {
    const check = { passMarkPercent: 80, questions: questions.slice(0, 10) };
    expect(KnowledgeCheckSchema.safeParse({ ...check, questionsPerAttempt: 5 }).success).toBe(true);
    const result = KnowledgeCheckSchema.safeParse({ ...check, questionsPerAttempt: 6 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["questionsPerAttempt"], "the bank must hold at least twice the questions asked per attempt (12); it holds 10"],
    ]);
  });

  it("is set on every module of the course, with a bank at least twice as large", () => {
    for (const candidate of course.modules) {
      const perAttempt = candidate.knowledgeCheck.questionsPerAttempt ?? 0;
      expect(perAttempt, candidate.id).toBeGreaterThan(0);
      expect(candidate.knowledgeCheck.questions.length, candidate.id).toBeGreaterThanOrEqual(perAttempt * 2);
    }
  });
});
