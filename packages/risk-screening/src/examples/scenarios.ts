import type { ScreeningEvent } from "../events";
import type { ExpectedOutcome } from "../compare";
import type { Actor, Answers, Incident } from "../schemas";

/**
 * A FICTIONAL practice case: the facts a learner reads, a model run of the screening and the parts of
 * the outcome the run must reach. Every person, force and event in it is invented.
 */
export interface PracticeScenario {
  readonly id: string;
  readonly title: string;
  /** Always true: a reminder in the data itself that the case is invented. */
  readonly fictional: true;
  /** The facts, in plain English, as a learner would be told them. */
  readonly narrative: readonly string[];
  /** A model run through the screening (the answers an expert would give). */
  readonly events: readonly ScreeningEvent[];
  /** What the outcome must show; compare with `outcomeDifferences`. */
  readonly expected: ExpectedOutcome;
  /**
   * Why an experienced officer reaches each decisive part of the expected outcome, from the facts of this
   * case, keyed by outcome field (`classification`, `flags.threats`; see `decisiveOutcomeFields`). The
   * practice feedback gives the reason beside the learner's decisive mistake.
   */
  readonly explanations: Readonly<Partial<Record<string, string>>>;
}

/** Fictional officer who takes the reports. */
export const practiceOfficer: Actor = { id: "practice-officer-1", role: "officer" };
/** Fictional supervisor who reviews. */
export const practiceSupervisor: Actor = { id: "practice-supervisor-1", role: "supervisor" };
/** Fictional inspector who authorises SPO applications. */
export const practiceInspector: Actor = { id: "practice-inspector-1", role: "inspector" };

const answer = (answers: Answers): ScreeningEvent => ({ type: "answer.submit", answers });
const incident = (value: Incident): ScreeningEvent => ({ type: "incident.add", incident: value });
const task = (id: Extract<ScreeningEvent, { type: "task.submit" }>["task"], answers: Answers, actor?: Actor) =>
  (actor
    ? { type: "task.submit", task: id, answers, actor }
    : { type: "task.submit", task: id, answers }) as ScreeningEvent;

