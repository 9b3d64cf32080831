import fc from "fast-check";
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { exampleForceConfig } from "../src/examples/example-config";
import type { ScreeningEvent } from "../src/events";
import { screeningEventTypes } from "../src/events";
import { persistScreening, restoreScreening } from "../src/persistence";
import { ScreeningOutcomeSchema } from "../src/schemas";
import { currentView } from "../src/view";
import { eventsFor, machine, supervisor } from "./helpers";

const junkValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 2000 }),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.constant(null),
  fc.constant(undefined),
);

/** Events a careless or hostile host might send: wrong types, wrong shapes, wrong values. */
const junkEvent = fc.oneof(
  fc.record({
    type: fc.constantFrom(...screeningEventTypes, "screening.explode", "", "xstate.init"),
    answers: fc.dictionary(fc.constantFrom("immediateDanger", "grade", "fear", "x", "reportedAs"), junkValue),
    actor: fc.oneof(
      fc.constant(undefined),
      fc.record({ id: fc.string({ maxLength: 4 }), role: fc.string({ maxLength: 10 }) }),
    ),
    task: fc.string({ maxLength: 12 }),
    step: fc.string({ maxLength: 12 }),
    index: junkValue,
    incident: fc.record({ date: fc.string({ maxLength: 10 }), behaviours: fc.array(fc.string({ maxLength: 10 })) }),
  }),
  fc.constantFrom<unknown>({ type: "step.back" }, { type: "breach.report" }, { type: "screening.submit" }),
);

/** Detours a real user takes: back, edits, new incidents and breaches mid-flow, supervisor returns. */
const detours: ScreeningEvent[] = [
  { type: "step.back" },
  { type: "step.edit", step: "incidents" },
  { type: "step.edit", step: "grading" },
  { type: "incident.add", incident: { date: "2026-02-01", behaviours: ["loitering"] } },
  { type: "breach.report" },
  { type: "supervisor.return", actor: supervisor, to: "identification", reason: "Recheck." },
];

const move = fc.record({
  kind: fc.constantFrom("valid", "valid", "valid", "valid", "detour", "junk"),
  pick: fc.nat(),
  junk: junkEvent,
});

describe("property: random event sequences", () => {
  it("never throws, audits every event, explains every rejection, and any outcome validates", () => {
    let finished = 0;
    fc.assert(
      fc.property(fc.array(move, { maxLength: 150 }), (moves) => {
        const actor = createActor(machine, { input: { config: exampleForceConfig } }).start();
        for (const m of moves) {
          const before = actor.getSnapshot();
          if (before.status !== "active") break;
          const options = eventsFor(before);
          const event =
            m.kind === "valid" && options.length
              ? options[m.pick % options.length]
              : m.kind === "detour"
                ? detours[m.pick % detours.length]
                : m.junk;
          actor.send(event as ScreeningEvent);
          const after = actor.getSnapshot();
          expect(after.status).not.toBe("error");
          const type = (event as { type?: unknown }).type;
          if (typeof type === "string" && type.startsWith("xstate.")) continue;
          expect(after.context.auditTrail.length).toBe(before.context.auditTrail.length + 1);
          const entry = after.context.auditTrail.at(-1);
          if (entry?.accepted === false) {
            expect(after.context.lastRejection?.reason).toBeTruthy();
            expect(after.value).toEqual(before.value);
          } else {
            expect(after.context.lastRejection).toBeNull();
          }
          expect(() => currentView(after)).not.toThrow();
        }
        const end = actor.getSnapshot();
        if (end.status === "done") finished += 1;
        if (end.status === "done") expect(ScreeningOutcomeSchema.safeParse(end.output).error?.issues ?? []).toEqual([]);
        const restored = restoreScreening(JSON.stringify(persistScreening(actor)));
        expect(restored.ok ? [] : restored.issues).toEqual([]);
        if (restored.ok) {
          const again = createActor(machine, { snapshot: restored.value, input: { config: exampleForceConfig } });
          expect(again.getSnapshot().value).toEqual(end.value);
          expect(again.getSnapshot().context).toEqual(end.context);
        }
        actor.stop();
      }),
      { numRuns: 150 },
    );
    // The generator must actually drive screenings to the end, or the outcome check above is idle.
    expect(finished).toBeGreaterThan(0);
  }, 120_000); // A few seconds alone; the shared 2-core CI machine can make it many times slower.
});
