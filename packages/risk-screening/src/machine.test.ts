import { createActor } from "xstate";
import { describe, expect, it, vi } from "vitest";
import {
  answer,
  breachEventsUntil,
  breachScenario,
  fixedNow,
  harassmentScenario,
  inspector,
  machine,
  officer,
  play,
  step,
  supervisor,
} from "../test/helpers";
import { exampleForceConfig } from "./examples/example-config";
import { practiceOfficer } from "./examples/scenarios";
import type { ScreeningEvent } from "./events";
import type { Incident } from "./schemas";

const start: ScreeningEvent = { type: "screening.start", actor: officer };
const toContext = [start, answer({ immediateDanger: "no" })];
const toOrders = [
  ...toContext,
  answer({ reportedAs: "harassment" }),
  answer({ relationship: "stranger" }),
  answer({ personallyConnected: "no" }),
];
const at = (events: ScreeningEvent[]) => play(events).snapshot;
const incident = (date: string, behaviour: Incident["behaviours"][number]): ScreeningEvent => ({
  type: "incident.add",
  incident: { date, behaviours: [behaviour] },
});

describe("triage (guard answerIs)", () => {
  it("exits to emergency at once on immediate danger, with a dispatch effect", () => {
    const { snapshot, actions } = play([start, answer({ immediateDanger: "yes" })]);
    expect(snapshot.value).toBe("emergency");
    expect(snapshot.status).toBe("done");
    expect(actions).toContain("dispatchEmergency");
    expect(snapshot.output).toMatchObject({ status: "emergency", action: "dispatch" });
  });

  it("goes on to context when no one is in immediate danger", () => {
    expect(at(toContext).value).toEqual({ context: "reportedAs" });
  });
});

describe("context (guards ordersAnswered, answerIs orderBreached)", () => {
  it("skips the breach question when no order is in force", () => {
    expect(at([...toOrders, answer({ existingOrders: ["none"] })]).value).toEqual({ identification: "incidents" });
  });

  it("asks about a breach when an order is in force", () => {
    expect(at([...toOrders, answer({ existingOrders: ["restrainingOrder"] })]).value).toEqual({ context: "breach" });
  });

  it("escalates a breach: notifies the supervisor and lists for the DMM", () => {
    const { snapshot, actions } = play([
      ...toOrders,
      answer({ existingOrders: ["spo"] }),
      answer({ orderBreached: "yes" }),
    ]);
    expect(snapshot.value).toBe("breachEscalation");
    expect(actions).toEqual(expect.arrayContaining(["notifySupervisor", "listForDailyManagementMeeting"]));
    expect(snapshot.context.dmmListed).toBe(true);
  });

  it("does not list for a DMM when the force has none", () => {
    const config = { ...exampleForceConfig, dailyManagementMeeting: false };
    const { snapshot, actions } = play(
      [...toOrders, answer({ existingOrders: ["spo"] }), answer({ orderBreached: "yes" })],
      config,
    );
    expect(actions).not.toContain("listForDailyManagementMeeting");
    expect(snapshot.context.dmmListed).toBe(false);
  });

  it.each(["no", "notKnown"])("goes to identification when a breach is %s", (value) => {
    const snapshot = at([...toOrders, answer({ existingOrders: ["spo"] }), answer({ orderBreached: value })]);
    expect(snapshot.value).toEqual({ identification: "incidents" });
  });
});

