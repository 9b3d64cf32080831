import type { RecommendationId } from "@stalking-response/recommendations";
import type { ScreeningContext } from "./context";
import { onlineBehaviourCategory, recordingOptions, s2A3Behaviours, stalkingBehaviourOptions } from "./questions";
import type { TaskId } from "./questions";
import type {
  Classification,
  ForceConfig,
  Grade,
  Instrument,
  InstrumentQuestion,
  Provision,
  Question,
  RequiredAction,
} from "./schemas";
import { GradeSchema } from "./schemas";

/** Reads a string answer (undefined when missing or not a string). */
export function answerText(context: Pick<ScreeningContext, "answers">, id: string): string | undefined {
  const value = context.answers[id];
  return typeof value === "string" ? value : undefined;
}

function answerList(context: Pick<ScreeningContext, "answers">, id: string): readonly string[] {
  const value = context.answers[id];
  return Array.isArray(value) ? value.filter((v) => v !== "none") : [];
}

/** Protective orders recorded as in force (the "None of these" answer removed). */
export function activeOrders(context: Pick<ScreeningContext, "answers">): readonly string[] {
  return answerList(context, "existingOrders");
}

/** True when an order exists and is said to be breached: heightened risk (rec 12.3). */
export function breachAlleged(context: Pick<ScreeningContext, "answers">): boolean {
  return activeOrders(context).length > 0 && answerText(context, "orderBreached") === "yes";
}

/** True when the victim and suspect are personally connected, so the domestic-abuse route applies. */
export function domesticAbuseContext(context: Pick<ScreeningContext, "answers">): boolean {
  return answerText(context, "personallyConnected") === "yes";
}

/** True when the suspect is a former partner (a recognised factor for violence, and an HOCR rule). */
export function exPartner(context: Pick<ScreeningContext, "answers">): boolean {
  return answerText(context, "relationship") === "exPartner";
}

/** True when threats of violence were reported in identification or in the instrument. */
export function threatsMade(context: Pick<ScreeningContext, "answers" | "instrumentAnswers">): boolean {
  return answerText(context, "threats") === "yes" || context.instrumentAnswers["threatsThisEpisode"] === "yes";
}

/**
 * Every behaviour category seen, as s2A(3) categories: incident behaviours plus online behaviours
 * mapped to the category they are an instance of.
 */
export function behavioursSeen(context: Pick<ScreeningContext, "answers" | "incidents">): string[] {
  const seen = new Set<string>();
  for (const incident of context.incidents) for (const b of incident.behaviours) seen.add(b);
  for (const online of answerList(context, "onlineBehaviours")) {
    const category = onlineBehaviourCategory[online];
    if (category) seen.add(category);
  }
  // Keep the statutory order so outcomes compare stably.
  return stalkingBehaviourOptions.map((o) => o.value as string).filter((v) => seen.has(v));
}

/** PHA 1997 s7(3): conduct on at least two occasions (single victim). */
export function isCourseOfConduct(context: Pick<ScreeningContext, "incidents">): boolean {
  return context.incidents.length >= 2;
}

/**
 * Behaviour associated with stalking: any s2A(3) example, or FOUR answers that show fixation or
 * obsession (unwanted and repeated alone describe any harassment, so they do not tip the balance).
 */
export function hasStalkingBehaviour(context: Pick<ScreeningContext, "answers" | "incidents">): boolean {
  if (behavioursSeen(context).some((b) => s2A3Behaviours.has(b))) return true;
  const four = answerList(context, "fourIndicators");
  return four.includes("fixated") || four.includes("obsessive");
}

/** PHA 1997 s4A(1)(b)(i): fear of violence on at least two occasions. */
export function meetsS4AViolence(context: Pick<ScreeningContext, "answers">): boolean {
  const occasions = context.answers["fearOfViolenceOccasions"];
  return typeof occasions === "number" && occasions >= 2;
}

