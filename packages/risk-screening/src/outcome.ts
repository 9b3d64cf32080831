import type { ScreeningContext } from "./context";
import type { TaskId } from "./questions";
import {
  actionRecommendations,
  behavioursSeen,
  breachAlleged,
  classify,
  domesticAbuseContext,
  exPartner,
  legalBasis,
  proposedReclassification,
  requiredActions,
  safeguardingPlan,
  scoreInstrument,
  selectedInstrument,
  threatsMade,
} from "./rules";
import type { Actor, Answers, Referral, ScreeningOutcome } from "./schemas";

function list(answers: Answers | undefined, id: string): string[] {
  const value = answers?.[id];
  return Array.isArray(value) ? value.filter((v) => v !== "none") : [];
}

function text(answers: Answers | undefined, id: string): string | undefined {
  const value = answers?.[id];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Thrown only when a host asks for an outcome before the screening has finished (a programming error). */
export class ScreeningNotFinishedError extends Error {
  constructor(missing: string) {
    super(`The screening has not finished: ${missing} is missing`);
    this.name = "ScreeningNotFinishedError";
  }
}

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new ScreeningNotFinishedError(what);
  return value;
}

/**
 * Builds the {@link ScreeningOutcome} from a finished screening's context. The machine uses it as its
 * output; hosts rarely call it directly.
 */
export function buildOutcome(context: ScreeningContext): ScreeningOutcome {
  const startedAt = need(context.startedAt, "the start time");
  const startedBy = need(context.actor, "the person who started it");
  const endedAt = context.endedAt ?? context.auditTrail.at(-1)?.at ?? startedAt;
  const auditTrail = [...context.auditTrail];
  if (context.answers["immediateDanger"] === "yes") {
    return {
      status: "emergency",
      startedAt,
      endedAt,
      startedBy,
      action: "dispatch",
      requiredActions: [
        {
          id: "dispatch",
          label: "Dispatch an emergency response now; screen for stalking once everyone is safe",
          done: false,
          recommendations: [...actionRecommendations.dispatch],
        },
      ],
      auditTrail,
    };
  }
  const record = (task: TaskId) => context.taskRecords[task];
  const grade = need(context.grade, "the risk grade");
  const supervisor = need(context.supervisor, "the supervisor's review");
  const spo = need(record("spoDecision"), "the SPO decision");
  const vna = need(record("needsAssessment"), "the victim needs assessment");
  const rights = need(record("rightsExplained"), "the Victims' Code rights task");
  const referralTask = need(record("referrals"), "the referrals task");
  const recordingTask = need(record("recording"), "the recording task");
  const safeguardingTask = need(record("safeguarding"), "the safeguarding task");
  const classification = context.classification ?? classify(context);
  const instrument = selectedInstrument(context);
  const score = scoreInstrument(context);
  const plan = safeguardingPlan(context);
  const accepted = new Set(list(referralTask.answers, "accepted"));
  const referrals: Referral[] = [
    ...list(referralTask.answers, "offered").map((service): Referral => ({
      service,
      kind: "victimSupport",
      consent: accepted.has(service) ? "given" : "declined",
    })),
    ...list(safeguardingTask.answers, "multiAgency").map((service): Referral => ({
      service,
      kind: "multiAgency",
      consent: "notRequired",
    })),
  ];
  const answers: Record<string, string> = {};
  for (const question of instrument.questions) {
    const answer = context.instrumentAnswers[question.id];
    if (answer !== undefined) answers[question.id] = answer;
  }
  const reclassified = proposedReclassification(context);
  const vnaStatus = text(vna.answers, "status");
  const spoDecision = text(spo.answers, "decision");
  const notStalkingReason = classification === "harassment" ? text(context.answers, "notStalkingReason") : undefined;
  const vnaNote = text(vna.answers, "note");
  const supervisorReason = supervisor.reason;
  return {
    status: "completed",
    startedAt,
    endedAt,
    startedBy,
    forceName: context.config.forceName,
    classification,
    legalBasis: legalBasis(classification, context),
    ...(notStalkingReason === undefined ? {} : { notStalkingReason }),
    behaviours: behavioursSeen(context),
    incidentCount: context.incidents.length,
    reopenedCount: context.reopenedCount,
    instrument: {
      id: instrument.id,
      version: instrument.version,
      example: instrument.example,
      answers,
      yesCount: score.yesCount,
      notKnownCount: score.notKnownCount,
      ...(score.band === undefined ? {} : { band: score.band }),
    },
    proposedGrade: grade.proposed,
    grade: grade.value,
    gradeRationale: grade.rationale,
    gradedBy: grade.by,
    overrides: [...context.overrides],
    flags: {
      heightenedRisk: breachAlleged(context),
      domesticAbuseContext: domesticAbuseContext(context),
      exPartner: exPartner(context),
      threats: threatsMade(context),
    },
    supervisor: {
      actor: supervisor.actor,
      decision: supervisor.decision,
      ...(supervisorReason === undefined ? {} : { reason: supervisorReason }),
    },
    spoDecision: {
      decision: spoDecision as "apply" | "interim" | "notNeeded" | "otherOrder",
      reason: need(text(spo.answers, "reason"), "the SPO decision reason"),
      by: spo.by,
    },
    victimNeedsAssessment: {
      status: vnaStatus as "completed" | "declined" | "notYetPossible",
      ...(vnaNote === undefined ? {} : { note: vnaNote }),
    },
    vnaDone: vnaStatus === "completed",
    rightsExplained: text(rights.answers, "explained") === "yes",
    referrals,
    allocation: plan.allocation,
    dmmListing:
      context.dmmListed && plan.dmm.reason !== undefined
        ? { listed: true, reason: plan.dmm.reason }
        : { listed: context.dmmListed },
    recording: {
      principal: need(text(recordingTask.answers, "principal"), "the principal crime"),
      included: list(recordingTask.answers, "included"),
      ...(reclassified ? { reclassifiedFrom: reclassified.from, reclassificationReason: reclassified.reason } : {}),
    },
    requiredActions: requiredActions(context),
    auditTrail,
  };
}

