import { describe, expect, it } from "vitest";
import { checkCourse, resolveFacts } from "./checks";
import { course } from "./course.generated";
import type { Fact } from "./schema";

const facts: Fact[] = [
  {
    id: "deadline",
    value: "3 days",
    statement: "S.",
    sources: ["s"],
    jurisdiction: "england-and-wales",
    status: "enacted-not-commenced",
    confidence: "high",
    checkedOn: "2026-12-06",
    reviewBy: "2027-06-06",
    material: false,
    mentions: [],
  },
];

describe("resolveFacts", () => {
  it("replaces known placeholders, tolerating spaces inside the braces", () => {
    expect(resolveFacts("within {{fact:deadline}} and {{ fact:deadline }}", facts)).toBe("within 3 days and 3 days");
  });

  it("writes a fact's status in words with the day it was checked", () => {
    expect(resolveFacts("{{status:deadline}}", facts)).toBe(
      "enacted but not yet in force when last checked on 6 December 2026",
    );
  });

  it("leaves an unknown placeholder in place for checkCourse to report", () => {
    expect(resolveFacts("within {{fact:other}}", facts)).toBe("within {{fact:other}}");
  });
});

describe("checkCourse", () => {
  it("reports a correct option listed twice", () => {
    const copy = structuredClone(course);
    const question = copy.modules[0]?.knowledgeCheck.questions[0];
    if (!question) throw new Error("fixture question missing");
    const [first] = question.correctOptionIds;
    question.correctOptionIds = [first ?? "", first ?? ""];
    expect(checkCourse(copy)).toEqual([
      {
        path: ["modules", 0, "knowledgeCheck", "questions", 0, "correctOptionIds", 1],
        message: `option "${first}" listed twice`,
      },
    ]);
  });

  it("reports a fact citing a source the course does not have, and an invalid guard pattern", () => {
    const copy = structuredClone(course);
    const fact = copy.facts[0];
    if (!fact?.guard) throw new Error("fixture fact missing");
    fact.sources = ["nowhere"];
    fact.guard.figure = "(unclosed";
    expect(checkCourse(copy)).toEqual([
      { path: ["facts", 0, "sources", 0], message: 'unknown source "nowhere"' },
      { path: ["facts", 0, "guard", "figure"], message: "is not a valid regular expression" },
    ]);
  });

  it("reports a module listed twice", () => {
    const copy = structuredClone(course);
    const [first] = copy.modules;
    if (!first) throw new Error("fixture module missing");
    copy.modules.push(first);
    expect(checkCourse(copy)).toContainEqual({
      path: ["modules", 5, "id"],
      message: `duplicate module id "${first.id}"`,
    });
  });
});