/** PHA 1997 s4A(1)(b)(ii): serious alarm or distress with a substantial adverse effect on usual activities. */
export function meetsS4ADistress(context: Pick<ScreeningContext, "answers">): boolean {
  return answerText(context, "seriousAlarmOrDistress") === "yes";
}

/** What the facts indicate, thinking stalking first (College of Policing advice). */
export function classify(context: Pick<ScreeningContext, "answers" | "incidents">): Classification {
  if (!isCourseOfConduct(context)) return "singleIncident";
  if (!hasStalkingBehaviour(context)) return "harassment";
  return meetsS4AViolence(context) || meetsS4ADistress(context) ? "stalkingS4A" : "stalkingS2A";
}

/** True for the two stalking classifications. */
export function isStalking(classification: Classification | null): boolean {
  return classification === "stalkingS4A" || classification === "stalkingS2A";
}

/** The legal basis of a classification, in our words (Protection from Harassment Act 1997, England and Wales). */
export function legalBasis(classification: Classification, context: Pick<ScreeningContext, "answers">): string {
  switch (classification) {
    case "stalkingS4A":
      return "Stalking involving fear of violence or serious alarm or distress indicated (PHA 1997 s4A): a course of conduct with behaviour associated with stalking, and fear of violence on at least two occasions or serious alarm or distress that substantially affects usual day-to-day activities.";
    case "stalkingS2A":
      return "Stalking indicated (PHA 1997 s2A): a course of conduct amounting to harassment, with acts associated with stalking (s2A(3) examples).";
    case "harassment":
      return meetsS4AViolence(context)
        ? "Putting people in fear of violence indicated (PHA 1997 s4): a course of conduct causing fear of violence on at least two occasions, without behaviour associated with stalking."
        : "Harassment indicated (PHA 1997 s2): a course of conduct on at least two occasions, without behaviour associated with stalking.";
    case "singleIncident":
      return "A single incident: not yet a course of conduct (PHA 1997 s7 needs at least two occasions). Link future reports so that a course of conduct is recognised.";
  }
}

/** The instrument this case uses: the domestic-abuse tool when personally connected and configured. */
export function selectedInstrument(context: Pick<ScreeningContext, "answers" | "config">): Instrument {
  const { stalking, domesticAbuse } = context.config.instruments;
  return domesticAbuseContext(context) && domesticAbuse ? domesticAbuse : stalking;
}

/** The instrument question the wizard is on, if the index is in range. */
export function currentInstrumentQuestion(
  context: Pick<ScreeningContext, "answers" | "config" | "instrumentIndex">,
): InstrumentQuestion | undefined {
  return selectedInstrument(context).questions[context.instrumentIndex];
}

/** An instrument question in the common question shape, so the UI renders both alike. */
export function instrumentQuestionAsQuestion(question: InstrumentQuestion): Question {
  const base = { id: question.id, prompt: question.prompt, requiredMessage: "Select an answer" };
  const withHint = question.hint === undefined ? base : { ...base, hint: question.hint };
  if (question.kind === "singleChoice") {
    return {
      ...withHint,
      kind: "singleChoice",
      options: (question.options ?? []).map((o) => ({ value: o.value, label: o.label })),
    };
  }
  return { ...withHint, kind: "yesNoNotKnown" };
}

/** Whether an instrument answer is a concern: "yes", or an option marked `concern`. */
export function isConcern(question: InstrumentQuestion, answer: string | undefined): boolean {
  if (answer === undefined) return false;
  if (question.kind === "singleChoice") return question.options?.some((o) => o.value === answer && o.concern) ?? false;
  return answer === "yes";
}

/** Counts over the instrument's answers, and its band when the instrument defines banding. */
export interface InstrumentScore {
  readonly yesCount: number;
  readonly notKnownCount: number;
  readonly band?: Grade;
  readonly escalated: boolean;
}

