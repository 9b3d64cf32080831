import { initialTransition } from "xstate";
import { describe, expect, it } from "vitest";
import { exampleForceConfig } from "../src/examples/example-config";
import { exampleProvisions } from "../src/examples/provisions";
import type { ScreeningEvent } from "../src/events";
import { followUpScreening } from "../src/follow-up";
import type { ForceConfig } from "../src/schemas";
import { ScreeningOutcomeSchema } from "../src/schemas";
import { currentView } from "../src/view";
import type { Snap } from "./helpers";
import { eventsFor, inspector, machine, officer, play, step } from "./helpers";

const withProvisions: ForceConfig = { ...exampleForceConfig, provisions: exampleProvisions };

/**
 * Drives a screening purely with the model's valid events: no immediate danger, the given number of
 * incidents, and `instead` replacing the event for a step (or a task) when given.
 */
function drive(
  config: ForceConfig,
  options: { incidents?: number; until?: string; instead?: (snapshot: Snap) => ScreeningEvent | undefined } = {},
) {
  let { snapshot } = play([], config);
  for (let i = 0; i < 200 && snapshot.status === "active"; i += 1) {
    if (options.until !== undefined && snapshot.context.step === options.until) break;
    const available = eventsFor(snapshot);
    let event = options.instead?.(snapshot) ?? available[0];
    if (snapshot.context.step === "triage") event = available[1];
    if (snapshot.context.step === "incidents" && snapshot.context.incidents.length >= (options.incidents ?? 2)) {
      event = { type: "answer.submit", answers: {} };
    }
    if (!event) throw new Error(`no event at ${String(snapshot.context.step)}`);
    snapshot = step(snapshot, event).snapshot;
    expect(snapshot.context.lastRejection).toBeNull();
  }
  return snapshot;
}

const orderOptions = (snapshot: Snap) => {
  const view = currentView(snapshot);
  return view.kind === "questions" ? (view.questions[0]?.options ?? []).map((o) => [o.value, o.hint]) : [];
};

