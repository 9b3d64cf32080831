import { createHash, randomUUID } from "node:crypto";
import type { Module } from "@stalking-response/curriculum";
import { learnerQuestion, lessonsToRevisit } from "@stalking-response/curriculum";
import type { AttemptAllowance, AttemptDraw } from "../../shared/api";
import { lessonActivityId } from "../../shared/api";
import type { Db } from "../db/client";
import {
  attemptsPerDay,
  drawsSince,
  experiencedAfter,
  findDraw,
  insertDraw,
  latestDraw,
  saveAnswersSoFar,
  statementSeq,
} from "../db/attempt-draws";
import type { AttemptDrawRow, DrawnQuestion } from "../db/attempt-draws";
import { InvalidInput, NotFound, TooManyAttempts } from "../errors";
import type { Learner } from "./statement";
import { derivedUuid } from "./xapi";

const DAY_MS = 24 * 60 * 60_000;

/** No attempt is allowed now: says when, and which lessons to re-read to try at once. */
function attemptLimit(allowance: AttemptAllowance, now: Date): TooManyAttempts {
  const lessons = allowance.lessonsToRevisit.map((lesson) => lesson.title);
  const retryAfterMs = allowance.nextAttemptAt ? Date.parse(allowance.nextAttemptAt) - now.getTime() : null;
  return new TooManyAttempts(
    "attempt-limit",
    "No attempts left for now",
    `You have used your ${allowance.attemptsPerDay} attempts in 24 hours. Re-read ${lessons.length > 0 ? lessons.join("; ") : "the lessons"} to try again now, or try again after ${allowance.nextAttemptAt ?? "24 hours"}.`,
    retryAfterMs,
    allowance.lessonsToRevisit.map((lesson) => ({
      field: `lessons.${lesson.id}`,
      reason: `re-read "${lesson.title}"`,
    })),
  );
}

/** A stream of numbers in [0, 1) determined by the seed (SHA-256 in counter mode), so a draw can be replayed. */
function seededRandom(seed: string): () => number {
  let block = 0;
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > pool.length) {
      pool = createHash("sha256").update(`${seed}:${block}`).digest();
      block += 1;
      offset = 0;
    }
    const value = pool.readUInt32BE(offset) / 2 ** 32;
    offset += 4;
    return value;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/**
 * Draws an attempt's questions from the module's bank, seeded by the attempt id: `questionsPerAttempt` of
 * them, taking questions the previous attempt did not ask first (the bank holds at least twice as many, so a
 * retake asks none of the same questions), each with its options shuffled. True-or-false options keep their
 * order, which readers expect.
 */
export function drawQuestions(module: Module, attemptId: string, previous: readonly string[]): DrawnQuestion[] {
  const random = seededRandom(attemptId);
  const bank = module.knowledgeCheck.questions;
  const count = Math.min(module.knowledgeCheck.questionsPerAttempt ?? bank.length, bank.length);
  const asked = new Set(previous);
  const order = [
    ...shuffled(
      bank.filter((question) => !asked.has(question.id)),
      random,
    ),
    ...shuffled(
      bank.filter((question) => asked.has(question.id)),
      random,
    ),
  ];
  return order.slice(0, count).map((question) => {
    const ids = question.options.map((option) => option.id);
    return { questionId: question.id, optionIds: question.kind === "true-false" ? ids : shuffled(ids, random) };
  });
}

/** The drawn questions as the learner sees them: no answers, options in the attempt's order. */
export function drawnForLearner(module: Module, drawn: readonly DrawnQuestion[]): AttemptDraw["questions"] {
  const bank = new Map(module.knowledgeCheck.questions.map((question) => [question.id, question]));
  return drawn.flatMap(({ questionId, optionIds }) => {
    const question = bank.get(questionId);
    return question ? [learnerQuestion(question, optionIds)] : [];
  });
}

const lessonRefs = (lessons: Module["lessons"]) => lessons.map((lesson) => ({ id: lesson.id, title: lesson.title }));

/**
 * Whether the learner may start an attempt now. The force allows `attemptsPerDay` attempts per module in any
 * 24 hours (a drawn attempt counts whether or not it was submitted, so drawing again cannot be used to see
 * more of the bank). When they are used up, re-reading every lesson the last failed attempt named allows one
 * more attempt at once; otherwise the next is allowed when the oldest of them is 24 hours old.
 */
