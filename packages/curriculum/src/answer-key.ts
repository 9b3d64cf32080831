import type { QuestionResult, WithheldQuestionResult } from "./scoring";

// Apart from the schemas in ./scoring, so that a browser bundle checking a marking does not carry zod.

/**
 * Whether a marking carries its answer key (every option's `correct` and explanation), so it can be shown as
 * feedback; narrows the marking to {@link QuestionResult}.
 *
 * @example if (hasAnswerKey(result)) showFeedback(result);
 */
export function hasAnswerKey<T extends WithheldQuestionResult>(result: T): result is T & QuestionResult {
  return (
    result.correctOptionIds !== undefined &&
    result.options.every((option) => option.correct !== undefined && option.explanation !== undefined)
  );
}