describe("orders offered, by force configuration", () => {
  it("offers DVPN/DVPO and not DAPN/DAPO outside a pilot area, and rejects a DAPO answer there", () => {
    const at = drive(exampleForceConfig, { until: "orders" });
    expect(orderOptions(at).map(([v]) => v)).toEqual([
      "spo",
      "interimSpo",
      "restrainingOrder",
      "nonMolestationOrder",
      "dvpo",
      "none",
    ]);
    const rejected = step(at, { type: "answer.submit", answers: { existingOrders: ["dapo"] } }).snapshot;
    expect(rejected.context.lastRejection?.issues[0]).toMatchObject({ field: "existingOrders" });
  });

  it("offers DAPN/DAPO in place of DVPN/DVPO in a pilot area, showing the provision's status", () => {
    const at = drive(withProvisions, { until: "orders" });
    const options = orderOptions(at);
    expect(options.map(([v]) => v)).not.toContain("dvpo");
    expect(options.find(([v]) => v === "dapo")?.[1]).toMatch(
      /^Status: in force in pilot areas only \(checked 2026-12-06;/,
    );
    expect(step(at, { type: "answer.submit", answers: { existingOrders: ["dapo"] } }).snapshot.context.step).toBe(
      "breach",
    );
  });
});

const spoTask = (decision: string): ScreeningEvent => ({
  type: "task.submit",
  task: "spoDecision",
  answers: { decision, reason: "Conviction expected; the court can consider an order." },
  actor: officer,
});

describe("the SPO decision and the right-to-know task", () => {
  it("accepts 'court to consider on conviction or acquittal' only where the force switches it on", () => {
    const without = drive(exampleForceConfig, { until: "tasks" });
    expect(step(without, spoTask("courtOnConviction")).snapshot.context.lastRejection?.issues[0]?.field).toBe(
      "decision",
    );
    const done = drive(withProvisions, {
      instead: (s) =>
        s.context.step === "tasks" && !s.context.taskRecords.spoDecision ? spoTask("courtOnConviction") : undefined,
    });
    expect(done.output?.status === "completed" && done.output.spoDecision?.decision).toBe("courtOnConviction");
  });

  it("shows the right-to-know task with its status only where switched on, and records the decision", () => {
    const tasksOf = (config: ForceConfig) => {
      const view = currentView(drive(config, { until: "tasks" }));
      return view.kind === "tasks" ? view.tasks : [];
    };
    expect(tasksOf(exampleForceConfig).map((t) => t.id)).not.toContain("rightToKnow");
    const task = tasksOf(withProvisions).find((t) => t.id === "rightToKnow");
    expect(task?.questions[0]?.hint).toMatch(/^Status: enacted but not yet in force/);
    const done = drive(withProvisions);
    expect(done.output?.status === "completed" && done.output.rightToKnow).toEqual({
      decision: "alreadyKnown",
      by: inspector,
    });
    expect(done.output?.requiredActions.find((a) => a.id === "rightToKnow")?.detail).toMatch(/^Status: /);
  });

  it("asks for no SPO decision for a single incident, and completes without one", () => {
    const tasks = drive(exampleForceConfig, { incidents: 1, until: "tasks" });
    const view = currentView(tasks);
    expect(view.kind === "tasks" && view.tasks.map((t) => t.id)).not.toContain("spoDecision");
    expect(step(tasks, spoTask("notNeeded")).snapshot.context.lastRejection?.reason).toBe(
      '"Stalking protection order" is not needed for this screening',
    );
    const done = drive(exampleForceConfig, { incidents: 1 });
    expect(done.output?.status === "completed" && done.output.classification).toBe("singleIncident");
    expect(done.output?.status === "completed" && done.output.spoDecision).toBeUndefined();
    expect(done.output?.requiredActions.map((a) => a.id)).not.toContain("spoDecision");
    expect(ScreeningOutcomeSchema.safeParse(done.output).success).toBe(true);
  });
});

describe("recording after review (recs 7 and 23)", () => {
  const record = (answers: Record<string, string | string[]>): ScreeningEvent => ({
    type: "task.submit",
    task: "recording",
    answers,
    actor: officer,
  });

  it("cannot drop the stalking classification without a recorded reason", () => {
    const tasks = drive(exampleForceConfig, { until: "tasks" });
    expect(tasks.context.classification).toMatch(/^stalking/);
    const dropped = step(tasks, record({ principal: "harassment", included: ["none"] })).snapshot;
    expect(dropped.context.lastRejection?.issues).toEqual([
      {
        path: ["stalkingNotRecordedReason"],
        field: "stalkingNotRecordedReason",
        message: "Enter why stalking is not recorded: the reviewed screening found stalking",
      },
    ]);
    const included = step(tasks, record({ principal: "harassment", included: ["stalkingS2A"] })).snapshot;
    expect(included.context.lastRejection).toBeNull();
    const reason = "CPS advice: charge harassment only.";
    const done = drive(exampleForceConfig, {
      instead: (s) =>
        s.context.step === "tasks" && !s.context.taskRecords.recording
          ? record({ principal: "harassment", included: ["none"], stalkingNotRecordedReason: reason })
          : undefined,
    });
    expect(done.output?.status === "completed" && done.output.recording.stalkingNotRecordedReason).toBe(reason);
  });
});

describe("follow-up screening: a new incident after completion", () => {
  const breached = (s: Snap): ScreeningEvent | undefined =>
    s.context.step === "orders"
      ? { type: "answer.submit", answers: { existingOrders: ["restrainingOrder"] } }
      : s.context.step === "breach"
        ? { type: "answer.submit", answers: { orderBreached: "yes" } }
        : undefined;
  const first = drive(exampleForceConfig, { instead: breached });
  const newIncident = { date: "2026-02-20", behaviours: ["loitering"] };

  it("opens linked to the earlier screening, carrying its outcome, flags, incidents and audit, leaving it unchanged", () => {
    const before = JSON.stringify(first);
    const result = followUpScreening(first, { incident: newIncident, today: "2026-03-01" });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
    expect(JSON.stringify(first)).toBe(before);
    const outcome = first.output?.status === "completed" ? first.output : undefined;
    const [follow] = initialTransition(machine, result.value);
    expect(follow.context.earlier).toEqual([
      expect.objectContaining({
        startedAt: outcome?.startedAt,
        classification: outcome?.classification,
        grade: outcome?.grade,
        heightenedRisk: true,
        auditTrail: outcome?.auditTrail,
      }),
    ]);
    expect(follow.context.incidents).toEqual([...first.context.incidents, newIncident]);
    const done = driveFrom(follow);
    const output = done.output?.status === "completed" ? done.output : undefined;
    expect(output?.earlier).toHaveLength(1);
    expect(output?.flags.heightenedRisk).toBe(true);
    expect(output?.incidentCount).toBe(3);
    expect(ScreeningOutcomeSchema.safeParse(done.output).success).toBe(true);
  });

  it("refuses an unfinished or emergency screening, and a future or unknown incident, saying why", () => {
    const running = drive(exampleForceConfig, { until: "grading" });
    expect(followUpScreening(running, { incident: newIncident })).toMatchObject({
      ok: false,
      issues: [{ path: ["previous"] }],
    });
    const emergency = play([
      { type: "screening.start", actor: officer },
      { type: "answer.submit", answers: { immediateDanger: "yes" } },
    ]).snapshot;
    expect(followUpScreening(emergency, { incident: newIncident })).toMatchObject({ ok: false });
    expect(followUpScreening(first, { incident: { ...newIncident, date: "2099-01-01" }, today: "2026-03-01" })).toEqual(
      {
        ok: false,
        issues: [{ path: ["incident", "date"], message: '"incident.date" must be today or in the past' }],
      },
    );
    expect(followUpScreening(first, { incident: { date: "2026-01-01", behaviours: ["x"] } })).toMatchObject({
      ok: false,
      issues: [{ path: ["incident", "behaviours", 0] }],
    });
  });
});

function driveFrom(snapshot: Snap, until?: string): Snap {
  let current = snapshot;
  for (let i = 0; i < 200 && current.status === "active"; i += 1) {
    if (until !== undefined && current.context.step === until) break;
    const available = eventsFor(current);
    let event = available[0];
    if (current.context.step === "triage") event = available[1];
    if (current.context.step === "incidents") event = { type: "answer.submit", answers: {} };
    if (current.context.step === "orders")
      event = { type: "answer.submit", answers: { existingOrders: ["restrainingOrder"] } };
    if (current.context.step === "breach") event = { type: "answer.submit", answers: { orderBreached: "yes" } };
    if (!event) throw new Error(`no event at ${String(current.context.step)}`);
    current = step(current, event).snapshot;
    expect(current.context.lastRejection).toBeNull();
  }
  return current;
}