export async function attemptAllowance(db: Db, learner: Learner, module: Module, now: Date) {
  const perDay = await attemptsPerDay(db, learner.forceId);
  const recent = await drawsSince(db, learner.id, module.id, new Date(now.getTime() - DAY_MS));
  const lastFailed = recent.findLast((draw) => draw.submittedAt !== null && draw.passed === false);
  const named = lastFailed ? lessonsToRevisit(module, lastFailed.wrongQuestionIds ?? []) : [];
  const left = Math.max(0, perDay - recent.length);
  if (left > 0 || !lastFailed) {
    const allowance: AttemptAllowance = {
      attemptsPerDay: perDay,
      attemptsLeft: left,
      nextAttemptAt: left > 0 ? null : nextAt(recent, perDay),
      lessonsToRevisit: lessonRefs(named),
    };
    return { allowance, recent };
  }
  // Used up: has the learner re-read, since that attempt was marked, every lesson it named?
  const verdictSeq = await statementSeq(db, derivedUuid("attempt", lastFailed.id, learner.id, "verdict"));
  const seen = await experiencedAfter(
    db,
    learner.id,
    module.id,
    verdictSeq ?? Number.MAX_SAFE_INTEGER,
    named.map((lesson) => lessonActivityId(module.id, lesson.id)),
  );
  const unread = named.filter((lesson) => !seen.has(lessonActivityId(module.id, lesson.id)));
  const reRead = unread.length === 0 && recent.at(-1) === lastFailed;
  const allowance: AttemptAllowance = {
    attemptsPerDay: perDay,
    attemptsLeft: reRead ? 1 : 0,
    nextAttemptAt: reRead ? null : nextAt(recent, perDay),
    lessonsToRevisit: lessonRefs(reRead ? named : unread),
  };
  return { allowance, recent };
}

function nextAt(recent: readonly AttemptDrawRow[], perDay: number): string | null {
  const oldestCounted = recent[recent.length - perDay];
  return oldestCounted ? new Date(oldestCounted.drawnAt.getTime() + DAY_MS).toISOString() : null;
}

/**
 * Starts (or resumes) a knowledge-check attempt: an attempt drawn for this version of the module and not yet
 * submitted is answered again, so a reload or a second device never uses up an attempt; otherwise a new draw,
 * if the allowance has one left, else `TooManyAttempts` naming the lessons to re-read.
 */
export async function startAttempt(db: Db, learner: Learner, module: Module, now: Date): Promise<AttemptDraw> {
  const latest = await latestDraw(db, learner.id, module.id);
  const open =
    latest &&
    latest.submittedAt === null &&
    latest.moduleVersion === module.version &&
    now.getTime() - latest.drawnAt.getTime() < DAY_MS
      ? latest
      : undefined;
  if (open) return drawResponse(module, open.id, open.questions, open.answersSoFar);
  const { allowance } = await attemptAllowance(db, learner, module, now);
  if (allowance.attemptsLeft === 0) throw attemptLimit(allowance, now);
  const attemptId = randomUUID();
  const questions = drawQuestions(module, attemptId, latest?.questions.map((question) => question.questionId) ?? []);
  await insertDraw(db, {
    id: attemptId,
    forceId: learner.forceId,
    userId: learner.id,
    moduleId: module.id,
    moduleVersion: module.version,
    questions,
    drawnAt: now,
  });
  return drawResponse(module, attemptId, questions, {});
}

function drawResponse(
  module: Module,
  attemptId: string,
  questions: readonly DrawnQuestion[],
  answersSoFar: Record<string, string[]>,
): AttemptDraw {
  return {
    attemptId,
    questions: drawnForLearner(module, questions),
    passMarkPercent: module.knowledgeCheck.passMarkPercent,
    answersSoFar,
  };
}

/**
 * Keeps the answers a learner has given so far to their own open attempt, replacing those kept before, so
 * they can leave part-way and carry on from any device. Each answer must be to a question of this draw,
 * with its options; nothing is scored. Another learner's attempt, or one already submitted, is not found.
 */
export async function keepAnswersSoFar(
  db: Db,
  learner: Learner,
  module: Module,
  attemptId: string,
  answers: readonly { questionId: string; optionIds: readonly string[] }[],
): Promise<Record<string, string[]>> {
  const draw = await findDraw(db, attemptId, learner.id, module.id);
  if (!draw || draw.submittedAt !== null) throw new NotFound("open knowledge-check attempt");
  const drawn = new Map(draw.questions.map((question) => [question.questionId, new Set(question.optionIds)]));
  const kept: Record<string, string[]> = {};
  answers.forEach((answer, index) => {
    const options = drawn.get(answer.questionId);
    if (!options) throw InvalidInput.field(`body.answers.${index}.questionId`, "is not a question of this attempt");
    if (answer.questionId in kept) throw InvalidInput.field(`body.answers.${index}.questionId`, "is answered twice");
    const unknown = answer.optionIds.findIndex((optionId) => !options.has(optionId));
    if (unknown >= 0) {
      throw InvalidInput.field(`body.answers.${index}.optionIds.${unknown}`, "is not an option of this question");
    }
    kept[answer.questionId] = [...new Set(answer.optionIds)];
  });
  if (!(await saveAnswersSoFar(db, attemptId, learner.id, kept))) throw new NotFound("open knowledge-check attempt");
  return kept;
}
