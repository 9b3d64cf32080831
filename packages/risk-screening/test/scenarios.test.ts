import { createActor } from "xstate";
import { describe, expect, it, vi } from "vitest";
import { exampleForceConfig } from "../src/examples/example-config";
import { practiceScenarios } from "../src/examples/scenarios";
import type { ScreeningEvent } from "../src/events";
import { compareOutcome } from "../src/compare";
import { SNAPSHOT_FORMAT, persistScreening, restoreScreening } from "../src/persistence";
import { runScreening } from "../src/run";
import type { CompletedOutcome } from "../src/schemas";
import { ScreeningOutcomeSchema } from "../src/schemas";
import { breachEventsUntil, breachScenario, fixedNow, harassmentScenario, machine, play } from "./helpers";
import { buildOutcome } from "../src/outcome";

const run = (events: readonly ScreeningEvent[]) => runScreening(events, { config: exampleForceConfig, machine });

function completed(events: readonly ScreeningEvent[]): CompletedOutcome {
  const result = run(events);
  expect(result.rejections).toEqual([]);
  if (result.outcome?.status !== "completed") throw new Error(`did not complete: ${JSON.stringify(result.value)}`);
  expect(ScreeningOutcomeSchema.safeParse(result.outcome).success).toBe(true);
  return result.outcome;
}

describe("scenarios from the brief", () => {
  it("ex-partner, SPO in force and breached: heightened risk, supervisor notified, DMM listing, high grade proposed", () => {
    const notifySupervisor = vi.fn();
    const listForDailyManagementMeeting = vi.fn();
    const provided = machine.provide({ actions: { notifySupervisor, listForDailyManagementMeeting } });
    const result = runScreening(breachScenario.events, { config: exampleForceConfig, machine: provided });
    const outcome = result.outcome;
    if (outcome?.status !== "completed") throw new Error("not completed");
    expect(outcome.flags).toEqual({ heightenedRisk: true, domesticAbuseContext: true, exPartner: true, threats: true });
    expect(outcome.proposedGrade).toBe("high");
    expect(outcome.dmmListing).toEqual({ listed: true, reason: "A protective order is said to have been breached." });
    // Once at the breach, once when the screening reaches review.
    expect(notifySupervisor).toHaveBeenCalledTimes(2);
    expect(listForDailyManagementMeeting).toHaveBeenCalledTimes(1);
    expect(outcome.requiredActions.map((a) => a.id)).toEqual(
      expect.arrayContaining(["breachEscalation", "dmmListing", "spoDecision", "safeguarding"]),
    );
    expect(outcome.requiredActions.find((a) => a.id === "breachEscalation")?.recommendations).toEqual(["12.3"]);
  });

  it("harassment recorded but stalking behaviours present: reclassification proposed with the reason recorded", () => {
    const outcome = completed(harassmentScenario.events);
    expect(outcome.classification).toBe("stalkingS2A");
    expect(outcome.recording.reclassifiedFrom).toBe("harassment");
    expect(outcome.recording.reclassificationReason).toBe(
      "Behaviour associated with stalking is present: loitering anywhere, in public or in private; interfering with property the victim has.",
    );
    expect(outcome.requiredActions.find((a) => a.id === "reclassification")).toMatchObject({
      done: true,
      recommendations: ["23.1"],
    });
  });

  it("harassment with no stalking behaviour keeps the officer's reason why it is not stalking", () => {
    const events: ScreeningEvent[] = [
      ...harassmentScenario.events.slice(0, 6),
      {
        type: "incident.add",
        incident: { date: "2026-02-02", behaviours: ["other"], summary: "Shouting over parking." },
      },
      { type: "incident.add", incident: { date: "2026-02-09", behaviours: ["other"] } },
      { type: "answer.submit", answers: {} },
      { type: "answer.submit", answers: { fourIndicators: ["unwanted", "repeated"] } },
      { type: "answer.submit", answers: { onlineBehaviours: ["none"] } },
      { type: "answer.submit", answers: { fearOfViolenceOccasions: 0 } },
      { type: "answer.submit", answers: { seriousAlarmOrDistress: "no" } },
      { type: "answer.submit", answers: { threats: "no" } },
      {
        type: "answer.submit",
        answers: { notStalkingReason: "A dispute over parking with no fixation or obsession." },
      },
      ...harassmentScenario.events.slice(14),
    ];
    const outcome = completed(
      events.map((e) =>
        e.type === "task.submit" && e.task === "recording"
          ? { ...e, answers: { principal: "harassment", included: ["none"] } }
          : e,
      ),
    );
    expect(outcome.classification).toBe("harassment");
    expect(outcome.notStalkingReason).toBe("A dispute over parking with no fixation or obsession.");
    expect(outcome.legalBasis).toMatch(/PHA 1997 s2\)/);
    expect(outcome.recording.reclassifiedFrom).toBeUndefined();
    expect(outcome.dmmListing.listed).toBe(false);
  });

  it("a later incident re-opens a screening under review and the outcome counts it", () => {
    const events = [
      ...breachEventsUntil("supervisorReview"),
      { type: "incident.add", incident: { date: "2026-02-03", behaviours: ["following"] } } satisfies ScreeningEvent,
      ...breachEventsUntil("supervisorReview").slice(11),
      ...breachScenario.events.slice(breachEventsUntil("supervisorReview").length),
    ];
    const outcome = completed(events);
    expect(outcome.incidentCount).toBe(4);
    expect(outcome.reopenedCount).toBe(1);
  });
});

