import { createActor } from "xstate";
import type { Rejection } from "./context";
import type { ScreeningEvent } from "./events";
// Through the package name, so the built practice entry reuses the core bundle instead of copying it.
import { createScreeningMachine } from "@stalking-response/risk-screening";
import type { ScreeningMachine } from "./machine";
import type { ForceConfig, ScreeningOutcome } from "./schemas";

/** What {@link runScreening} returns. */
export interface ScreeningRun {
  /** The outcome, when the events finished the screening. */
  readonly outcome: ScreeningOutcome | undefined;
  /** Every rejection, in order, with its reason. */
  readonly rejections: readonly Rejection[];
  /** The state the screening ended in (e.g. `"completed"`, or `{ identification: "four" }`). */
  readonly value: unknown;
}

/** Options for {@link runScreening}. */
export interface RunOptions {
  readonly config: ForceConfig;
  /** A machine to run (for example one with effects provided); defaults to one using `clock`. */
  readonly machine?: ScreeningMachine;
  /** The clock for the default machine. */
  readonly clock?: () => Date;
}

/**
 * Runs a list of events through a fresh screening headlessly and reports where it ended. Practice
 * scenarios, replays and benchmarks use it; a rejected event does not stop the run.
 */
export function runScreening(events: readonly ScreeningEvent[], options: RunOptions): ScreeningRun {
  const machine = options.machine ?? createScreeningMachine(options.clock ? { clock: options.clock } : {});
  const actor = createActor(machine, { input: { config: options.config } });
  actor.start();
  const rejections: Rejection[] = [];
  for (const event of events) {
    actor.send(event);
    const rejection = actor.getSnapshot().context.lastRejection;
    if (rejection && rejection !== rejections.at(-1)) rejections.push(rejection);
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { outcome: snapshot.status === "done" ? snapshot.output : undefined, rejections, value: snapshot.value };
}