describe("identification (guard classifiesAs)", () => {
  const untilThreats = breachEventsUntil("threats");

  it("goes to risk when stalking is indicated", () => {
    const snapshot = at([...untilThreats, answer({ threats: "no" })]);
    expect(snapshot.value).toBe("risk");
    expect(snapshot.context.classification).toBe("stalkingS4A");
    expect(snapshot.context.instrumentIndex).toBe(0);
  });

  it("asks why it is not stalking when the course of conduct is harassment only", () => {
    const events = [
      ...toOrders,
      answer({ existingOrders: ["none"] }),
      incident("2026-01-01", "other"),
      incident("2026-01-08", "other"),
      answer({}),
      answer({ fourIndicators: ["unwanted", "repeated"] }),
      answer({ onlineBehaviours: ["none"] }),
      answer({ fearOfViolenceOccasions: 0 }),
      answer({ seriousAlarmOrDistress: "no" }),
      answer({ threats: "no" }),
    ];
    const snapshot = at(events);
    expect(snapshot.value).toBe("notStalkingReason");
    expect(snapshot.context.classification).toBe("harassment");
    const next = step(snapshot, answer({ notStalkingReason: "Neighbour dispute over parking; no fixation." }));
    expect(next.snapshot.value).toBe("risk");
  });

  it("rejects continuing from the incidents page with no incident", () => {
    const snapshot = at([...toOrders, answer({ existingOrders: ["none"] }), answer({})]);
    expect(snapshot.value).toEqual({ identification: "incidents" });
    expect(snapshot.context.lastRejection?.issues).toEqual([
      { path: ["incidents"], field: "incidents", message: "Add at least one incident" },
    ]);
  });

  it("removes an incident by index and rejects an index that does not exist", () => {
    const base = [...toOrders, answer({ existingOrders: ["none"] }), incident("2026-01-01", "following")];
    expect(at([...base, { type: "incident.remove", index: 0 }]).context.incidents).toHaveLength(0);
    const rejected = at([...base, { type: "incident.remove", index: 3 }]);
    expect(rejected.context.incidents).toHaveLength(1);
    expect(rejected.context.lastRejection?.reason).toBe("There is no such incident");
  });
});

describe("risk (guards lastInstrumentQuestion, firstInstrumentQuestion, isHarassment)", () => {
  const untilInstrument = breachEventsUntil("instrument");

  it("asks one instrument question at a time, then grading after the last", () => {
    let snapshot = at(untilInstrument);
    const total = exampleForceConfig.instruments.stalking.questions.length;
    for (let i = 0; i < total - 1; i += 1) {
      snapshot = step(
        snapshot,
        answer({ [exampleForceConfig.instruments.stalking.questions[i]?.id ?? ""]: "no" }),
      ).snapshot;
      if (exampleForceConfig.instruments.stalking.questions[i]?.kind === "singleChoice") {
        // the first question is a choice: "no" is not one of its options
        expect(snapshot.context.lastRejection?.issues[0]?.message).toBe("Select one of the options");
        snapshot = step(snapshot, answer({ fear: "somewhat" })).snapshot;
      }
      expect(snapshot.context.instrumentIndex).toBe(i + 1);
      expect(snapshot.value).toBe("risk");
    }
    snapshot = step(snapshot, answer({ historyOfViolence: "no" })).snapshot;
    expect(snapshot.value).toBe("grading");
  });

  it("goes back question by question, then to identification from the first", () => {
    const first = at(untilInstrument);
    const second = step(first, answer({ fear: "very" })).snapshot;
    const backOnce = step(second, { type: "step.back" }).snapshot;
    expect(backOnce.value).toBe("risk");
    expect(backOnce.context.instrumentIndex).toBe(0);
    expect(step(backOnce, { type: "step.back" }).snapshot.value).toEqual({ identification: "threats" });
  });

  it("goes back from the first question to the not-stalking reason for harassment", () => {
    const snapshot = at([
      ...toOrders,
      answer({ existingOrders: ["none"] }),
      incident("2026-01-01", "other"),
      incident("2026-01-08", "other"),
      answer({}),
      answer({ fourIndicators: ["none"] }),
      answer({ onlineBehaviours: ["none"] }),
      answer({ fearOfViolenceOccasions: 2 }),
      answer({ seriousAlarmOrDistress: "no" }),
      answer({ threats: "no" }),
      answer({ notStalkingReason: "No behaviour associated with stalking." }),
    ]);
    expect(snapshot.value).toBe("risk");
    expect(step(snapshot, { type: "step.back" }).snapshot.value).toBe("notStalkingReason");
  });

  it("returns to the last instrument question when going back from grading", () => {
    const snapshot = at(breachEventsUntil("grading"));
    const back = step(snapshot, { type: "step.back" }).snapshot;
    expect(back.value).toBe("risk");
    expect(back.context.instrumentIndex).toBe(exampleForceConfig.instruments.stalking.questions.length - 1);
  });
});