/** Scores the selected instrument's answers; "not known" is counted apart, never as "no". */
export function scoreInstrument(
  context: Pick<ScreeningContext, "answers" | "config" | "instrumentAnswers">,
): InstrumentScore {
  const instrument = selectedInstrument(context);
  let yesCount = 0;
  let notKnownCount = 0;
  let escalated = false;
  for (const question of instrument.questions) {
    const answer = context.instrumentAnswers[question.id];
    if (answer === "notKnown") notKnownCount += 1;
    if (isConcern(question, answer)) {
      yesCount += 1;
      if (question.escalatesToHigh) escalated = true;
    }
  }
  const { banding } = instrument;
  if (!banding) return { yesCount, notKnownCount, escalated };
  const band: Grade = yesCount >= banding.high ? "high" : yesCount >= banding.medium ? "medium" : "standard";
  return { yesCount, notKnownCount, band, escalated };
}

/** Orders grades: standard < medium < high (the order {@link GradeSchema} lists them in). */
export function gradeRank(grade: Grade): number {
  return GradeSchema.options.indexOf(grade);
}

/** The grade the rules propose and every reason behind it, for the grading page and the supervisor. */
export interface GradeProposal {
  readonly grade: Grade;
  readonly reasons: readonly string[];
}

/**
 * The grade the rules propose before professional judgement: the instrument's band, raised to high
 * by an escalating answer or by a configured flag (breach, threats). Other factors may raise a grade
 * but never lower it (DASH practice), so this is the floor below which a supervisor must approve.
 */
export function gradeProposal(context: ScreeningContext): GradeProposal {
  const score = scoreInstrument(context);
  const triggers = context.config.highGradeTriggers;
  const reasons: string[] = [];
  const high: string[] = [];
  if (score.band) reasons.push(`The instrument's banding gives ${score.band} (${score.yesCount} concerns).`);
  if (score.escalated) high.push("An instrument answer escalates to high on its own.");
  if (triggers.includes("breachOfOrder") && breachAlleged(context)) {
    high.push("A protective order is said to have been breached: heightened risk (recommendation 12.3).");
  }
  const fromExPartner = exPartner(context);
  if (
    threatsMade(context) &&
    (triggers.includes("threats") || (triggers.includes("threatsFromExPartner") && fromExPartner))
  ) {
    high.push(fromExPartner ? "A former partner has made threats." : "Threats have been made.");
  }
  let grade: Grade = high.length ? "high" : (score.band ?? "standard");
  // Risk is dynamic: a new incident may raise the grade of the screening this follows, never lower it.
  const before = context.earlier.at(-1);
  if (before && gradeRank(before.grade) > gradeRank(grade)) {
    grade = before.grade;
    reasons.push(
      `The screening this follows (completed ${before.endedAt.slice(0, 10)}) graded the risk ${before.grade}.`,
    );
  }
  return { grade, reasons: [...reasons, ...high] };
}

/** The proposed grade alone (see {@link gradeProposal}). */
export function proposedGrade(context: ScreeningContext): Grade {
  return gradeProposal(context).grade;
}

/** The recording the rules recommend: principal crime and included classifications (rec 7). */
export function recommendedRecording(context: ScreeningContext): { principal: string; included: string[] } {
  const classification = context.classification ?? classify(context);
  const reportedAs = answerText(context, "reportedAs");
  let principal: string;
  if (classification === "harassment") principal = meetsS4AViolence(context) ? "harassmentS4" : "harassment";
  else if (classification === "singleIncident")
    principal = recordingOptions.some((o) => o.value === reportedAs) ? (reportedAs ?? "other") : "other";
  else principal = classification;
  const included = new Set<string>();
  if (breachAlleged(context)) included.add("breachOfOrder");
  if (reportedAs === "maliciousCommunications") included.add("maliciousCommunications");
  included.delete(principal);
  return { principal, included: [...included] };
}