const breachedOrder: PracticeScenario = {
  id: "breached-spo-ex-partner",
  title: "A former partner breaches a stalking protection order (fictional)",
  fictional: true,
  narrative: [
    "This case is invented for training.",
    "A woman calls to say her former partner has been outside her flat again. He is subject to a stalking protection order that forbids contact and bans him from her street.",
    "Over three weeks he has followed her from work, waited near her home, phoned her repeatedly and watched her through her window. He has sent messages saying she will regret leaving him.",
    "She has twice been afraid he would attack her, and she now stays with her sister. She is not in immediate danger: he left when she called.",
  ],
  events: [
    { type: "screening.start", actor: practiceOfficer },
    answer({ immediateDanger: "no" }),
    answer({ reportedAs: "breachOfOrder" }),
    answer({ relationship: "exPartner" }),
    answer({ personallyConnected: "yes" }),
    answer({ existingOrders: ["spo"] }),
    answer({ orderBreached: "yes" }),
    answer({ breachActionConsidered: "yes" }),
    incident({ date: "2026-01-05", behaviours: ["following"] }),
    incident({ date: "2026-01-12", behaviours: ["loitering", "contacting"] }),
    incident({ date: "2026-01-20", behaviours: ["watchingOrSpying"] }),
    answer({}),
    answer({ fourIndicators: ["fixated", "unwanted", "repeated"] }),
    answer({ onlineBehaviours: ["unwantedMessages"] }),
    answer({ fearOfViolenceOccasions: 2 }),
    answer({ seriousAlarmOrDistress: "yes" }),
    answer({ threats: "yes" }),
    answer({ fear: "very" }),
    answer({ priorHarassment: "yes" }),
    answer({ propertyDamage: "no" }),
    answer({ turnsUp: "yes" }),
    answer({ hangsAround: "yes" }),
    answer({ threatsThisEpisode: "yes" }),
    answer({ thirdParties: "notKnown" }),
    answer({ violenceThisEpisode: "no" }),
    answer({ othersInvolved: "no" }),
    answer({ substanceMisuse: "notKnown" }),
    answer({ historyOfViolence: "notKnown" }),
    answer({
      grade: "high",
      gradeRationale: "Order breached by a former partner who has made threats; the victim has moved out.",
    }),
    { type: "screening.submit" },
    { type: "supervisor.approve", actor: practiceSupervisor },
    task("recording", { principal: "stalkingS4A", included: ["breachOfOrder"] }),
    task(
      "spoDecision",
      { decision: "otherOrder", reason: "An SPO is already in force; the breach is being investigated as an offence." },
      practiceInspector,
    ),
    task("needsAssessment", { status: "completed" }),
    task("rightsExplained", { explained: "yes" }),
    task("referrals", { offered: ["specialistAdvocate", "nationalHelpline"], accepted: ["specialistAdvocate"] }),
    task("safeguarding", { multiAgency: ["marac", "stalkingPanel"] }),
  ],
  expected: {
    status: "completed",
    classification: "stalkingS4A",
    flags: { heightenedRisk: true, domesticAbuseContext: true, exPartner: true, threats: true },
    proposedGrade: "high",
    grade: "high",
    dmmListing: { listed: true },
    allocation: "Domestic abuse team",
    recording: { principal: "stalkingS4A", included: ["breachOfOrder"], reclassifiedFrom: "breachOfOrder" },
    spoDecision: { decision: "otherOrder" },
    vnaDone: true,
    rightsExplained: true,
    referrals: [
      { service: "specialistAdvocate", consent: "given" },
      { service: "nationalHelpline", consent: "declined" },
      { service: "marac", kind: "multiAgency" },
    ],
  },
  explanations: {
    status:
      "She is not in immediate danger (he left when she called), so the screening goes on past the first question to identify stalking and screen the risk.",
    classification:
      "He has followed her, waited near her home and watched her: behaviour associated with stalking, on separate occasions. She has twice been afraid he would attack her, and fear of violence on at least two occasions makes it stalking involving fear of violence (s4A), not stalking (s2A) alone.",
    grade:
      "A former partner who breaches a stalking protection order and has made threats is high risk: each of the breach and the threats proposes a High grade on its own, and nothing in the case supports going lower.",
    proposedGrade:
      "Two answers propose a High grade on their own here: that the order was breached, and that he made threats (his messages say she will regret leaving him). Missing either one leaves the proposal lower than the facts support.",
    "flags.heightenedRisk":
      "He is outside her flat although the order bans him from her street: a breach of a protective order is heightened risk.",
    "flags.threats":
      "His messages say she will regret leaving him: that is a threat, and threats from a former partner raise the risk.",
    "dmmListing.listed":
      "A breach of a protective order is listed for the daily management meeting so that the case is seen early.",
    "spoDecision.decision":
      "A stalking protection order is already in force: the decision is to use that order and investigate the breach as an offence, not to apply for another.",
    "recording.principal":
      "The screening found stalking involving fear of violence, so that is the principal crime; the breach is recorded alongside it.",
  },
};