describe("back navigation from identification (guards breachAlleged, hasOrders)", () => {
  it("returns to the breach escalation page after a breach", () => {
    expect(step(at(breachEventsUntil("incidents")), { type: "step.back" }).snapshot.value).toBe("breachEscalation");
  });

  it("returns to the breach question when an order exists but was not breached", () => {
    const snapshot = at([...toOrders, answer({ existingOrders: ["spo"] }), answer({ orderBreached: "no" })]);
    expect(step(snapshot, { type: "step.back" }).snapshot.value).toEqual({ context: "breach" });
  });

  it("returns to the orders question when there is no order", () => {
    const snapshot = at([...toOrders, answer({ existingOrders: ["none"] })]);
    expect(step(snapshot, { type: "step.back" }).snapshot.value).toEqual({ context: "orders" });
  });

  it("rejects going back from the first question, with a reason", () => {
    const snapshot = at([start, { type: "step.back" }]);
    expect(snapshot.value).toBe("triage");
    expect(snapshot.context.lastRejection?.reason).toBe("This is the first question");
  });
});

describe("grading and supervisor review", () => {
  const untilGrading = breachEventsUntil("grading");

  it("records a lowered grade as an override needing approval with a reason", () => {
    const graded = at([...untilGrading, answer({ grade: "standard", gradeRationale: "He has moved abroad." })]);
    expect(graded.context.grade).toMatchObject({ value: "standard", proposed: "high" });
    expect(graded.context.overrides).toEqual([
      { direction: "lowered", from: "high", to: "standard", by: practiceOfficer, reason: "He has moved abroad." },
    ]);
    const review = step(graded, { type: "screening.submit" }).snapshot;
    const refused = step(review, { type: "supervisor.approve", actor: supervisor }).snapshot;
    expect(refused.value).toBe("supervisorReview");
    expect(refused.context.lastRejection?.issues).toEqual([
      { path: ["reason"], field: "reason", message: "Enter why you approve a grade below the proposed grade" },
    ]);
    const approved = step(review, {
      type: "supervisor.approve",
      actor: supervisor,
      reason: "Confirmed abroad.",
    }).snapshot;
    expect(approved.value).toMatchObject({ actions: {} });
    expect(approved.context.overrides[0]).toMatchObject({
      approvedBy: supervisor,
      approvalReason: "Confirmed abroad.",
    });
  });

  it("records a raised grade as an override without approval", () => {
    const harassmentUntilGrading = harassmentScenario.events.slice(0, -8);
    const graded = at(harassmentUntilGrading);
    expect(graded.context.overrides).toEqual([
      expect.objectContaining({ direction: "raised", from: "standard", to: "medium" }),
    ]);
  });

  const review = at(breachEventsUntil("supervisorReview"));

  it("notifies the supervisor when a screening reaches review", () => {
    const { actions } = step(at(breachEventsUntil("checkAnswers")), { type: "screening.submit" });
    expect(actions).toEqual(expect.arrayContaining(["notifySupervisor", "saveScreening"]));
  });

  it("rejects a review that does not name its reviewer", () => {
    const next = step(review, { type: "supervisor.approve" } as unknown as ScreeningEvent).snapshot;
    expect(next.value).toBe("supervisorReview");
    expect(next.context.lastRejection?.issues[0]?.field).toBe("actor");
  });

  it("rejects review by someone without a supervisor role, or by the officer who graded", () => {
    const byOfficer = step(review, { type: "supervisor.approve", actor: { id: "officer-9", role: "officer" } });
    expect(byOfficer.snapshot.context.lastRejection?.issues[0]?.field).toBe("actor.role");
    const bySelf = step(review, {
      type: "supervisor.approve",
      actor: { id: breachScenario.events[0]?.actor?.id ?? "", role: "supervisor" },
    });
    expect(bySelf.snapshot.context.lastRejection?.issues.map((i) => i.field)).toContain("actor.id");
  });

  it.each([
    ["identification", { identification: "incidents" }],
    ["risk", "risk"],
    ["grading", "grading"],
  ] as const)("returns the screening to %s with a reason (guard returnTarget)", (to, value) => {
    const next = step(review, {
      type: "supervisor.return",
      actor: supervisor,
      to,
      reason: "Check the dates.",
    }).snapshot;
    expect(next.value).toEqual(value);
    expect(next.context.supervisor).toBeNull();
  });

  it("reclassifies, keeping where it came from and why", () => {
    const next = step(review, {
      type: "supervisor.reclassify",
      actor: supervisor,
      classification: "stalkingS2A",
      reason: "The fear occasions are not established.",
    }).snapshot;
    expect(next.context.classification).toBe("stalkingS2A");
    expect(next.context.reclassification).toEqual({
      from: "stalkingS4A",
      reason: "The fear occasions are not established.",
      by: supervisor,
    });
    expect(next.context.supervisor).toMatchObject({ decision: "reclassified" });
    const same = step(review, {
      type: "supervisor.reclassify",
      actor: supervisor,
      classification: "stalkingS4A",
      reason: "x",
    });
    expect(same.snapshot.context.lastRejection?.issues[0]?.field).toBe("classification");
  });
});