/** Where the report was first recorded as something else and the screening finds stalking (rec 23). */
export function proposedReclassification(context: ScreeningContext): { from: string; reason: string } | null {
  if (context.reclassification) {
    return { from: context.reclassification.from, reason: context.reclassification.reason };
  }
  const reportedAs = answerText(context, "reportedAs");
  if (!isStalking(context.classification) || reportedAs === undefined) return null;
  if (reportedAs === "stalking" || reportedAs === "notYetRecorded") return null;
  const labels = behavioursSeen(context)
    .filter((b) => s2A3Behaviours.has(b))
    .map((b) => stalkingBehaviourOptions.find((o) => o.value === b)?.label.toLowerCase() ?? b);
  const evidence = labels.length ? labels.join("; ") : "fixated or obsessive behaviour (FOUR)";
  return { from: reportedAs, reason: `Behaviour associated with stalking is present: ${evidence}.` };
}

/** The safeguarding the grade and force configuration call for. */
export interface SafeguardingPlan {
  readonly allocation: string;
  readonly maracExpected: boolean;
  readonly panelExpected: boolean;
  readonly dmm: { readonly listed: boolean; readonly reason?: string };
}

/** Routing by grade and configuration: allocation, MARAC, stalking panel and DMM listing. */
export function safeguardingPlan(context: ScreeningContext): SafeguardingPlan {
  const grade = context.grade?.value ?? proposedGrade(context);
  const { config } = context;
  const stalking = isStalking(context.classification);
  const heightened = breachAlleged(context);
  const dmmReason = heightened
    ? "A protective order is said to have been breached."
    : stalking
      ? "Stalking is indicated."
      : undefined;
  return {
    allocation: config.allocation[grade],
    maracExpected: grade === "high" && domesticAbuseContext(context),
    panelExpected: grade === "high" && stalking && config.stalkingPanel !== undefined,
    dmm:
      config.dailyManagementMeeting && dmmReason !== undefined
        ? { listed: true, reason: dmmReason }
        : { listed: false },
  };
}

/**
 * Which recommendation(s) of the 2024 super-complaint report each action answers. One table serves the
 * outcome's required actions and the UI's task list, so the two can never disagree.
 */
export const actionRecommendations = {
  dispatch: ["12.4"],
  screening: ["12.1", "23.1"],
  riskReasoning: ["12.2"],
  breachEscalation: ["12.3"],
  supervisorReview: ["12.4"],
  dmmListing: ["12.4", "13.2"],
  reclassification: ["23.1"],
  recording: ["7.1"],
  spoDecision: ["13"],
  // A Government measure (Commons statement "Tackling Stalking", 3 Dec 2024), not a confirmed recommendation.
  rightToKnow: [],
  needsAssessment: ["14.1"],
  rightsExplained: ["14.2"],
  referrals: ["14.3", "14.4"],
  allocation: ["17.1"],
  safeguarding: ["25.1"],
} as const satisfies Readonly<Record<string, readonly RecommendationId[]>>;

/** An action id of {@link actionRecommendations}. */
export type ActionId = keyof typeof actionRecommendations;

