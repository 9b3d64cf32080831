import { describe, expect, it } from "vitest";
import { answer, breachEventsUntil, breachScenario, harassmentScenario, play, step } from "../test/helpers";
import { steps } from "./questions";
import type { Question } from "./schemas";
import { answerSummary, currentView, formatAnswer, rejectionByField } from "./view";

const at = (id: string) => play(breachEventsUntil(id)).snapshot;

describe("currentView", () => {
  it("starts with a start page, then one question per page with the event to send", () => {
    expect(currentView(play([]).snapshot)).toEqual({ kind: "start", startEvent: "screening.start" });
    const triage = currentView(at("triage"));
    expect(triage).toMatchObject({ kind: "questions", step: "triage", canGoBack: false, submitEvent: "answer.submit" });
    if (triage.kind !== "questions") throw new Error("expected questions");
    expect(triage.questions).toEqual(steps.triage.questions);
  });

  it("prefills answers given before when the user comes back", () => {
    const back = step(at("relationship"), { type: "step.back" }).snapshot;
    const view = currentView(back);
    expect(view.kind === "questions" && view.questions[0]?.value).toBe("breachOfOrder");
  });

  it("shows the incidents list page with its add and remove events", () => {
    const view = currentView(at("incidents"));
    expect(view).toMatchObject({
      kind: "incidents",
      addEvent: "incident.add",
      removeEvent: "incident.remove",
      incidents: [],
    });
  });

  it("shows instrument questions one at a time with progress", () => {
    const view = currentView(at("instrument"));
    expect(view).toMatchObject({
      kind: "questions",
      step: "instrument",
      progress: { current: 1, total: 11 },
      questions: [{ id: "fear", kind: "singleChoice" }],
    });
  });

  it("explains a proposed grade on the grading page", () => {
    const view = currentView(at("grading"));
    expect(view.kind === "questions" && view.notes).toEqual([
      "Proposed grade: high.",
      "A protective order is said to have been breached: heightened risk (recommendation 12.3).",
      "A former partner has made threats.",
      "The case will be listed for the daily management meeting.",
    ]);
  });

  it("gives the check-answers page sections with change links", () => {
    const view = currentView(at("checkAnswers"));
    if (view.kind !== "checkAnswers") throw new Error("expected checkAnswers");
    expect(view.sections.map((s) => s.step)).toEqual([
      "triage",
      "reportedAs",
      "relationship",
      "domesticAbuse",
      "orders",
      "breach",
      "breachEscalation",
      "incidents",
      "four",
      "online",
      "fearOfViolence",
      "seriousAlarm",
      "threats",
      "instrument",
      "grading",
    ]);
    expect(view.sections[0]?.changeStep).toBeUndefined();
    expect(view.sections.find((s) => s.step === "incidents")?.rows[0]).toEqual({
      id: "incident-1",
      question: "Incident 1: 5 January 2026",
      answer: "Following the victim",
    });
    expect(view.sections.find((s) => s.step === "instrument")?.rows[0]).toEqual({
      id: "fear",
      question: "How frightened is the victim?",
      answer: "Very frightened",
    });
  });

  it("shows the supervisor what to decide", () => {
    expect(currentView(at("supervisorReview"))).toMatchObject({
      kind: "supervisorReview",
      classification: "stalkingS4A",
      proposedGrade: "high",
      grade: "high",
      gradeLowered: false,
      reclassification: { from: "breachOfOrder", fromLabel: "Breach of a protective order" },
    });
  });

  it("shows the task list with statuses, recommendations and the recommended recording prefilled", () => {
    const view = currentView(at("tasks"));
    if (view.kind !== "tasks") throw new Error("expected tasks");
    expect(view.tasks.map((t) => [t.id, t.status])).toEqual([
      ["recording", "notStarted"],
      ["spoDecision", "notStarted"],
      ["needsAssessment", "notStarted"],
      ["rightsExplained", "cannotStartYet"],
      ["referrals", "cannotStartYet"],
      ["safeguarding", "notStarted"],
    ]);
    expect(view.tasks[0]?.questions.map((q) => q.value)).toEqual(["stalkingS4A", ["breachOfOrder"], undefined]);
    expect(view.tasks[1]?.recommendations).toEqual(["13"]);
  });

  it("shows the outcome when finished", () => {
    const done = play([...harassmentScenario.events]).snapshot;
    expect(currentView(done)).toMatchObject({ kind: "outcome", outcome: { status: "completed" } });
  });
});

describe("rejections for an error summary", () => {
  it("keys each issue by field", () => {
    const rejected = step(at("grading"), answer({ grade: "extreme" })).snapshot;
    expect(rejectionByField(rejected)).toEqual({
      grade: "Select one of the options",
      gradeRationale: "Enter the reasons for the grade",
    });
  });
});

describe("formatAnswer", () => {
  const q = (kind: Question["kind"], extra: Partial<Question> = {}): Question => ({
    id: "q",
    prompt: "Q",
    kind,
    ...extra,
  });
  it.each([
    [q("yesNoNotKnown"), "notKnown", "Not known"],
    [q("yesNo"), "yes", "Yes"],
    [q("date"), "2026-03-27", "27 March 2026"],
    [q("number"), 0, "0"],
    [q("singleChoice", { options: [{ value: "a", label: "Apple" }] }), "a", "Apple"],
    [
      q("multipleChoice", {
        options: [
          { value: "a", label: "Apple" },
          { value: "b", label: "Banana" },
        ],
      }),
      ["a", "b"],
      "Apple, Banana",
    ],
    [q("text"), "", "Not answered"],
  ] as const)("formats %#", (question, value, expected) => {
    expect(formatAnswer(question, value as never)).toBe(expected);
  });

  it("summarises only what has been answered", () => {
    expect(answerSummary(play(breachScenario.events.slice(0, 3)).snapshot.context).map((s) => s.step)).toEqual([
      "triage",
      "reportedAs",
    ]);
  });
});