describe("check answers (guard validEditTo)", () => {
  const check = at(breachEventsUntil("checkAnswers"));

  it.each([
    ["relationship", { context: "relationship" }],
    ["breach", { context: "breach" }],
    ["incidents", { identification: "incidents" }],
    ["threats", { identification: "threats" }],
    ["instrument", "risk"],
    ["grading", "grading"],
  ] as const)("changes %s", (target, value) => {
    expect(step(check, { type: "step.edit", step: target }).snapshot.value).toEqual(value);
  });

  it("rejects changing a step that does not apply", () => {
    const next = step(check, { type: "step.edit", step: "notStalkingReason" }).snapshot;
    expect(next.value).toBe("checkAnswers");
    expect(next.context.lastRejection?.issues[0]?.field).toBe("step");
  });
});

describe("actions (guard taskDone) and completion", () => {
  const tasks = at(breachEventsUntil("tasks"));

  it("lists stalking cases for the DMM once, on entering the actions", () => {
    const harassmentTasks = at(harassmentScenario.events.slice(0, -6));
    expect(harassmentTasks.context.dmmListed).toBe(true);
    const { actions } = step(
      at(harassmentScenario.events.slice(0, -7)),
      harassmentScenario.events.at(-7) as ScreeningEvent,
    );
    expect(actions).toContain("listForDailyManagementMeeting");
  });

  it("keeps victim tasks in order", () => {
    const next = step(tasks, {
      type: "task.submit",
      task: "referrals",
      answers: { offered: ["none"], accepted: ["none"] },
    });
    expect(next.snapshot.context.lastRejection?.reason).toBe('Complete "Victims\' Code rights" first');
  });

  it("moves each region to done as its task is recorded", () => {
    const next = step(tasks, {
      type: "task.submit",
      task: "recording",
      answers: { principal: "stalkingS4A", included: ["none"] },
    });
    expect(next.snapshot.value).toMatchObject({ actions: { recording: "done", spoDecision: "pending" } });
  });

  it("only lets the configured roles record a decision to apply for an SPO", () => {
    const spo = { decision: "apply", reason: "Meets the test." };
    const byOfficer = step(tasks, { type: "task.submit", task: "spoDecision", answers: spo });
    expect(byOfficer.snapshot.context.lastRejection?.issues[0]?.message).toMatch(/inspector, superintendent/);
    const byInspector = step(tasks, { type: "task.submit", task: "spoDecision", answers: spo, actor: inspector });
    expect(byInspector.snapshot.context.taskRecords.spoDecision?.by).toEqual(inspector);
  });

  it("needs a note when a MARAC referral this grade calls for is not made", () => {
    const next = step(tasks, { type: "task.submit", task: "safeguarding", answers: { multiAgency: ["none"] } });
    expect(next.snapshot.context.lastRejection?.issues).toEqual([
      {
        path: ["note"],
        field: "note",
        message: "Enter why there is no referral to MARAC or Example stalking intervention panel at this grade",
      },
    ]);
  });

  it("completes when every region is done and outputs the outcome", () => {
    const done = at([...breachScenario.events]);
    expect(done.status).toBe("done");
    expect(done.value).toBe("completed");
    expect(done.output?.status).toBe("completed");
  });
});

