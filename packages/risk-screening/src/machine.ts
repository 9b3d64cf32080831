import { and, assign, createActor, setup } from "xstate";
import type { ActorOptions, AnyStateMachine } from "xstate";
import type { ScreeningContext } from "./context";
import type { ScreeningEvent } from "./events";
import { buildOutcome } from "./outcome";
import type { StepId, TaskId } from "./questions";
import {
  breachAlleged,
  activeOrders,
  classify,
  gradeRank,
  proposedGrade,
  safeguardingPlan,
  selectedInstrument,
  taskRequired,
} from "./rules";
import type {
  Answers,
  Classification,
  EarlierScreening,
  ForceConfig,
  Grade,
  Incident,
  Override,
  ScreeningOutcome,
} from "./schemas";
import { ActorSchema } from "./schemas";
import { edgeIssues, editTargets, eventActor, eventType, notHere, validateEvent } from "./validate";

/** What a follow-up screening starts with (see `followUpScreening`). */
export interface FollowUp {
  /** The completed screenings it follows, oldest first, with their audit trails. */
  readonly earlier: readonly EarlierScreening[];
  /** Answers carried over (people, orders, breach), prefilled for the officer to confirm. */
  readonly answers: Answers;
  /** The earlier incidents and the new one. */
  readonly incidents: readonly Incident[];
}

/** What a host passes when it creates a screening actor. */
export interface ScreeningInput {
  /** A validated force configuration (see `parseForceConfig`). */
  readonly config: ForceConfig;
  /** Set for a follow-up screening, from `followUpScreening`. */
  readonly follows?: FollowUp;
}

/** Options for {@link createScreeningMachine}. */
export interface ScreeningMachineOptions {
  /** The clock used for the audit trail; inject a fixed clock in tests and replays. */
  readonly clock?: () => Date;
}

function eventAnswers(event: ScreeningEvent): Answers {
  return event.type === "answer.submit" || event.type === "task.submit" ? event.answers : {};
}

function payload(event: unknown): unknown {
  if (typeof event !== "object" || event === null) return undefined;
  const { type: _type, actor: _actor, ...rest } = event as Record<string, unknown>;
  return Object.keys(rest).length ? rest : undefined;
}

// Marks a value that arrived as an event but cannot be routed (no string type, or a reserved xstate.*
// type). A symbol key, so no host can forge the wrapper and nothing of it reaches a saved snapshot.
const received = Symbol("received");
const unroutable = "(unroutable)";
type Unroutable = { type: typeof unroutable; [received]: unknown };

/** The value a host really sent: the original of a wrapped unroutable value, else the event itself. */
function sent(event: unknown): unknown {
  return typeof event === "object" && event !== null && received in event ? (event as Unroutable)[received] : event;
}

// xstate reads `event.type` as a string before any guard runs, so a value without one would put the actor
// into error status. At the edge it becomes an event the "*" handler rejects and audits. `xstate.stop`
// passes because the library uses it for `actor.stop()`; createScreeningActor stops hosts sending it.
function routable(event: unknown, stopAllowed: boolean): unknown {
  if (stopAllowed && eventType(event) === "xstate.stop") return event;
  return edgeIssues(event).length ? ({ type: unroutable, [received]: event } satisfies Unroutable) : event;
}

function guardEdges<M extends AnyStateMachine>(machine: M): M {
  const guarded = Object.create(machine) as M;
  guarded.transition = (snapshot, event, scope) => machine.transition(snapshot, routable(event, true), scope);
  guarded.provide = ((implementations) => guardEdges(machine.provide(implementations))) as M["provide"];
  return guarded;
}

function initialContext({ config, follows }: ScreeningInput): ScreeningContext {
  return {
    config,
    actor: null,
    startedAt: null,
    endedAt: null,
    step: null,
    answers: { ...follows?.answers },
    incidents: [...(follows?.incidents ?? [])],
    instrumentAnswers: {},
    instrumentIndex: 0,
    classification: null,
    grade: null,
    overrides: [],
    supervisor: null,
    reclassification: null,
    taskRecords: {},
    dmmListed: false,
    reopenedCount: 0,
    earlier: [...(follows?.earlier ?? [])],
    auditTrail: [],
    lastRejection: null,
  };
}