describe("practice scenarios (fictional) for training", () => {
  it.each(practiceScenarios.map((s) => [s.id, s] as const))("%s reaches its expected outcome", (_id, scenario) => {
    expect(scenario.fictional).toBe(true);
    expect(scenario.narrative[0]).toMatch(/invented/);
    const result = run(scenario.events);
    expect(result.rejections).toEqual([]);
    if (!result.outcome) throw new Error("scenario did not finish");
    expect(compareOutcome(scenario.expected, result.outcome)).toEqual([]);
  });
});

describe("buildOutcome", () => {
  it("refuses to build an outcome for a screening that has not finished", () => {
    const started = play([
      breachScenario.events[0] as ScreeningEvent,
      { type: "answer.submit", answers: { immediateDanger: "no" } },
    ]);
    expect(() => buildOutcome(started.snapshot.context)).toThrow("The screening has not finished: grade is missing");
  });
});

describe("compareOutcome", () => {
  const outcome = completed(breachScenario.events);

  it("lists each difference in plain English", () => {
    expect(
      compareOutcome(
        {
          grade: "medium",
          flags: { heightenedRisk: false },
          recording: { included: ["maliciousCommunications"] },
          referrals: [{ service: "localSupport" }],
          vnaDone: true,
        },
        outcome,
      ),
    ).toEqual([
      "Risk grade: your screening gave “High”; an experienced officer would reach “Medium”.",
      "Heightened risk: your screening gave “Yes”; an experienced officer would reach “No”.",
      "Included classifications: an experienced officer would include “Malicious communications”; your screening does not.",
      "Included classifications: your screening includes “Breach of a protective order”; an experienced officer would not.",
      "Referrals: an experienced officer would record Local victim support service; your screening does not.",
    ]);
  });

  it("reports a field the outcome lacks and a different ending", () => {
    expect(compareOutcome({ notStalkingReason: "x" }, outcome)).toEqual([
      "Another part of the outcome: an experienced officer would reach “a different answer”; your screening recorded none.",
    ]);
    expect(compareOutcome({ status: "emergency" }, outcome)).toEqual([
      "How the screening ended: your screening gave “a completed screening”; an experienced officer would reach “a stop for an emergency response”.",
    ]);
  });
});