describe("dynamic risk: new incidents and breaches re-open the screening", () => {
  it("re-opens identification on a new incident during review, clearing grade and review", () => {
    const review = at(breachEventsUntil("supervisorReview"));
    const next = step(review, {
      type: "incident.add",
      incident: { date: "2026-02-01", behaviours: ["following"] },
    }).snapshot;
    expect(next.value).toEqual({ identification: "incidents" });
    expect(next.context.incidents).toHaveLength(4);
    expect(next.context.reopenedCount).toBe(1);
    expect(next.context.grade).toBeNull();
  });

  it("escalates a reported breach from the task list", () => {
    const tasks = at(harassmentScenario.events.slice(0, -6));
    const rejected = step(tasks, { type: "breach.report" }).snapshot;
    expect(rejected.context.lastRejection?.reason).toBe(
      "No protective order is recorded, so there is nothing to breach",
    );
    const withOrder = at(breachEventsUntil("tasks"));
    const { snapshot, actions } = step(withOrder, { type: "breach.report", note: "Seen in the street again." });
    expect(snapshot.value).toBe("breachEscalation");
    expect(actions).toContain("notifySupervisor");
  });

  it("rejects an incident before the context questions are answered", () => {
    const snapshot = at([...toContext, incident("2026-01-01", "following")]);
    expect(snapshot.value).toEqual({ context: "reportedAs" });
    expect(snapshot.context.lastRejection?.reason).toBe("Incidents are added after the context questions");
  });
});

describe("rejections and the audit trail", () => {
  it("rejects an invalid payload with the field and reason, and audits it", () => {
    const snapshot = at([...toContext, answer({ reportedAs: "gossip", extra: "x" })]);
    expect(snapshot.value).toEqual({ context: "reportedAs" });
    expect(snapshot.context.lastRejection).toEqual({
      event: "answer.submit",
      reason: "This is not a question on this page; Select one of the options",
      issues: [
        { path: ["extra"], field: "extra", message: "This is not a question on this page" },
        { path: ["reportedAs"], field: "reportedAs", message: "Select one of the options" },
      ],
      at: fixedNow.toISOString(),
    });
    expect(snapshot.context.auditTrail.at(-1)).toMatchObject({
      accepted: false,
      event: "answer.submit",
      actor: officer,
    });
  });

  it("rejects an unknown event and an event at the wrong step, never ignoring them", () => {
    const unknown = at([start, { type: "screening.explode" } as unknown as ScreeningEvent]);
    expect(unknown.context.lastRejection?.reason).toBe(
      '"screening.explode" is not an event this screening understands',
    );
    const wrongStep = at([start, { type: "screening.submit" }]);
    expect(wrongStep.context.lastRejection?.reason).toBe('"screening.submit" is not available at this step');
    const twice = at([start, start]);
    expect(twice.context.lastRejection?.reason).toBe("The screening has already started");
  });

  it("clears the rejection when the next event is accepted", () => {
    const snapshot = at([start, answer({}), answer({ immediateDanger: "no" })]);
    expect(snapshot.context.lastRejection).toBeNull();
  });

  it("audits every accepted event with time, actor, step and payload", () => {
    const snapshot = at([
      start,
      answer({ immediateDanger: "no" }),
      { type: "step.back", actor: { id: "ch-2", role: "callHandler" } },
    ]);
    expect(snapshot.context.auditTrail).toEqual([
      { at: fixedNow.toISOString(), actor: officer, event: "screening.start", step: null, accepted: true },
      {
        at: fixedNow.toISOString(),
        actor: officer,
        event: "answer.submit",
        step: "triage",
        accepted: true,
        detail: { answers: { immediateDanger: "no" } },
      },
      {
        at: fixedNow.toISOString(),
        actor: { id: "ch-2", role: "callHandler" },
        event: "step.back",
        step: "reportedAs",
        accepted: true,
      },
    ]);
  });

  it("rejects and audits an xstate.* type sent from outside, leaving the state as it was", () => {
    const before = at([start]);
    const snapshot = at([start, { type: "xstate.done.state.anything" } as unknown as ScreeningEvent]);
    expect(snapshot.status).toBe("active");
    expect(snapshot.value).toEqual(before.value);
    expect(snapshot.context.lastRejection?.reason).toBe(
      '"xstate.done.state.anything" is reserved for the state machine library and cannot be sent',
    );
    expect(snapshot.context.auditTrail.at(-1)).toMatchObject({ event: "xstate.done.state.anything", accepted: false });
  });
});

