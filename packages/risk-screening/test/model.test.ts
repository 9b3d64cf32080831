import { getShortestPaths } from "@xstate/graph";
import type { AnyStateNode, StateValue } from "xstate";
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { exampleForceConfig } from "../src/examples/example-config";
import { exampleProvisions } from "../src/examples/provisions";
import { breachAlleged, classify, hasStalkingBehaviour } from "../src/rules";
import { ScreeningOutcomeSchema } from "../src/schemas";
import type { Snap } from "./helpers";
import { eventsFor, machine } from "./helpers";

/** What distinguishes states for coverage: where we are and the facts that change the route or outcome. */
function serializeState(snapshot: Snap): string {
  const { context } = snapshot;
  return JSON.stringify([
    snapshot.value,
    context.step,
    context.instrumentIndex,
    Math.min(context.incidents.length, 2),
    context.step === null ? null : classify(context),
    hasStalkingBehaviour(context),
    breachAlleged(context),
    context.grade?.value ?? null,
    Object.keys(context.taskRecords).sort(),
  ]);
}

function leafIds(value: StateValue, prefix = "screening"): string[] {
  if (typeof value === "string") return [`${prefix}.${value}`];
  return Object.entries(value).flatMap(([key, child]) => [
    `${prefix}.${key}`,
    ...(child === undefined ? [] : leafIds(child, `${prefix}.${key}`)),
  ]);
}

function allStateIds(node: AnyStateNode): string[] {
  return Object.values(node.states).flatMap((child) => [child.id, ...allStateIds(child)]);
}

// Every provision switched on, so the states that rest on one (the right-to-know task) are reachable too.
const config = { ...exampleForceConfig, provisions: exampleProvisions };

describe("model-based: shortest paths through the statechart", () => {
  const paths = getShortestPaths(machine, {
    input: { config },
    events: eventsFor,
    serializeState,
  });

  it("reaches every state of the machine", () => {
    const reached = new Set(paths.flatMap((path) => leafIds(path.state.value)));
    const missing = allStateIds(machine.root).filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
  });

  const finals = paths.filter((path) => path.state.status === "done");
  const kinds = new Set(
    finals.map((path) => {
      const output = path.state.output;
      return output?.status === "completed" ? `completed:${output.classification}` : String(output?.status);
    }),
  );

  it("reaches every final outcome: emergency and completed with each classification", () => {
    expect([...kinds].sort()).toEqual([
      "completed:harassment",
      "completed:singleIncident",
      "completed:stalkingS2A",
      "completed:stalkingS4A",
      "emergency",
    ]);
  });

  it("gives an outcome that validates against ScreeningOutcomeSchema on every final path", () => {
    expect(finals.length).toBeGreaterThan(0);
    for (const path of finals) {
      const result = ScreeningOutcomeSchema.safeParse(path.state.output);
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  // Paths are found on abstract states (see serializeState), so the replay checks the abstraction
  // and the outcome's decisions rather than byte-equal audit trails.
  it("replays each final path on a live actor to the same state and decisions, with no rejection", () => {
    const byKind = new Map(finals.map((path) => [serializeState(path.state), path]));
    for (const path of byKind.values()) {
      const actor = createActor(machine, { input: { config } }).start();
      for (const { event } of path.steps) {
        if ((event.type as string) === "xstate.init") continue;
        actor.send(event);
        expect(actor.getSnapshot().context.lastRejection).toBeNull();
      }
      const live = actor.getSnapshot();
      expect(serializeState(live)).toBe(serializeState(path.state));
      const { auditTrail: _live, endedAt: _end1, ...liveDecisions } = live.output ?? {};
      const { auditTrail: _path, endedAt: _end2, ...pathDecisions } = path.state.output ?? {};
      expect(liveDecisions).toEqual(pathDecisions);
      expect(ScreeningOutcomeSchema.safeParse(live.output).success).toBe(true);
    }
  });
});
