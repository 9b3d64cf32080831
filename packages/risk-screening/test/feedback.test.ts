import { describe, expect, it } from "vitest";
import { decisiveOutcomeFields, outcomeDifferences, practiceFeedback } from "../src/compare";
import type { ScreeningEvent } from "../src/events";
import { exampleForceConfig } from "../src/examples/example-config";
import { practiceScenarios } from "../src/examples/scenarios";
import { runScreening } from "../src/run";
import type { ScreeningOutcome } from "../src/schemas";
import { breachScenario, harassmentScenario, machine } from "./helpers";

function outcomeOf(events: readonly ScreeningEvent[]): ScreeningOutcome {
  const result = runScreening(events, { config: exampleForceConfig, machine });
  expect(result.rejections).toEqual([]);
  if (!result.outcome) throw new Error(`did not finish: ${JSON.stringify(result.value)}`);
  return result.outcome;
}

/** The model run with some events replaced (by the answers they carry) and others added after one. */
function variant(
  events: readonly ScreeningEvent[],
  change: (event: ScreeningEvent) => ScreeningEvent | readonly ScreeningEvent[],
): ScreeningEvent[] {
  return events.flatMap((event) => {
    const changed = change(event);
    return Array.isArray(changed) ? [...(changed as readonly ScreeningEvent[])] : [changed as ScreeningEvent];
  });
}

const answers = (event: ScreeningEvent) => (event.type === "answer.submit" ? event.answers : {});

// A value's code (camelCase such as stalkingS4A, breachOfOrder), a JSON quote or a developer phrase.
const codeLike = /\b[a-z]+[A-Z]\w*\b|"|undefined|null|expected a list|\{/;

