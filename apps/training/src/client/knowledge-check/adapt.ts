import type { LearnerQuestion, QuestionResult as Marking } from "@stalking-response/curriculum";
import type { Question, QuestionResult } from "../../shared/api";

/**
 * The API sends a question as the learner may see it; the ui's KnowledgeCheck takes the curriculum's
 * learner view, which has no `multipleAnswers` (the component reads the kind instead).
 */
export function toLearnerQuestion(question: Question): LearnerQuestion {
  return {
    id: question.id,
    kind: question.kind,
    prompt: question.prompt,
    sources: question.sources,
    ...(question.scenario === undefined ? {} : { scenario: question.scenario }),
    options: question.options,
  };
}

/**
 * The server's marking of one question, in the shape the ui's KnowledgeCheck shows as feedback; `undefined`
 * when the result carries no answer key (the server sends it only for a passed attempt).
 */
export function toMarking(result: QuestionResult): Marking | undefined {
  const key = result.correctOptionIds;
  if (key === undefined) return undefined;
  const selected = new Set(result.selectedOptionIds);
  return {
    questionId: result.questionId,
    correct: result.correct,
    answered: selected.size > 0,
    selectedOptionIds: result.selectedOptionIds,
    correctOptionIds: key,
    options: result.options.map((option) => ({
      optionId: option.id,
      text: option.text,
      explanation: option.explanation ?? "",
      selected: selected.has(option.id),
      correct: option.correct ?? key.includes(option.id),
    })),
  };
}
