import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/authoring/load";
import { course, CourseSchema, findFact } from "../src/index";
import type { ContentIssue } from "../src/authoring/load";
import { edit, lineOf, readContent } from "./content";

const spoFile = "modules/stalking-protection-orders.yaml";
/** A sentence in the SPO module that every planted figure is appended to. */
const anchor = "Different terms in the same order can run for different periods.";

function messages(result: ReturnType<typeof loadCourse>): ContentIssue[] {
  return result.ok ? [] : result.issues;
}

describe("key facts: one source of truth", () => {
  it("holds the key figures the briefs confirm", () => {
    const value = (id: string): string | undefined => findFact(course, id)?.value;
    expect(value("spo-breach-max-indictment")).toBe("5 years");
    expect(value("magistrates-general-limit")).toBe("12 months");
    expect(value("spo-notification-deadline")).toBe("3 days");
    expect(value("spa-in-force")).toBe("20 January 2020");
    expect(value("spo-minimum-duration")).toBe("2 years");
    expect(value("helpline-number")).toBe("0808 802 0300");
  });

  it("uses every fact in the content through a placeholder, and leaves no placeholder unresolved", async () => {
    const authored = [...(await readContent()).values()].join("\n");
    for (const fact of course.facts) expect(authored, fact.id).toContain(`{{fact:${fact.id}}}`);
    expect(JSON.stringify(course.modules)).not.toMatch(/\{\{/);
  });

  it("states each guarded figure in the resolved text wherever the placeholder was", async () => {
    const authored = [...(await readContent()).values()].join("\n");
    const resolved = JSON.stringify(course.modules);
    for (const fact of course.facts.filter((f) => f.guard)) {
      const uses = authored.split(`{{fact:${fact.id}}}`).length - 1;
      expect(resolved.split(fact.value).length - 1, fact.id).toBeGreaterThanOrEqual(uses);
    }
  });

  it.each([
    ["spo-notification-deadline", "They must notify the police within 7 days."],
    ["spo-breach-max-indictment", "Breach carries up to 7 years on indictment."],
    ["magistrates-general-limit", "Breach tried by magistrates carries up to 6 months."],
    ["spo-minimum-duration", "An order lasts at least 1 year."],
    ["spa-in-force", "The Stalking Protection Act 2019 came into force on 1 April 2019."],
    ["helpline-number", "Call the helpline on 0800 123 4567."],
  ])("rejects a sentence that contradicts %s, naming the file and line", async (factId, sentence) => {
    const files = edit(await readContent(), spoFile, anchor, `${anchor} ${sentence}`);
    const issues = messages(loadCourse(files));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: spoFile });
    expect(issues[0]?.message).toContain(`the fact "${factId}"`);
    // A folded block of prose is located at its key, the line a trainer sees the field start on.
    expect(issues[0]?.line).toBe(lineOf(files.get(spoFile), "summary: >-\n          A full order runs"));
  });

  it("accepts a wrong figure in a wrong answer's text, but not in its explanation", async () => {
    const files = await readContent();
    const inDistractor = edit(
      files,
      spoFile,
      "text: Within 14 days, by letter",
      "text: They must notify within 14 days",
    );
    expect(messages(loadCourse(inDistractor))).toEqual([]);
    const inExplanation = edit(
      files,
      spoFile,
      "explanation: Both the period and the method are wrong; notification is in person and much sooner.",
      "explanation: You must notify within 14 days.",
    );
    expect(messages(loadCourse(inExplanation))[0]?.message).toContain('"14 days"');
  });

  it("catches a contradiction in the exported JSON too, through CourseSchema", () => {
    const copy = structuredClone(course);
    const module = copy.modules.find((m) => m.id === "stalking-protection-orders");
    const question = module?.knowledgeCheck.questions.find((q) => q.id === "moves-house");
    if (question?.kind !== "scenario") throw new Error("fixture scenario question missing");
    question.scenario = "He must notify the police within 10 days.";
    const result = CourseSchema.safeParse(copy);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["modules", 2, "knowledgeCheck", "questions", 9, "scenario"]);
  });
});