describe("practice feedback", () => {
  it("agrees with the model answers: nothing to correct", () => {
    for (const scenario of practiceScenarios) {
      expect(practiceFeedback(scenario, outcomeOf(scenario.events))).toEqual({
        matches: true,
        decisive: null,
        others: [],
      });
    }
  });

  it("names a grade set too low as the decisive mistake, says why, and words the rest", () => {
    const events = variant(breachScenario.events, (event) => {
      if (answers(event)["grade"] !== undefined)
        return { type: "answer.submit", answers: { grade: "medium", gradeRationale: "He left when she called." } };
      // Going below the proposed grade needs the supervisor's reason.
      if (event.type === "supervisor.approve") return { ...event, reason: "Agree with the officer." };
      return event;
    });
    const feedback = practiceFeedback(breachScenario, outcomeOf(events));
    expect(feedback.matches).toBe(false);
    expect(feedback.decisive).toEqual({
      field: "grade",
      label: "Risk grade",
      text: "Risk grade: your screening gave “Medium”; an experienced officer would reach “High”.",
      decisive: true,
      why: breachScenario.explanations["grade"],
    });
    expect(feedback.decisive?.why).toMatch(/breaches a stalking protection order and has made threats/);
    // The rest of this outcome agrees with the model run.
    expect(feedback.others).toEqual([]);
  });

  it("names the missed high-risk factor when it lowered the proposed grade", () => {
    // The learner misses the threats in the messages and that the order was breached.
    const events = variant(breachScenario.events, (event) => {
      const given = answers(event);
      if (given["threats"] !== undefined) return { type: "answer.submit", answers: { threats: "no" } };
      if (given["threatsThisEpisode"] !== undefined)
        return { type: "answer.submit", answers: { threatsThisEpisode: "no" } };
      return event;
    });
    const feedback = practiceFeedback(breachScenario, outcomeOf(events));
    expect(feedback.decisive?.field).toBe("flags.threats");
    expect(feedback.decisive?.text).toBe(
      "Threats: your screening gave “No”; an experienced officer would reach “Yes”.",
    );
    expect(feedback.decisive?.why).toBe(breachScenario.explanations["flags.threats"]);
  });

  it("puts a wrong classification before everything that follows from it, in labels", () => {
    // Behaviour the learner did not see as stalking: the screening then calls it harassment.
    const events = variant(harassmentScenario.events, (event) => {
      if (event.type === "incident.add") return { ...event, incident: { ...event.incident, behaviours: ["other"] } };
      if (answers(event)["threats"] !== undefined)
        return [event, { type: "answer.submit", answers: { notStalkingReason: "A dispute between neighbours." } }];
      if (event.type === "task.submit" && event.task === "recording")
        return { ...event, answers: { principal: "harassment", included: ["none"] } };
      return event;
    });
    const outcome = outcomeOf(events);
    const feedback = practiceFeedback(harassmentScenario, outcome);
    expect(feedback.decisive).toMatchObject({
      field: "classification",
      text: "Classification: your screening gave “Harassment (PHA 1997 s2)”; an experienced officer would reach “Stalking (PHA 1997 s2A)”.",
      why: harassmentScenario.explanations["classification"],
    });
    const texts = feedback.others.map((other) => other.text);
    expect(texts).toContain(
      "Principal crime: your screening gave “Harassment (PHA 1997 s2)”; an experienced officer would reach “Stalking (PHA 1997 s2A)”.",
    );
    expect(texts).toContain(
      "Behaviours: an experienced officer would include “Loitering anywhere, in public or in private”; your screening does not.",
    );
    expect(texts).toContain(
      "Behaviours: your screening includes “Other unwanted behaviour”; an experienced officer would not.",
    );
    // Ordered by how much each changes the outcome.
    const ranks = [feedback.decisive, ...feedback.others].map((found) => {
      const index = decisiveOutcomeFields.indexOf(found?.field ?? "");
      return index === -1 ? decisiveOutcomeFields.length : index;
    });
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const found of [feedback.decisive, ...feedback.others]) expect(found?.text).not.toMatch(codeLike);
  });

  it("reports only the different ending when the screening stopped for an emergency", () => {
    const events = variant(breachScenario.events.slice(0, 2), (event) =>
      answers(event)["immediateDanger"] === undefined
        ? event
        : { type: "answer.submit", answers: { immediateDanger: "yes" } },
    );
    const feedback = practiceFeedback(breachScenario, outcomeOf(events));
    expect(feedback.decisive).toMatchObject({
      field: "status",
      text: "How the screening ended: your screening gave “a stop for an emergency response”; an experienced officer would reach “a completed screening”.",
    });
    expect(feedback.others).toEqual([]);
  });

  it("has no decisive mistake when only details of the record differ", () => {
    const outcome = outcomeOf(breachScenario.events);
    const feedback = practiceFeedback(
      { expected: { vnaDone: false, referrals: [{ service: "localSupport", consent: "given" }] }, explanations: {} },
      outcome,
    );
    expect(feedback.decisive).toBeNull();
    expect(feedback.others.map((other) => other.text)).toEqual([
      "Victim needs assessment done: your screening gave “Yes”; an experienced officer would reach “No”.",
      "Referrals: an experienced officer would record a referral to Local victim support service, made with the victim's consent; your screening does not.",
    ]);
  });

  it("words every field a scenario expects without codes, and explains every decisive one", () => {
    for (const scenario of practiceScenarios) {
      const fields = outcomeDifferences(scenario.expected, {
        ...(outcomeOf(scenario.events) as Extract<ScreeningOutcome, { status: "completed" }>),
        // An outcome that differs everywhere a scenario looks (values no scenario expects).
        classification: "singleIncident",
        proposedGrade: "standard",
        grade: "standard",
        flags: { heightenedRisk: false, domesticAbuseContext: false, exPartner: false, threats: false },
        behaviours: [],
        allocation: "Front counter",
        dmmListing: { listed: false },
        spoDecision: undefined,
        recording: { principal: "other", included: ["other"] },
        referrals: [],
        overrides: [],
        vnaDone: false,
        rightsExplained: false,
      });
      for (const found of fields) {
        expect(found.text, `${scenario.id}: ${found.field}`).not.toMatch(codeLike);
        expect(found.label).not.toBe("Another part of the outcome");
        if (found.decisive)
          expect(scenario.explanations[found.field], `${scenario.id} explains ${found.field}`).toBeTruthy();
      }
    }
  });
});
