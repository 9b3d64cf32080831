import { initialTransition, transition } from "xstate";
import type { SnapshotFrom } from "xstate";
import { exampleForceConfig } from "../src/examples/example-config";
import { practiceScenarios } from "../src/examples/scenarios";
import type { PracticeScenario } from "../src/examples/scenarios";
import type { ScreeningEvent } from "../src/events";
import { createScreeningMachine } from "../src/machine";
import type { TaskId } from "../src/questions";
import { currentInstrumentQuestion, taskRequired } from "../src/rules";
import type { ForceConfig } from "../src/schemas";
import { taskAvailable } from "../src/validate";

/** A fixed instant so audit times are deterministic. */
export const fixedNow = new Date("2026-03-01T09:30:00.000Z");
export const machine = createScreeningMachine({ clock: () => fixedNow });
export type Snap = SnapshotFrom<typeof machine>;

export const officer = { id: "officer-1", role: "officer" } as const;
export const supervisor = { id: "sergeant-1", role: "supervisor" } as const;
export const inspector = { id: "inspector-1", role: "inspector" } as const;

/** Applies events purely (no actor), returning the snapshot and the actions of the last step. */
export function play(events: readonly ScreeningEvent[], config: ForceConfig = exampleForceConfig) {
  let [snapshot, actions] = initialTransition(machine, { config });
  for (const event of events) [snapshot, actions] = transition(machine, snapshot, event);
  return { snapshot, actions: actions.map((a) => a.type) };
}

/** Sends one more event to a snapshot, purely. */
export function step(snapshot: Snap, event: ScreeningEvent) {
  const [next, actions] = transition(machine, snapshot, event);
  return { snapshot: next, actions: actions.map((a) => a.type) };
}

function scenario(id: string): PracticeScenario {
  const found = practiceScenarios.find((s) => s.id === id);
  if (!found) throw new Error(`practice scenario ${id} missing`);
  return found;
}
export const breachScenario = scenario("breached-spo-ex-partner");
export const harassmentScenario = scenario("harassment-reclassified");

/** The breach scenario's events up to (not including) the first event sent at the given step. */
export function breachEventsUntil(stepId: string): ScreeningEvent[] {
  const events: ScreeningEvent[] = [];
  let { snapshot } = play([]);
  for (const event of breachScenario.events) {
    if (snapshot.context.step === stepId) return events;
    events.push(event);
    snapshot = step(snapshot, event).snapshot;
  }
  if (snapshot.context.step === stepId) return events;
  throw new Error(`step ${stepId} is not on the breach scenario's path`);
}

export const answer = (answers: Record<string, string | number | string[]>): ScreeningEvent => ({
  type: "answer.submit",
  answers,
});

const taskAnswers: Record<TaskId, Record<string, string | string[]>> = {
  recording: { principal: "stalkingS2A", included: ["none"] },
  spoDecision: { decision: "apply", reason: "Meets the statutory test." },
  rightToKnow: { decision: "alreadyKnown" },
  needsAssessment: { status: "completed" },
  rightsExplained: { explained: "yes" },
  referrals: { offered: ["specialistAdvocate"], accepted: ["specialistAdvocate"] },
  safeguarding: { multiAgency: ["none"], note: "Victim declined; safety plan in place." },
};

/** A few valid events per step, chosen so that every branch of every guard can be taken. */
export function eventsFor(snapshot: Snap): ScreeningEvent[] {
  const { context } = snapshot;
  switch (context.step) {
    case null:
      return [{ type: "screening.start", actor: officer }];
    case "triage":
      return [answer({ immediateDanger: "yes" }), answer({ immediateDanger: "no" })];
    case "reportedAs":
      return [answer({ reportedAs: "harassment" })];
    case "relationship":
      return [answer({ relationship: "exPartner" })];
    case "domesticAbuse":
      return [answer({ personallyConnected: "yes" })];
    case "orders":
      return [answer({ existingOrders: ["spo"] }), answer({ existingOrders: ["none"] })];
    case "breach":
      return [answer({ orderBreached: "yes" }), answer({ orderBreached: "no" })];
    case "breachEscalation":
      return [answer({ breachActionConsidered: "yes" })];
    case "incidents": {
      const events: ScreeningEvent[] = [];
      if (context.incidents.length < 2) {
        events.push(
          { type: "incident.add", incident: { date: "2026-01-01", behaviours: ["following"] } },
          { type: "incident.add", incident: { date: "2026-01-02", behaviours: ["other"] } },
        );
      }
      if (context.incidents.length > 0) events.push(answer({}));
      return events;
    }
    case "four":
      return [answer({ fourIndicators: ["none"] })];
    case "online":
      return [answer({ onlineBehaviours: ["none"] })];
    case "fearOfViolence":
      return [answer({ fearOfViolenceOccasions: 0 }), answer({ fearOfViolenceOccasions: 2 })];
    case "seriousAlarm":
      return [answer({ seriousAlarmOrDistress: "no" })];
    case "threats":
      return [answer({ threats: "no" })];
    case "notStalkingReason":
      return [answer({ notStalkingReason: "No behaviour associated with stalking." })];
    case "instrument": {
      const question = currentInstrumentQuestion(context);
      const value = question?.kind === "singleChoice" ? (question.options?.[0]?.value ?? "") : "yes";
      return question ? [answer({ [question.id]: value })] : [];
    }
    case "grading":
      return [
        answer({ grade: "high", gradeRationale: "Judgement." }),
        answer({ grade: "standard", gradeRationale: "Judgement." }),
      ];
    case "checkAnswers":
      return [{ type: "screening.submit" }];
    case "supervisorReview":
      return [
        { type: "supervisor.approve", actor: supervisor, reason: "Agreed." },
        { type: "supervisor.return", actor: supervisor, to: "grading", reason: "Regrade." },
      ];
    case "tasks":
      return (Object.keys(taskAnswers) as TaskId[])
        .filter(
          (task) =>
            context.taskRecords[task] === undefined && taskRequired(context, task) && taskAvailable(context, task),
        )
        .map((task) => ({ type: "task.submit", task, answers: taskAnswers[task], actor: inspector }));
  }
}