/**
 * Builds the screening statechart. Every accepted event is audited with the injected clock and the
 * actor; every rejected event sets `lastRejection` with the reason and is audited too. Effects are
 * named actions a host replaces with `.provide({ actions: { … } })`:
 * `notifySupervisor`, `listForDailyManagementMeeting`, `dispatchEmergency` and `saveScreening`.
 */
export function createScreeningMachine(options: ScreeningMachineOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const today = () => now().slice(0, 10);

  // xstate reads these types only; the value is never used at run time.
  const types = {} as {
    context: ScreeningContext;
    events: ScreeningEvent;
    input: ScreeningInput;
    output: ScreeningOutcome;
  };
  const screening = setup({
    types,
    guards: {
      valid: ({ context, event }) => validateEvent(context, event, today()).length === 0,
      fromHost: ({ event }) => !eventType(event).startsWith("xstate."),
      answerIs: ({ event }, params: { question: string; value: string }) =>
        eventAnswers(event)[params.question] === params.value,
      ordersAnswered: ({ event }) => {
        const orders = eventAnswers(event)["existingOrders"];
        return Array.isArray(orders) && orders.some((o) => o !== "none");
      },
      classifiesAs: ({ context, event }, params: { classification: Classification }) =>
        classify({ incidents: context.incidents, answers: { ...context.answers, ...eventAnswers(event) } }) ===
        params.classification,
      lastInstrumentQuestion: ({ context }) =>
        context.instrumentIndex >= selectedInstrument(context).questions.length - 1,
      firstInstrumentQuestion: ({ context }) => context.instrumentIndex === 0,
      breachAlleged: ({ context }) => breachAlleged(context),
      hasOrders: ({ context }) => activeOrders(context).length > 0,
      isHarassment: ({ context }) => context.classification === "harassment",
      validEditTo: ({ context, event }, params: { step: StepId }) =>
        event.type === "step.edit" && event.step === params.step && validateEvent(context, event).length === 0,
      returnTarget: ({ event }, params: { to: "identification" | "risk" }) =>
        event.type === "supervisor.return" && event.to === params.to,
      taskDone: ({ context }, params: { task: TaskId }) =>
        context.taskRecords[params.task] !== undefined || !taskRequired(context, params.task),
    },
    actions: {
      enterStep: assign((_, params: { step: StepId }) => ({ step: params.step })),
      accept: assign(({ context, event }) => {
        const detail = payload(event);
        const entry = {
          at: now(),
          actor: eventActor(context, event),
          event: event.type,
          step: context.step,
          accepted: true,
        };
        return {
          lastRejection: null,
          auditTrail: [...context.auditTrail, detail === undefined ? entry : { ...entry, detail }],
        };
      }),
      reject: assign(({ context, event }) => {
        const original = sent(event);
        const found = validateEvent(context, original, today());
        const type = eventType(original);
        const issues = found.length ? found : [notHere(type)];
        const at = now();
        const reason = issues.map((i) => i.message).join("; ");
        const actor = ActorSchema.safeParse(
          typeof original === "object" && original !== null ? (original as { actor?: unknown }).actor : undefined,
        );
        return {
          lastRejection: { event: type, reason, issues, at },
          auditTrail: [
            ...context.auditTrail,
            {
              at,
              actor: actor.success ? actor.data : context.actor,
              event: type,
              step: context.step,
              accepted: false,
              detail: { reason },
            },
          ],
        };
      }),
      start: assign(({ event }) => (event.type === "screening.start" ? { actor: event.actor, startedAt: now() } : {})),
      end: assign(() => ({ endedAt: now() })),
      storeAnswers: assign(({ context, event }) =>
        context.step === "instrument"
          ? { instrumentAnswers: { ...context.instrumentAnswers, ...(eventAnswers(event) as Record<string, string>) } }
          : { answers: { ...context.answers, ...eventAnswers(event) } },
      ),
      recordBreach: assign(({ context }) => ({ answers: { ...context.answers, orderBreached: "yes" } })),
      addIncident: assign(({ context, event }) =>
        event.type === "incident.add" ? { incidents: [...context.incidents, event.incident] } : {},
      ),
      removeIncident: assign(({ context, event }) =>
        event.type === "incident.remove" ? { incidents: context.incidents.filter((_, i) => i !== event.index) } : {},
      ),
      reopen: assign(({ context }) =>
        context.classification === null
          ? {}
          : {
              reopenedCount: context.reopenedCount + 1,
              classification: null,
              grade: null,
              overrides: [],
              supervisor: null,
              reclassification: null,
            },
      ),
      classify: assign(({ context }) => ({ classification: classify(context) })),
      firstInstrumentQuestion: assign({ instrumentIndex: 0 }),
      lastInstrumentQuestion: assign(({ context }) => ({
        instrumentIndex: selectedInstrument(context).questions.length - 1,
      })),
      nextInstrumentQuestion: assign(({ context }) => ({ instrumentIndex: context.instrumentIndex + 1 })),
      previousInstrumentQuestion: assign(({ context }) => ({
        instrumentIndex: Math.max(0, context.instrumentIndex - 1),
      })),
      setGrade: assign(({ context, event }) => {
        const by = eventActor(context, event);
        const value = context.answers["grade"] as Grade;
        const rationale = String(context.answers["gradeRationale"]);
        if (!by) return {};
        const proposed = proposedGrade(context);
        const overrides: Override[] = [];
        if (gradeRank(value) !== gradeRank(proposed)) {
          const direction = gradeRank(value) > gradeRank(proposed) ? "raised" : "lowered";
          overrides.push({ direction, from: proposed, to: value, by, reason: rationale });
        }
        return { grade: { value, proposed, rationale, by }, overrides };
      }),
      approve: assign(({ context, event }) => {
        if (event.type !== "supervisor.approve" && event.type !== "supervisor.reclassify") return {};
        const reason = event.reason?.trim() || undefined;
        const overrides = context.overrides.map((o) =>
          o.direction === "lowered" && reason ? { ...o, approvedBy: event.actor, approvalReason: reason } : o,
        );
        const decision = event.type === "supervisor.approve" ? ("approved" as const) : ("reclassified" as const);
        return {
          overrides,
          supervisor:
            reason === undefined ? { actor: event.actor, decision } : { actor: event.actor, decision, reason },
        };
      }),
      reclassify: assign(({ context, event }) =>
        event.type === "supervisor.reclassify" && context.classification !== null
          ? {
              reclassification: { from: context.classification, reason: event.reason, by: event.actor },
              classification: event.classification,
            }
          : {},
      ),
      clearReview: assign({ supervisor: null }),
      storeTask: assign(({ context, event }) => {
        const by = eventActor(context, event);
        if (event.type !== "task.submit" || !by) return {};
        return { taskRecords: { ...context.taskRecords, [event.task]: { answers: event.answers, by } } };
      }),
      markDmmListed: assign({ dmmListed: true }),
      // Effects: no-ops here; hosts provide real ones (send a notification, add to a DMM list, save).
      notifySupervisor: (_, _params: { reason: string }) => {},
      listForDailyManagementMeeting: (_, _params: { reason: string }) => {},
      dispatchEmergency: () => {},
      saveScreening: () => {},
    },
  });

  const accept = ["accept", "storeAnswers"] as const;
  const next = (target: string) => ({ guard: "valid", target, actions: accept }) as const;
  const back = (target: string) => ({ guard: "valid", target, actions: "accept" }) as const;
  const step = (id: StepId) => ({ type: "enterStep", params: { step: id } }) as const;
  const valid = "valid" as const;
  const answerIs = (question: string, value: string) => ({ type: "answerIs", params: { question, value } }) as const;
  const editTo = (id: StepId, target: string) => ({
    guard: { type: "validEditTo", params: { step: id } } as const,
    target,
    actions: id === "instrument" ? (["accept", "firstInstrumentQuestion"] as const) : (["accept"] as const),
  });
  const task = (id: TaskId) =>
    ({
      initial: "pending",
      states: {
        pending: { always: { guard: { type: "taskDone", params: { task: id } }, target: "done" } },
        done: { type: "final" },
      },
    }) as const;

  const machine = screening.createMachine({
    id: "screening",
    initial: "idle",
    context: ({ input }) => initialContext(input),
    output: ({ context }) => buildOutcome(context),
    on: {
      "incident.add": [
        {
          guard: valid,
          target: ".identification.incidents",
          actions: ["accept", "addIncident", "reopen"],
        },
        { actions: "reject" },
      ],
      "breach.report": [
        { guard: valid, target: ".breachEscalation", actions: ["accept", "recordBreach", "reopen"] },
        { actions: "reject" },
      ],
      // xstate's own done events also arrive here; only events from outside are rejected.
      "*": { guard: "fromHost", actions: "reject" },
    },
    states: {
      idle: {
        on: { "screening.start": { guard: valid, target: "triage", actions: ["start", "accept"] } },
      },
      triage: {
        entry: step("triage"),
        on: {
          "answer.submit": [
            { guard: and([valid, answerIs("immediateDanger", "yes")]), target: "emergency", actions: accept },
            next("context"),
          ],
        },
      },
      context: {
        initial: "reportedAs",
        states: {
          reportedAs: {
            entry: step("reportedAs"),
            on: {
              "answer.submit": next("relationship"),
              "step.back": back("#screening.triage"),
            },
          },
          relationship: {
            entry: step("relationship"),
            on: {
              "answer.submit": next("domesticAbuse"),
              "step.back": back("reportedAs"),
            },
          },
          domesticAbuse: {
            entry: step("domesticAbuse"),
            on: {
              "answer.submit": next("orders"),
              "step.back": back("relationship"),
            },
          },
          orders: {
            entry: step("orders"),
            on: {
              "answer.submit": [
                { guard: and([valid, "ordersAnswered"]), target: "breach", actions: accept },
                next("#screening.identification"),
              ],
              "step.back": back("domesticAbuse"),
            },
          },
          breach: {
            entry: step("breach"),
            on: {
              "answer.submit": [
                {
                  guard: and([valid, answerIs("orderBreached", "yes")]),
                  target: "#screening.breachEscalation",
                  actions: accept,
                },
                next("#screening.identification"),
              ],
              "step.back": back("orders"),
            },
          },
        },
      },
      breachEscalation: {
        entry: [
          step("breachEscalation"),
          { type: "notifySupervisor", params: { reason: "A protective order is said to have been breached" } },
          screening.enqueueActions(({ context, enqueue }) => {
            if (context.config.dailyManagementMeeting && !context.dmmListed) {
              enqueue("markDmmListed");
              enqueue({
                type: "listForDailyManagementMeeting",
                params: { reason: "A protective order is said to have been breached" },
              });
            }
          }),
        ],
        on: {
          "answer.submit": next("identification"),
          "step.back": back("context.breach"),
        },
      },
      identification: {
        initial: "incidents",
        states: {
          incidents: {
            entry: step("incidents"),
            on: {
              "incident.add": { guard: valid, actions: ["accept", "addIncident"] },
              "incident.remove": { guard: valid, actions: ["accept", "removeIncident"] },
              "answer.submit": { guard: valid, target: "four", actions: "accept" },
              "step.back": [
                { guard: and([valid, "breachAlleged"]), target: "#screening.breachEscalation", actions: "accept" },
                { guard: and([valid, "hasOrders"]), target: "#screening.context.breach", actions: "accept" },
                { guard: valid, target: "#screening.context.orders", actions: "accept" },
              ],
            },
          },
          four: {
            entry: step("four"),
            on: {
              "answer.submit": next("online"),
              "step.back": back("incidents"),
            },
          },
          online: {
            entry: step("online"),
            on: {
              "answer.submit": next("fearOfViolence"),
              "step.back": back("four"),
            },
          },
          fearOfViolence: {
            entry: step("fearOfViolence"),
            on: {
              "answer.submit": next("seriousAlarm"),
              "step.back": back("online"),
            },
          },
          seriousAlarm: {
            entry: step("seriousAlarm"),
            on: {
              "answer.submit": next("threats"),
              "step.back": back("fearOfViolence"),
            },
          },
          threats: {
            entry: step("threats"),
            on: {
              "answer.submit": [
                {
                  guard: and([valid, { type: "classifiesAs", params: { classification: "harassment" as const } }]),
                  target: "#screening.notStalkingReason",
                  actions: [...accept, "classify"],
                },
                {
                  guard: valid,
                  target: "#screening.risk",
                  actions: [...accept, "classify", "firstInstrumentQuestion"],
                },
              ],
              "step.back": back("seriousAlarm"),
            },
          },
        },
      },
      notStalkingReason: {
        entry: step("notStalkingReason"),
        on: {
          "answer.submit": { guard: valid, target: "risk", actions: [...accept, "firstInstrumentQuestion"] },
          "step.back": back("identification.threats"),
        },
      },
      risk: {
        entry: step("instrument"),
        on: {
          "answer.submit": [
            { guard: and([valid, "lastInstrumentQuestion"]), target: "grading", actions: accept },
            { guard: valid, actions: [...accept, "nextInstrumentQuestion"] },
          ],
          "step.back": [
            {
              guard: and([valid, "firstInstrumentQuestion", "isHarassment"]),
              target: "notStalkingReason",
              actions: "accept",
            },
            { guard: and([valid, "firstInstrumentQuestion"]), target: "identification.threats", actions: "accept" },
            { guard: valid, actions: ["accept", "previousInstrumentQuestion"] },
          ],
        },
      },
      grading: {
        entry: step("grading"),
        on: {
          "answer.submit": { guard: valid, target: "checkAnswers", actions: [...accept, "setGrade"] },
          "step.back": { guard: valid, target: "risk", actions: ["accept", "lastInstrumentQuestion"] },
        },
      },
      checkAnswers: {
        entry: step("checkAnswers"),
        on: {
          "screening.submit": { guard: valid, target: "supervisorReview", actions: "accept" },
          "step.back": back("grading"),
          "step.edit": Object.entries(editTargets).map(([id, target]) => editTo(id as StepId, target)),
        },
      },
      supervisorReview: {
        entry: [
          step("supervisorReview"),
          { type: "notifySupervisor", params: { reason: "A screening is ready for review" } },
          "saveScreening",
        ],
        on: {
          "supervisor.approve": { guard: valid, target: "actions", actions: ["accept", "approve"] },
          "supervisor.reclassify": { guard: valid, target: "actions", actions: ["accept", "reclassify", "approve"] },
          "supervisor.return": [
            {
              guard: and([valid, { type: "returnTarget", params: { to: "identification" as const } }]),
              target: "identification",
              actions: ["accept", "clearReview"],
            },
            {
              guard: and([valid, { type: "returnTarget", params: { to: "risk" as const } }]),
              target: "risk",
              actions: ["accept", "clearReview", "firstInstrumentQuestion"],
            },
            { guard: valid, target: "grading", actions: ["accept", "clearReview"] },
          ],
        },
      },
      actions: {
        type: "parallel",
        entry: [
          step("tasks"),
          screening.enqueueActions(({ context, enqueue }) => {
            const { dmm } = safeguardingPlan(context);
            if (dmm.listed && !context.dmmListed) {
              enqueue("markDmmListed");
              enqueue({ type: "listForDailyManagementMeeting", params: { reason: dmm.reason ?? "" } });
            }
          }),
        ],
        on: { "task.submit": { guard: valid, actions: ["accept", "storeTask"] } },
        states: {
          recording: task("recording"),
          spoDecision: task("spoDecision"),
          rightToKnow: task("rightToKnow"),
          victim: {
            initial: "needsAssessment",
            states: {
              needsAssessment: {
                always: { guard: { type: "taskDone", params: { task: "needsAssessment" } }, target: "rightsExplained" },
              },
              rightsExplained: {
                always: { guard: { type: "taskDone", params: { task: "rightsExplained" } }, target: "referrals" },
              },
              referrals: { always: { guard: { type: "taskDone", params: { task: "referrals" } }, target: "done" } },
              done: { type: "final" },
            },
          },
          safeguarding: task("safeguarding"),
        },
        onDone: "completed",
      },
      emergency: { type: "final", entry: ["end", "dispatchEmergency"] },
      completed: { type: "final", entry: ["end", "saveScreening"] },
    },
  });
  return guardEdges(machine);
}

/** The screening machine with the system clock. Hosts `.provide()` effects; tests build their own with a fixed clock. */
export const screeningMachine = createScreeningMachine();

/** The type of a screening machine (from {@link createScreeningMachine}). */
export type ScreeningMachine = ReturnType<typeof createScreeningMachine>;

/**
 * Creates an actor for a screening machine whose `send` takes any value, for hosts that pass on events
 * from outside (an API body, a message queue). Anything that is not an event — `null`, a string, an
 * object without a text `type`, a reserved `xstate.*` type including `xstate.stop` — is rejected,
 * audited and leaves the state as it was; the actor stays alive. Stop it with `actor.stop()`.
 */
export function createScreeningActor(
  machine: ScreeningMachine,
  options: ActorOptions<ScreeningMachine> & { input: ScreeningInput },
) {
  const actor = createActor(machine, options);
  const send = actor.send.bind(actor);
  actor.send = (event: unknown) => send(routable(event, false) as ScreeningEvent);
  return actor;
}