/** The fields of an outcome that a practice scenario may pin down, at any depth. */
export type ExpectedOutcome = DeepPartial<ScreeningOutcome>;

/** Makes every property optional, recursively (arrays keep their element type, partial). */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? readonly DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Plain-English names for outcome fields, used in differences shown to learners. */
export const outcomeFieldLabels: Readonly<Record<string, string>> = {
  status: "How the screening ended",
  classification: "Classification",
  legalBasis: "Legal basis",
  behaviours: "Behaviours",
  incidentCount: "Number of incidents",
  proposedGrade: "Proposed risk grade",
  grade: "Risk grade",
  "flags.heightenedRisk": "Heightened risk",
  "flags.domesticAbuseContext": "Domestic-abuse context",
  "flags.exPartner": "Former partner",
  "flags.threats": "Threats",
  "spoDecision.decision": "Stalking protection order decision",
  "dmmListing.listed": "Listed for the daily management meeting",
  "recording.principal": "Principal crime",
  "recording.included": "Included classifications",
  "recording.reclassifiedFrom": "Reclassified from",
  allocation: "Allocated to",
  vnaDone: "Victim needs assessment done",
  rightsExplained: "Victims' Code rights explained",
  referrals: "Referrals",
  requiredActions: "Required actions",
};

function label(path: string): string {
  return outcomeFieldLabels[path] ?? path;
}

function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function matches(expected: unknown, actual: unknown): boolean {
  return differences(expected, actual, "").length === 0;
}

function differences(expected: unknown, actual: unknown, path: string): string[] {
  if (expected === undefined) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${label(path)}: expected a list, but there is ${show(actual)}`];
    const found: string[] = [];
    if (expected.every((e) => !isRecord(e))) {
      for (const e of expected)
        if (!actual.some((a) => a === e)) found.push(`${label(path)}: expected to include ${show(e)}`);
      for (const a of actual)
        if (!expected.some((e) => e === a)) found.push(`${label(path)}: did not expect ${show(a)}`);
      return found;
    }
    for (const e of expected) {
      if (!actual.some((a) => matches(e, a))) found.push(`${label(path)}: expected an entry like ${JSON.stringify(e)}`);
    }
    return found;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [`${label(path)}: expected details, but there are none`];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(value, actual[key], path === "" ? key : `${path}.${key}`),
    );
  }
  if (actual === undefined) return [`${label(path)}: expected ${show(expected)}, but there is none`];
  return expected === actual
    ? []
    : [`${label(path)}: expected ${show(expected)}, but the screening gave ${show(actual)}`];
}

/**
 * Compares an outcome with the parts of it that a scenario expects and returns each difference in
 * plain English (an empty list means they agree). Lists of values must match as sets; each expected
 * entry of a list of objects must match some actual entry.
 *
 * @example compareOutcome({ grade: "high" }, outcome) // ['Risk grade: expected "high", but the screening gave "medium"']
 */
export function compareOutcome(expected: ExpectedOutcome, actual: ScreeningOutcome): string[] {
  return differences(expected, actual, "");
}

/** The actor an outcome is attributed to, for display ("officer 1234"). */
export function describeActor(actor: Actor): string {
  return `${actor.role} ${actor.id}`;
}