/** The actions a screening's outcome requires and the report recommendations they answer. */
export function requiredActions(context: ScreeningContext): RequiredAction[] {
  const done = (task: keyof ScreeningContext["taskRecords"]) => context.taskRecords[task] !== undefined;
  const action = (id: ActionId, label: string, isDone: boolean, detail?: string): RequiredAction => {
    const recommendations = [...actionRecommendations[id]];
    return detail === undefined
      ? { id, label, done: isDone, recommendations }
      : { id, label, done: isDone, recommendations, detail };
  };
  const plan = safeguardingPlan(context);
  const graded = context.grade !== null;
  const actions: RequiredAction[] = [
    action("screening", "Screen the report for stalking and assess risk with an instrument", graded),
    action("riskReasoning", "Record the risk grade and the reasoning behind it", graded),
  ];
  if (breachAlleged(context)) {
    actions.push(action("breachEscalation", "Treat the breach as heightened risk and escalate it", true));
  }
  actions.push(action("supervisorReview", "Supervisor reviews the screening early", context.supervisor !== null));
  if (plan.dmm.listed) {
    actions.push(
      action("dmmListing", "List the case for the daily management meeting", context.dmmListed, plan.dmm.reason),
    );
  }
  const reclassified = proposedReclassification(context);
  if (reclassified) {
    actions.push(
      action("reclassification", "Reclassify the report as stalking", context.supervisor !== null, reclassified.reason),
    );
  }
  actions.push(
    action(
      "recording",
      "Record the principal crime and included classifications so both can be searched",
      done("recording"),
    ),
  );
  if (taskRequired(context, "spoDecision")) {
    actions.push(
      action("spoDecision", "Consider a stalking protection order and record the decision", done("spoDecision")),
    );
  }
  const rightToKnow = context.config.provisions.rightToKnow;
  if (rightToKnow) {
    actions.push(
      action(
        "rightToKnow",
        "Decide whether to tell the victim who the suspect is (right to know)",
        done("rightToKnow"),
        provisionNote(rightToKnow),
      ),
    );
  }
  actions.push(
    action("needsAssessment", "Complete a victim needs assessment", done("needsAssessment")),
    action("rightsExplained", "Explain the victim's rights under the Victims' Code", done("rightsExplained")),
    action("referrals", "Offer specialist support and refer with consent", done("referrals")),
    action("allocation", `Allocate to: ${plan.allocation}`, graded),
  );
  if (plan.maracExpected || plan.panelExpected) {
    actions.push(
      action("safeguarding", "Refer to multi-agency risk management (MARAC or stalking panel)", done("safeguarding")),
    );
  }
  return actions;
}

const provisionStatusWords: Readonly<Record<Provision["status"], string>> = {
  inForce: "in force",
  enactedNotInForce: "enacted but not yet in force",
  pilot: "in force in pilot areas only",
};

/** How a provision's status is shown beside the option or task that uses it. */
export function provisionNote(provision: Provision): string {
  return `Status: ${provisionStatusWords[provision.status]} (checked ${provision.checked}; ${provision.source}).`;
}

/**
 * Whether a task applies to this screening: the SPO decision needs a course of conduct (not a single
 * incident), and the right-to-know task only runs where the force has switched it on.
 */
export function taskRequired(context: Pick<ScreeningContext, "classification" | "config">, task: TaskId): boolean {
  if (task === "spoDecision") return context.classification !== "singleIncident";
  if (task === "rightToKnow") return context.config.provisions.rightToKnow !== undefined;
  return true;
}

// Which option each configurable provision adds, and which option it replaces.
const optionProvisions = [
  { question: "existingOrders", value: "dapo", provision: "domesticAbuseProtectionOrders", replaces: "dvpo" },
  { question: "decision", value: "courtOnConviction", provision: "spoOnConvictionOrAcquittal" },
] as const;

/**
 * Questions as this force asks them: an option that rests on a provision appears only when the force
 * switches the provision on, with its status in the hint (DAPN/DAPO in place of DVPN/DVPO in pilot areas;
 * the court's own SPO power on conviction or acquittal).
 */
export function forForce(config: ForceConfig, questions: readonly Question[]): readonly Question[] {
  return questions.map((question) => {
    const rules = optionProvisions.filter((rule) => rule.question === question.id);
    if (!rules.length || !question.options) return question;
    let options = question.options;
    for (const rule of rules) {
      const provision = config.provisions[rule.provision];
      options = provision
        ? options
            .filter((o) => !("replaces" in rule) || o.value !== rule.replaces)
            .map((o) => (o.value === rule.value ? { ...o, hint: provisionNote(provision) } : o))
        : options.filter((o) => o.value !== rule.value);
    }
    return { ...question, options };
  });
}