describe("instrument selection (force configuration)", () => {
  const daTool = {
    id: "force-da-tool",
    version: "2",
    title: "Force domestic-abuse questions (test data)",
    licence: "Test data only.",
    example: true,
    context: "domesticAbuse" as const,
    questions: [
      { id: "coercion", prompt: "Coercive or controlling behaviour?", kind: "yesNoNotKnown" as const },
      {
        id: "strangulation",
        prompt: "Non-fatal strangulation?",
        kind: "yesNoNotKnown" as const,
        escalatesToHigh: true,
      },
    ],
  };
  const config = { ...exampleForceConfig, instruments: { ...exampleForceConfig.instruments, domesticAbuse: daTool } };
  const untilInstrument = breachEventsUntil("instrument");

  it("uses the domestic-abuse instrument when the people are personally connected", () => {
    const { snapshot } = play(untilInstrument, config);
    const afterFirst = step(snapshot, answer({ coercion: "notKnown" })).snapshot;
    expect(afterFirst.context.instrumentIndex).toBe(1);
    const graded = step(afterFirst, answer({ strangulation: "no" })).snapshot;
    expect(graded.value).toBe("grading");
    expect(graded.context.instrumentAnswers).toEqual({ coercion: "notKnown", strangulation: "no" });
  });

  it("uses the stalking instrument when they are not, or when no domestic-abuse tool is configured", () => {
    const notConnected = untilInstrument.map((e) =>
      e.type === "answer.submit" && "personallyConnected" in e.answers ? answer({ personallyConnected: "no" }) : e,
    );
    expect(step(play(notConnected, config).snapshot, answer({ fear: "very" })).snapshot.context.instrumentIndex).toBe(
      1,
    );
    expect(step(play(untilInstrument).snapshot, answer({ fear: "very" })).snapshot.context.instrumentIndex).toBe(1);
  });
});

describe("effects hosts provide", () => {
  it("calls the provided actions with the context", () => {
    const notifySupervisor = vi.fn();
    const listForDailyManagementMeeting = vi.fn();
    const actor = createActor(machine.provide({ actions: { notifySupervisor, listForDailyManagementMeeting } }), {
      input: { config: exampleForceConfig },
    }).start();
    for (const event of breachEventsUntil("incidents")) actor.send(event);
    expect(notifySupervisor).toHaveBeenCalledTimes(1);
    expect(notifySupervisor.mock.calls[0]?.[1]).toEqual({ reason: "A protective order is said to have been breached" });
    expect(listForDailyManagementMeeting).toHaveBeenCalledTimes(1);
    actor.stop();
  });
});
