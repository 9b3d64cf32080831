import type { Module } from "@stalking-response/curriculum";
import { AttemptDrawSchema } from "../../src/shared/api";
import type { AttemptDraw } from "../../src/shared/api";
import type { TestClient } from "./client";

/** Starts (or resumes) a knowledge-check attempt through the API; throws unless it is drawn. */
export async function drawAttempt(client: TestClient, moduleId: string): Promise<AttemptDraw> {
  const response = await client.request("POST", `/api/modules/${moduleId}/attempt-draws`);
  if (response.status !== 200) throw new Error(`draw failed: ${response.status} ${await response.text()}`);
  return AttemptDrawSchema.parse(await response.json());
}

/**
 * Answers to a drawn attempt: each question right, or wrong (a single option that is not correct) where
 * `right(index)` says so.
 */
export function answersTo(module: Module, draw: AttemptDraw, right: (index: number) => boolean) {
  return draw.questions.map((asked, index) => {
    const question = module.knowledgeCheck.questions.find((candidate) => candidate.id === asked.id);
    if (!question) throw new Error(`${asked.id} is not in ${module.id}`);
    const wrong = question.options.find((option) => !question.correctOptionIds.includes(option.id));
    return {
      questionId: question.id,
      optionIds: right(index) || !wrong ? [...question.correctOptionIds] : [wrong.id],
    };
  });
}
