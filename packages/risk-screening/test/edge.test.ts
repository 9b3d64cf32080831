import fc from "fast-check";
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { exampleForceConfig } from "../src/examples/example-config";
import type { ScreeningEvent } from "../src/events";
import { screeningEventTypes } from "../src/events";
import { createScreeningActor } from "../src/machine";
import { eventsFor, fixedNow, machine, officer, play } from "./helpers";

// zod's developer wording must never reach a person.
const developerWording =
  /Invalid input|Invalid option|Too small|Too big|Unrecognized key|received (undefined|number|string)/;

const start: ScreeningEvent = { type: "screening.start", actor: officer };
const toIncidents: ScreeningEvent[] = [
  start,
  { type: "answer.submit", answers: { immediateDanger: "no" } },
  { type: "answer.submit", answers: { reportedAs: "harassment" } },
  { type: "answer.submit", answers: { relationship: "stranger" } },
  { type: "answer.submit", answers: { personallyConnected: "no" } },
  { type: "answer.submit", answers: { existingOrders: ["none"] } },
];

describe("the edge: values that are not events", () => {
  const notEvents: unknown[] = [{}, { type: 42 }, null, undefined, "answer.submit", 7, [], { type: "xstate.init" }];

  it.each(notEvents.map((value) => [JSON.stringify(value) ?? String(value), value]))(
    "rejects %s, audits it and stays alive where it was",
    (_, value) => {
      const actor = createScreeningActor(machine, { input: { config: exampleForceConfig } }).start();
      actor.send(start);
      const before = actor.getSnapshot();
      actor.send(value as ScreeningEvent);
      const after = actor.getSnapshot();
      expect(after.status).toBe("active");
      expect(after.value).toEqual(before.value);
      expect(after.context.auditTrail).toHaveLength(before.context.auditTrail.length + 1);
      expect(after.context.auditTrail.at(-1)).toMatchObject({ accepted: false, actor: officer });
      expect(after.context.lastRejection?.reason).toMatch(/event|type|reserved/);
      actor.send({ type: "answer.submit", answers: { immediateDanger: "no" } });
      expect(actor.getSnapshot().context.step).toBe("reportedAs");
      actor.stop();
    },
  );

  it("rejects xstate.stop from a host through createScreeningActor; actor.stop() still stops it", () => {
    const actor = createScreeningActor(machine, { input: { config: exampleForceConfig } }).start();
    actor.send(start);
    actor.send({ type: "xstate.stop" } as unknown as ScreeningEvent);
    expect(actor.getSnapshot().status).toBe("active");
    expect(actor.getSnapshot().context.lastRejection?.event).toBe("xstate.stop");
    actor.stop();
    expect(actor.getSnapshot().status).toBe("stopped");
  });

  it("keeps an actor made with xstate's createActor alive for objects without a text type", () => {
    const actor = createActor(machine, { input: { config: exampleForceConfig } }).start();
    for (const value of [{}, { type: 42 }, { type: ["a"] }, { type: "xstate.error.actor.x" }]) {
      actor.send(value as unknown as ScreeningEvent);
      expect(actor.getSnapshot().status).toBe("active");
    }
    expect(actor.getSnapshot().context.auditTrail.filter((e) => !e.accepted)).toHaveLength(4);
    actor.stop();
  });
});

describe("the edge: incidents", () => {
  const at = play(toIncidents).snapshot;
  const add = (incident: unknown) => play([...toIncidents, { type: "incident.add", incident } as ScreeningEvent]);

  it("rejects a behaviour that is not one of the options, naming the field", () => {
    const { snapshot } = add({ date: "2026-01-01", behaviours: ["following", "teleporting"] });
    expect(snapshot.context.incidents).toHaveLength(at.context.incidents.length);
    expect(snapshot.context.lastRejection?.issues).toEqual([
      {
        path: ["incident", "behaviours", 1],
        field: "incident.behaviours.1",
        message: '"incident.behaviours.1" must be one of the behaviours in incidentQuestions (for example "following")',
      },
    ]);
  });

  it("rejects a date after today (the machine's clock)", () => {
    const { snapshot } = add({ date: "2099-01-01", behaviours: ["following"] });
    expect(snapshot.context.lastRejection?.issues).toEqual([
      { path: ["incident", "date"], field: "incident.date", message: "The date must be today or in the past" },
    ]);
    const today = fixedNow.toISOString().slice(0, 10);
    expect(add({ date: today, behaviours: ["following"] }).snapshot.context.incidents).toHaveLength(1);
  });

  it("writes a missing payload for people, naming the field", () => {
    const { snapshot } = play([start, { type: "answer.submit" } as ScreeningEvent]);
    expect(snapshot.context.lastRejection?.reason).toBe('"answers" is missing');
  });
});

const anyJson = fc.oneof(
  { depthSize: "small" },
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(undefined),
  fc.record(
    {
      type: fc.oneof(fc.constantFrom(...screeningEventTypes, "xstate.stop", "xstate.init", ""), fc.jsonValue()),
      answers: fc.jsonValue({ maxDepth: 2 }),
      actor: fc.jsonValue({ maxDepth: 2 }),
      incident: fc.jsonValue({ maxDepth: 2 }),
      task: fc.jsonValue({ maxDepth: 1 }),
      index: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
);

describe("fuzz: arbitrary JSON values sent as events", () => {
  it("never kills the actor: every value is taken or rejected, audited, and explained for people", () => {
    let sent = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(), anyJson), { minLength: 20, maxLength: 60 }), (moves) => {
        const actor = createScreeningActor(machine, { input: { config: exampleForceConfig } }).start();
        for (const [valid, pick, junk] of moves) {
          const before = actor.getSnapshot();
          if (before.status !== "active") break;
          const options = eventsFor(before);
          const value: unknown = valid && options.length ? options[pick % options.length] : junk;
          actor.send(value as ScreeningEvent);
          sent += 1;
          const after = actor.getSnapshot();
          expect(after.status).not.toBe("error");
          expect(after.context.auditTrail).toHaveLength(before.context.auditTrail.length + 1);
          const rejection = after.context.lastRejection;
          if (after.context.auditTrail.at(-1)?.accepted === false) {
            expect(after.value).toEqual(before.value);
            expect(rejection?.reason).toBeTruthy();
            expect(rejection?.reason).not.toMatch(developerWording);
          }
        }
        actor.stop();
      }),
      { seed: 20261206, numRuns: 200 },
    );
    // How much the fuzz sent (reported in the changeset and the report).
    console.info(`fuzz: sent ${sent} values`);
    expect(sent).toBeGreaterThan(3000);
  }, 120_000); // A few seconds alone; the shared 2-core CI machine can make it many times slower.
});
