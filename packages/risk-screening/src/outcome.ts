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
  taskRequired,
  threatsMade,
} from "./rules";
import type { Answers, Referral, ScreeningOutcome } from "./schemas";

function list(answers: Answers | undefined, id: string): string[] {
  const value = answers?.[id];
  return Array.isArray(value) ? value.filter((v) => v !== "none") : [];
}

function text(answers: Answers | undefined, id: string): string | undefined {
  const value = answers?.[id];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function need<T>(value: T | null | undefined, what: string): T {
  // Only reachable when a host builds an outcome before the screening has finished: a programming error.
  if (value === null || value === undefined) throw new Error(`The screening has not finished: ${what} is missing`);
  return value;
}

/**
 * Builds the {@link ScreeningOutcome} from a finished screening's context. The machine uses it as its
 * output; hosts rarely call it directly.
 */
export function buildOutcome(context: ScreeningContext): ScreeningOutcome {
  const startedAt = need(context.startedAt, "startedAt");
  const startedBy = need(context.actor, "actor");
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
  const grade = need(context.grade, "grade");
  const supervisor = need(context.supervisor, "supervisor");
  const spo = taskRequired(context, "spoDecision") ? need(record("spoDecision"), "spoDecision") : undefined;
  const rightToKnowTask = taskRequired(context, "rightToKnow") ? need(record("rightToKnow"), "rightToKnow") : undefined;
  const vna = need(record("needsAssessment"), "needsAssessment");
  const rights = need(record("rightsExplained"), "rightsExplained");
  const referralTask = need(record("referrals"), "referrals");
  const recordingTask = need(record("recording"), "recording");
  const safeguardingTask = need(record("safeguarding"), "safeguarding");
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
  const spoDecision = text(spo?.answers, "decision");
  const rightToKnowReason = text(rightToKnowTask?.answers, "reason");
  const notRecordedReason = text(recordingTask.answers, "stalkingNotRecordedReason");
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
    ...(spo === undefined
      ? {}
      : {
          spoDecision: {
            decision: spoDecision as "apply" | "interim" | "courtOnConviction" | "notNeeded" | "otherOrder",
            reason: need(text(spo.answers, "reason"), "spoDecision.reason"),
            by: spo.by,
          },
        }),
    ...(rightToKnowTask === undefined
      ? {}
      : {
          rightToKnow: {
            decision: text(rightToKnowTask.answers, "decision") as
              "told" | "notTold" | "alreadyKnown" | "identityNotKnown",
            ...(rightToKnowReason === undefined ? {} : { reason: rightToKnowReason }),
            by: rightToKnowTask.by,
          },
        }),
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
      principal: need(text(recordingTask.answers, "principal"), "recording.principal"),
      included: list(recordingTask.answers, "included"),
      ...(reclassified ? { reclassifiedFrom: reclassified.from, reclassificationReason: reclassified.reason } : {}),
      ...(notRecordedReason === undefined ? {} : { stalkingNotRecordedReason: notRecordedReason }),
    },
    earlier: [...context.earlier],
    requiredActions: requiredActions(context),
    auditTrail,
  };
}
