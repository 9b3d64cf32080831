import type { Block, Module } from "./schema";

/**
 * The assumptions behind {@link estimateMinutes}. Reading speed is set below typical adult prose speed because
 * learners read legal content closely; a practice screening is a fixed allowance for working through a case.
 */
export const estimateAssumptions = {
  wordsPerMinute: 130,
  /** Reading a question and its options, then the feedback on each option. */
  minutesPerQuestion: 1,
  /**
   * Questions a learner answers in one attempt. Banks are larger (16 or more) so that a retake draws a different
   * test; the learner's time depends on the draw, not on the bank.
   */
  questionsPerAttempt: 8,
  minutesPerPracticeScreening: 5,
} as const;

function words(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

function blockWords(block: Block): number {
  switch (block.kind) {
    case "text":
      return words(`${block.title ?? ""} ${block.body}`);
    case "key-facts":
    case "checklist":
      return words([block.title, ...block.items].join(" "));
    case "law":
      return words(`${block.legislation} ${block.section} ${block.summary}`);
    case "scenario":
      return words([block.title, block.body, ...block.prompts].join(" "));
    case "callout":
      return words(`${block.title} ${block.body}`);
    case "image":
      return words(block.caption ?? "");
    case "practice-screening":
      return words(`${block.title} ${block.briefing}`);
  }
}

/**
 * Estimates how long a module takes: lesson reading time, plus time per question answered in one attempt (at most
 * `questionsPerAttempt` from the bank), plus a fixed
 * allowance per practice screening. Tests hold each module's authored `estimatedMinutes` close to this figure so
 * a trainer who adds a lesson sees when the module no longer fits its time.
 *
 * @returns minutes, rounded to the nearest whole minute.
 * @example estimateMinutes(module) // 21
 */
export function estimateMinutes(module: Pick<Module, "lessons" | "knowledgeCheck">): number {
  const blocks = module.lessons.flatMap((lesson) => lesson.blocks);
  const lessonWords = module.lessons.reduce(
    (total, lesson) => total + words(`${lesson.title} ${lesson.summary}`),
    blocks.reduce((total, block) => total + blockWords(block), 0),
  );
  const practice = blocks.filter((block) => block.kind === "practice-screening").length;
  const { wordsPerMinute, minutesPerQuestion, minutesPerPracticeScreening, questionsPerAttempt } = estimateAssumptions;
  const answered = Math.min(module.knowledgeCheck.questions.length, questionsPerAttempt);
  return Math.round(
    lessonWords / wordsPerMinute + answered * minutesPerQuestion + practice * minutesPerPracticeScreening,
  );
}
