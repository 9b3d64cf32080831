import { describe, expect, it } from "vitest";
import { play } from "../test/helpers";
import { steps, tasks } from "./questions";
import type { Question } from "./schemas";
import { checkAnswer, validateAnswers, validateEvent } from "./validate";

const q = (kind: Question["kind"], extra: Partial<Question> = {}): Question => ({
  id: "q",
  prompt: "Q?",
  kind,
  ...extra,
});

describe("checkAnswer", () => {
  it.each([
    [q("yesNo"), "notKnown", "Select yes or no"],
    [q("yesNoNotKnown"), "maybe", "Select yes, no or not known"],
    [q("number", { min: 0, max: 10 }), 1.5, "Enter a whole number"],
    [q("number", { min: 0, max: 10 }), -1, "Enter a number of 0 or more"],
    [q("number", { min: 0, max: 10 }), 11, "Enter a number of 10 or less"],
    [q("text", { maxLength: 3 }), "abcd", "Enter 3 characters or fewer"],
    [q("date"), "2026-02-30", "Enter a real date in the form YYYY-MM-DD"],
    [q("date"), "27/03/2026", "Enter a real date in the form YYYY-MM-DD"],
    [q("singleChoice", { options: [{ value: "a", label: "A" }] }), "b", "Select one of the options"],
    [q("multipleChoice", { options: [{ value: "a", label: "A" }] }), "a", "Select one or more of the options"],
    [q("multipleChoice", { options: [{ value: "a", label: "A" }] }), ["a", "a"], "Select each option only once"],
    [
      q("multipleChoice", {
        options: [
          { value: "a", label: "A" },
          { value: "none", label: "None of these", exclusive: true },
        ],
      }),
      ["a", "none"],
      '"None of these" cannot be combined with other options',
    ],
    [q("text", { requiredMessage: "Enter why" }), "   ", "Enter why"],
    [q("text"), undefined, 'Answer "Q?"'],
  ] as const)("rejects %#", (question, value, message) => {
    expect(checkAnswer(question, value as never)).toBe(message);
  });

  it("accepts well-formed answers and skips optional ones", () => {
    expect(checkAnswer(q("date"), "2024-02-29")).toBeUndefined();
    expect(checkAnswer(q("number", { min: 0 }), 0)).toBeUndefined();
    expect(checkAnswer(q("text", { optional: true }), undefined)).toBeUndefined();
  });

  it("makes a question required when another answer asks for it (requiredWhen)", () => {
    const [status, note] = tasks.needsAssessment.questions;
    if (!status || !note) throw new Error("task questions missing");
    expect(validateAnswers([status, note], { status: "declined" })).toEqual([
      { path: ["note"], field: "note", message: "Enter what happens next when the assessment was not completed" },
    ]);
    expect(validateAnswers([status, note], { status: "completed" })).toEqual([]);
  });
});

describe("validateEvent", () => {
  const idle = play([]).snapshot.context;

  it("names the payload field a malformed event gets wrong", () => {
    expect(validateEvent(idle, { type: "screening.start", actor: { id: "", role: "officer" } })).toEqual([
      { path: ["actor", "id"], field: "actor.id", message: '"actor.id" must be a non-empty id' },
    ]);
    expect(validateEvent(idle, { type: "screening.start", actor: { id: "a", role: "mayor" } })[0]?.field).toBe(
      "actor.role",
    );
  });

  it("rejects things that are not events at all", () => {
    expect(validateEvent(idle, null)).toEqual([
      {
        path: ["event"],
        field: "event",
        message: 'An event must be an object with a "type", such as { "type": "step.back" }',
      },
    ]);
    expect(validateEvent(idle, "answer.submit")[0]?.field).toBe("event");
    expect(validateEvent(idle, { type: 42 })[0]?.message).toBe(
      '"type" must be the name of an event as text, such as "answer.submit"',
    );
  });

  it("keeps question ids unique across steps, so answers can share one record", () => {
    const ids = Object.values(steps).flatMap((s) => s.questions.map((question) => question.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
