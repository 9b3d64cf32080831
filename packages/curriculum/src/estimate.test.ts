import { describe, expect, it } from "vitest";
import { estimateAssumptions, estimateMinutes } from "./estimate";
import type { Module } from "./schema";

type Part = Pick<Module, "lessons" | "knowledgeCheck">;

const words = (count: number): string => Array.from({ length: count }, () => "word").join(" ");

function moduleWith(bodyWords: number, questionCount: number, practice: boolean): Part {
  const question = {
    id: "q",
    kind: "true-false" as const,
    prompt: "Prompt",
    sources: ["s"],
    options: [
      { id: "true", text: "True", explanation: "Because." },
      { id: "false", text: "False", explanation: "Because." },
    ],
    correctOptionIds: ["true"],
  };
  return {
    lessons: [
      {
        id: "l",
        title: "One",
        summary: "Two",
        blocks: [
          { id: "t", kind: "text", body: words(bodyWords), sources: ["s"], jurisdiction: "england-and-wales" },
          ...(practice
            ? [
                {
                  id: "p",
                  kind: "practice-screening" as const,
                  scenarioId: "x",
                  title: "Three",
                  briefing: "Four",
                  lessons: [],
                },
              ]
            : []),
        ],
      },
    ],
    knowledgeCheck: { passMarkPercent: 80, questions: Array.from({ length: questionCount }, () => question) },
  };
}

describe("estimateMinutes", () => {
  it("counts reading at the stated speed, a minute per question and a fixed allowance per practice screening", () => {
    const { wordsPerMinute, minutesPerQuestion, minutesPerPracticeScreening } = estimateAssumptions;
    // Title and summary add two words, the practice block two more; round away from them.
    expect(estimateMinutes(moduleWith(wordsPerMinute * 10 - 2, 0, false))).toBe(10);
    expect(estimateMinutes(moduleWith(wordsPerMinute * 10 - 2, 4, false))).toBe(10 + 4 * minutesPerQuestion);
    expect(estimateMinutes(moduleWith(wordsPerMinute * 10 - 4, 4, true))).toBe(
      10 + 4 * minutesPerQuestion + minutesPerPracticeScreening,
    );
  });

  it("counts only the questions one attempt draws from a larger bank", () => {
    const { wordsPerMinute, minutesPerQuestion, questionsPerAttempt } = estimateAssumptions;
    const drawn = 10 + questionsPerAttempt * minutesPerQuestion;
    expect(estimateMinutes(moduleWith(wordsPerMinute * 10 - 2, questionsPerAttempt, false))).toBe(drawn);
    expect(estimateMinutes(moduleWith(wordsPerMinute * 10 - 2, questionsPerAttempt * 2, false))).toBe(drawn);
  });

  it("grows with the lesson text", () => {
    expect(estimateMinutes(moduleWith(2600, 10, false))).toBeGreaterThan(estimateMinutes(moduleWith(1300, 10, false)));
  });
});