const harassmentReclassified: PracticeScenario = {
  id: "harassment-reclassified",
  title: "A neighbour dispute recorded as harassment (fictional)",
  fictional: true,
  narrative: [
    "This case is invented for training.",
    "A man reports that a neighbour keeps hanging around outside his house and has twice let down his car tyres. The call was recorded as harassment.",
    "There are no orders between them and they have never been in a relationship. He is upset but has not changed his routine, and there have been no threats.",
  ],
  events: [
    { type: "screening.start", actor: practiceOfficer },
    answer({ immediateDanger: "no" }),
    answer({ reportedAs: "harassment" }),
    answer({ relationship: "acquaintance" }),
    answer({ personallyConnected: "no" }),
    answer({ existingOrders: ["none"] }),
    incident({ date: "2026-02-02", behaviours: ["loitering"] }),
    incident({ date: "2026-02-09", behaviours: ["interferingWithProperty", "loitering"] }),
    answer({}),
    answer({ fourIndicators: ["unwanted", "repeated"] }),
    answer({ onlineBehaviours: ["none"] }),
    answer({ fearOfViolenceOccasions: 0 }),
    answer({ seriousAlarmOrDistress: "no" }),
    answer({ threats: "no" }),
    answer({ fear: "somewhat" }),
    answer({ priorHarassment: "notKnown" }),
    answer({ propertyDamage: "yes" }),
    answer({ turnsUp: "no" }),
    answer({ hangsAround: "yes" }),
    answer({ threatsThisEpisode: "no" }),
    answer({ thirdParties: "no" }),
    answer({ violenceThisEpisode: "no" }),
    answer({ othersInvolved: "no" }),
    answer({ substanceMisuse: "notKnown" }),
    answer({ historyOfViolence: "no" }),
    answer({ grade: "medium", gradeRationale: "Damage to property is escalating and the suspect lives next door." }),
    { type: "screening.submit" },
    { type: "supervisor.approve", actor: practiceSupervisor, reason: "Agree: reclassify as stalking." },
    task("recording", { principal: "stalkingS2A", included: ["none"] }),
    task("spoDecision", { decision: "notNeeded", reason: "Conduct is low level; keep under review if it continues." }),
    task("needsAssessment", { status: "completed" }),
    task("rightsExplained", { explained: "yes" }),
    task("referrals", { offered: ["localSupport", "nationalHelpline"], accepted: ["none"] }),
    task("safeguarding", { multiAgency: ["none"] }),
  ],
  expected: {
    status: "completed",
    classification: "stalkingS2A",
    behaviours: ["loitering", "interferingWithProperty"],
    flags: { heightenedRisk: false, domesticAbuseContext: false, exPartner: false, threats: false },
    proposedGrade: "standard",
    grade: "medium",
    overrides: [{ direction: "raised", from: "standard", to: "medium" }],
    recording: { principal: "stalkingS2A", included: [], reclassifiedFrom: "harassment" },
    dmmListing: { listed: true },
    spoDecision: { decision: "notNeeded" },
  },
  explanations: {
    status:
      "Nobody is in immediate danger, so the screening goes on past the first question to identify stalking and screen the risk.",
    classification:
      "The neighbour keeps hanging around outside the house (loitering) and has interfered with the car, on separate occasions: behaviour associated with stalking, so this is stalking (s2A), not harassment. There is no fear of violence on two occasions and no change to his routine, so it is not the s4A offence.",
    grade:
      "The answers propose Standard, but damage to his property is escalating and the suspect lives next door: professional judgement raises the grade to Medium, with the reasons written down.",
    proposedGrade:
      "There are no threats, no orders and no breach, and few of the risk questions raise a concern, so the rules propose a Standard grade; the officer then decides whether to go higher.",
    "flags.heightenedRisk":
      "No protective order exists, so none can have been breached: there is no heightened risk from a breach.",
    "flags.threats": "He reports no threats, so the screening should not record any.",
    "dmmListing.listed": "Once stalking is indicated, the case is listed for the daily management meeting.",
    "spoDecision.decision":
      "The conduct is low level so far: a stalking protection order is not needed now, and the decision is kept under review if it continues.",
    "recording.principal":
      "Recorded first as harassment, it is reclassified: the principal crime is stalking (s2A), because the behaviour is associated with stalking.",
  },
};

/** The fictional practice scenarios shipped for training (module 2's practice screening). */
export const practiceScenarios: readonly PracticeScenario[] = [breachedOrder, harassmentReclassified];
