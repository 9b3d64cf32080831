import { currentView, screeningMachine, type ScreeningEvent } from "@stalking-response/risk-screening";
import { exampleForceConfig, practiceOfficer, practiceScenarios } from "@stalking-response/risk-screening/practice";
import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { eventsToReach, pageAddress, taskOfAddress } from "./step-address";

const [scenario] = practiceScenarios;
if (!scenario) throw new Error("no practice scenario");

function play(events: readonly ScreeningEvent[]) {
  let [snapshot] = initialTransition(screeningMachine, { config: exampleForceConfig });
  for (const event of events) [snapshot] = transition(screeningMachine, snapshot, event);
  return snapshot;
}

/** Every page the model run passes through, in order. */
function pagesOfModelRun() {
  const pages: string[] = [];
  let snapshot = play([]);
  for (const event of scenario?.events ?? []) {
    [snapshot] = transition(screeningMachine, snapshot, event);
    const page = pageAddress(currentView(snapshot), null);
    if (page !== null && pages.at(-1) !== page) pages.push(page);
  }
  return { pages, snapshot };
}

const indexOfEvent = (predicate: (event: ScreeningEvent) => boolean) => scenario.events.findIndex(predicate);

describe("practice screening addresses", () => {
  it("gives each page of the model run its own address", () => {
    const { pages } = pagesOfModelRun();
    expect(pages.slice(0, 4)).toEqual(["triage", "reported-as", "relationship", "domestic-abuse"]);
    expect(pages).toContain("risk-question-1");
    expect(pages).toContain("risk-question-11");
    expect(pages).toEqual(
      expect.arrayContaining(["grading", "check-answers", "supervisor-review", "actions", "feedback"]),
    );
    expect(new Set(pages).size).toBe(pages.length);
    for (const page of pages) expect(page).toMatch(/^[a-z0-9-]{1,60}$/);
  });

  it("names an open action in the address, and reads it back", () => {
    const snapshot = play(
      scenario.events.slice(
        0,
        indexOfEvent((event) => event.type === "task.submit"),
      ),
    );
    const view = currentView(snapshot);
    expect(pageAddress(view, "spoDecision")).toBe("actions-spo-decision");
    expect(taskOfAddress(view, "actions-spo-decision")).toBe("spoDecision");
    expect(taskOfAddress(view, "actions-no-such-task")).toBeNull();
    // The victim's tasks come in order: one that cannot start yet has no page.
    expect(pageAddress(view, "referrals")).toBe("actions");
  });

  it("goes back through the machine's own Back, keeping every answer", () => {
    const atCheckAnswers = play(
      scenario.events.slice(
        0,
        indexOfEvent((event) => event.type === "screening.submit"),
      ),
    );
    expect(pageAddress(currentView(atCheckAnswers), null)).toBe("check-answers");
    expect(atCheckAnswers.context.answers["gradeRationale"]).toMatch(/Order breached/);
    const events = eventsToReach(atCheckAnswers, "reported-as", practiceOfficer);
    expect(events?.every((event) => event.type === "step.back")).toBe(true);
    let snapshot = atCheckAnswers;
    for (const event of events ?? []) [snapshot] = transition(screeningMachine, snapshot, event);
    expect(pageAddress(currentView(snapshot), null)).toBe("reported-as");
    expect(snapshot.context.answers["gradeRationale"]).toBe(atCheckAnswers.context.answers["gradeRationale"]);
  });

  it("goes forward by pressing Continue with the answers already given, up to check answers", () => {
    const atCheckAnswers = play(
      scenario.events.slice(
        0,
        indexOfEvent((event) => event.type === "screening.submit"),
      ),
    );
    const back = eventsToReach(atCheckAnswers, "four", practiceOfficer) ?? [];
    let snapshot = atCheckAnswers;
    for (const event of back) [snapshot] = transition(screeningMachine, snapshot, event);
    const forward = eventsToReach(snapshot, "check-answers", practiceOfficer);
    expect(forward?.every((event) => event.type === "answer.submit")).toBe(true);
    for (const event of forward ?? []) [snapshot] = transition(screeningMachine, snapshot, event);
    expect(pageAddress(currentView(snapshot), null)).toBe("check-answers");
    // Forward never sends the screening for review.
    expect(eventsToReach(snapshot, "supervisor-review", practiceOfficer)).toBeNull();
  });

  it("cannot go back once the screening has been sent for review, nor reach a page the answers skip", () => {
    const atReview = play(
      scenario.events.slice(
        0,
        indexOfEvent((event) => event.type === "supervisor.approve"),
      ),
    );
    expect(pageAddress(currentView(atReview), null)).toBe("supervisor-review");
    expect(eventsToReach(atReview, "check-answers", practiceOfficer)).toBeNull();
    const atTriage = play(scenario.events.slice(0, 1));
    // Nothing is answered yet, so Continue is refused and the page after cannot be reached.
    expect(eventsToReach(atTriage, "reported-as", practiceOfficer)).toBeNull();
    expect(eventsToReach(atTriage, "no-such-page", practiceOfficer)).toBeNull();
    expect(eventsToReach(atTriage, "triage", practiceOfficer)).toEqual([]);
  });
});