describe("persistence", () => {
  const actor = createActor(machine, { input: { config: exampleForceConfig } }).start();
  for (const event of breachEventsUntil("supervisorReview")) actor.send(event);
  const stored = JSON.stringify(persistScreening(actor, fixedNow));

  it("restores a JSON snapshot to the same state, context and next behaviour", () => {
    const restored = restoreScreening(stored);
    if (!restored.ok) throw new Error(restored.issues.map((i) => i.message).join("\n"));
    const again = createActor(machine, { snapshot: restored.value, input: { config: exampleForceConfig } }).start();
    expect(again.getSnapshot().value).toEqual(actor.getSnapshot().value);
    expect(again.getSnapshot().context).toEqual(actor.getSnapshot().context);
    for (const event of breachScenario.events.slice(breachEventsUntil("supervisorReview").length)) again.send(event);
    expect(again.getSnapshot().output?.status).toBe("completed");
  });

  it("gives a clear error for an unknown version", () => {
    const future = { ...(JSON.parse(stored) as object), version: 3 };
    expect(restoreScreening(future)).toEqual({
      ok: false,
      issues: [
        {
          path: ["version"],
          message:
            '"version": this screening was saved in snapshot version 3, but this release of @stalking-response/risk-screening reads version 2 only',
        },
      ],
    });
  });

  it("names the field when the data is not a screening", () => {
    const notJson = restoreScreening("{not json");
    expect(notJson.ok ? [] : notJson.issues.map((i) => [i.path, i.message.slice(0, 37)])).toEqual([
      [[], "The saved screening is not valid JSON"],
    ]);
    const wrong = restoreScreening({ ...(JSON.parse(stored) as object), format: "something-else" });
    expect(wrong).toEqual({
      ok: false,
      issues: [{ path: ["format"], message: `"format" must be "${SNAPSHOT_FORMAT}"` }],
    });
    const damaged = JSON.parse(stored) as { snapshot: { context: { config: { allocation: unknown } } } };
    damaged.snapshot.context.config.allocation = {};
    const result = restoreScreening(damaged);
    expect(result.ok ? [] : result.issues[0]).toEqual({
      path: ["snapshot", "context", "config", "allocation", "standard"],
      message: '"snapshot.context.config.allocation.standard" is missing',
    });
  });

  type Stored = { snapshot: { value: unknown; status: string; context: Record<string, unknown> } };
  const tampered = (change: (copy: Stored) => void) => {
    const copy = JSON.parse(stored) as Stored;
    change(copy);
    return restoreScreening(copy);
  };

  it("rejects a state the machine does not have, with the reason", () => {
    expect(tampered((c) => (c.snapshot.value = "nowhere"))).toEqual({
      ok: false,
      issues: [{ path: ["snapshot", "value"], message: 'The saved state "nowhere" does not exist in this screening' }],
    });
    expect(tampered((c) => (c.snapshot.value = { identification: "teleport" }))).toMatchObject({ ok: false });
  });

  it("rejects a state that disagrees with the context, or a finished status on an unfinished state", () => {
    expect(tampered((c) => (c.snapshot.value = "grading"))).toMatchObject({
      ok: false,
      issues: [{ path: ["snapshot", "context", "step"] }],
    });
    expect(tampered((c) => (c.snapshot.status = "done"))).toMatchObject({
      ok: false,
      issues: [{ path: ["snapshot", "status"] }],
    });
  });

  it("rejects damaged answers and an emptied or reordered audit trail", () => {
    const answers = tampered((c) => (c.snapshot.context["answers"] = "x"));
    expect(answers).toEqual({
      ok: false,
      issues: [
        {
          path: ["snapshot", "context", "answers"],
          message: '"snapshot.context.answers" must be an object of names and values',
        },
      ],
    });
    const emptied = tampered((c) => (c.snapshot.context["auditTrail"] = []));
    expect(emptied.ok ? [] : emptied.issues.map((i) => i.path)).toEqual([["snapshot", "context", "auditTrail"]]);
    expect(emptied.ok ? "" : emptied.issues[0]?.message).toMatch(/must keep every entry/);
    expect(
      tampered((c) => {
        const trail = c.snapshot.context["auditTrail"] as { at: string }[];
        trail.reverse();
      }),
    ).toMatchObject({ ok: false });
  });
});
