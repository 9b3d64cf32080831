import type { Question, QuestionOption } from "./schemas";

/**
 * The acts the Protection from Harassment Act 1997 s2A(3) gives as examples of behaviour associated
 * with stalking (the list is not exhaustive), plus "other" for anything else.
 */
export const stalkingBehaviourOptions = [
  { value: "following", label: "Following the victim" },
  { value: "contacting", label: "Contacting, or trying to contact, the victim by any means" },
  { value: "publishing", label: "Publishing statements or material about the victim, or pretending to be them" },
  {
    value: "monitoringCommunications",
    label: "Monitoring the victim's internet, email or other electronic communication",
  },
  { value: "loitering", label: "Loitering anywhere, in public or in private" },
  { value: "interferingWithProperty", label: "Interfering with property the victim has" },
  { value: "watchingOrSpying", label: "Watching or spying on the victim" },
  { value: "other", label: "Other unwanted behaviour", hint: "Describe it in the summary" },
] as const satisfies readonly QuestionOption[];

/** The s2A(3) example behaviours (every option except "other"). */
export const s2A3Behaviours: ReadonlySet<string> = new Set(
  stalkingBehaviourOptions.map((o) => o.value).filter((v) => v !== "other"),
);

/** Online behaviours and the s2A(3) example each one is an instance of (rec 20: online stalking). */
export const onlineBehaviourCategory: Readonly<Record<string, string>> = {
  unwantedMessages: "contacting",
  socialMedia: "contacting",
  monitoringAccounts: "monitoringCommunications",
  trackingLocation: "watchingOrSpying",
  impersonation: "publishing",
  publishingMaterial: "publishing",
};

const none: QuestionOption = { value: "none", label: "None of these", exclusive: true };

/** Questions about one incident, asked each time an incident is added. */
export const incidentQuestions: readonly Question[] = [
  {
    id: "date",
    prompt: "When did it happen?",
    hint: "For example, 27 3 2026. Give your best estimate if the victim is not sure.",
    kind: "date",
    requiredMessage: "Enter the date of the incident",
  },
  {
    id: "behaviours",
    prompt: "What did the suspect do?",
    hint: "Select all that apply.",
    kind: "multipleChoice",
    options: [...stalkingBehaviourOptions],
    requiredMessage: "Select at least one behaviour",
  },
  { id: "summary", prompt: "Summary", hint: "Optional. Facts only.", kind: "text", optional: true, maxLength: 2000 },
];

/** The wizard steps that ask questions, in the order the screening meets them. */
export type QuestionStepId =
  | "triage"
  | "reportedAs"
  | "relationship"
  | "domesticAbuse"
  | "orders"
  | "breach"
  | "breachEscalation"
  | "incidents"
  | "four"
  | "online"
  | "fearOfViolence"
  | "seriousAlarm"
  | "threats"
  | "notStalkingReason"
  | "instrument"
  | "grading";

/** The question steps in the order the screening meets them (the check-answers page lists them so). */
export const questionStepOrder: readonly QuestionStepId[] = [
  "triage",
  "reportedAs",
  "relationship",
  "domesticAbuse",
  "orders",
  "breach",
  "breachEscalation",
  "incidents",
  "four",
  "online",
  "fearOfViolence",
  "seriousAlarm",
  "threats",
  "notStalkingReason",
  "instrument",
  "grading",
];

/** Every step of the screening, including the pages that are not question pages. */
export type StepId = QuestionStepId | "checkAnswers" | "supervisorReview" | "tasks";

/** A step as data: its title (the page heading) and the questions it asks. */
export interface StepDefinition {
  readonly id: StepId;
  readonly title: string;
  readonly description?: string;
  readonly questions: readonly Question[];
}

// Each definition's id is its key, so the ids cannot drift from the keys.
function withIds<K extends string, D extends { readonly id: K }>(definitions: Record<K, Omit<D, "id">>): Record<K, D> {
  return Object.fromEntries(Object.entries(definitions).map(([id, d]) => [id, { ...(d as object), id }])) as Record<
    K,
    D
  >;
}

const yesNoNotKnownHint = "Answer 'not known' rather than guess.";

/**
 * Wording of every fixed step. The `instrument` step's questions come from the force's instrument;
 * `incidents` collects a list with {@link incidentQuestions}.
 */
export const steps: Readonly<Record<StepId, StepDefinition>> = withIds<StepId, StepDefinition>({
  triage: {
    title: "Immediate danger",
    questions: [
      {
        id: "immediateDanger",
        prompt: "Is anyone in immediate danger?",
        hint: "If yes, the screening stops so that an emergency response can be dispatched.",
        kind: "yesNo",
        requiredMessage: "Select yes if anyone is in immediate danger",
      },
    ],
  },
  reportedAs: {
    title: "How the report was recorded",
    description: "Look-alike crimes are screened for stalking (recommendation 23).",
    questions: [
      {
        id: "reportedAs",
        prompt: "What has the report been recorded as so far?",
        kind: "singleChoice",
        options: [
          { value: "notYetRecorded", label: "Not recorded yet" },
          { value: "stalking", label: "Stalking" },
          { value: "harassment", label: "Harassment" },
          { value: "maliciousCommunications", label: "Malicious communications" },
          { value: "breachOfOrder", label: "Breach of a protective order" },
          { value: "other", label: "Something else" },
        ],
        requiredMessage: "Select what the report has been recorded as",
      },
    ],
  },
  relationship: {
    title: "Relationship",
    questions: [
      {
        id: "relationship",
        prompt: "What is the suspect's relationship to the victim?",
        kind: "singleChoice",
        options: [
          { value: "exPartner", label: "Former partner" },
          { value: "partner", label: "Current partner" },
          { value: "familyMember", label: "Family member" },
          { value: "acquaintance", label: "Acquaintance, colleague or neighbour" },
          { value: "stranger", label: "Stranger" },
          { value: "unknown", label: "Not known", hint: "For example, the suspect has not been identified" },
        ],
        requiredMessage: "Select the suspect's relationship to the victim",
      },
    ],
  },
  domesticAbuse: {
    title: "Domestic abuse context",
    questions: [
      {
        id: "personallyConnected",
        prompt: "Are the victim and suspect personally connected?",
        hint: "For example partners, former partners, family members, or people who share a child. If yes, the force's domestic-abuse risk tool is used.",
        kind: "yesNoNotKnown",
        requiredMessage: "Select whether the victim and suspect are personally connected",
      },
    ],
  },
  orders: {
    title: "Protective orders",
    questions: [
      {
        id: "existingOrders",
        prompt: "Which protective orders or notices are in force against the suspect?",
        hint: "Select all that apply.",
        kind: "multipleChoice",
        options: [
          { value: "spo", label: "Stalking protection order" },
          { value: "interimSpo", label: "Interim stalking protection order" },
          { value: "restrainingOrder", label: "Restraining order" },
          { value: "nonMolestationOrder", label: "Non-molestation order" },
          { value: "dapo", label: "Domestic abuse protection notice or order (DAPN or DAPO)" },
          { value: "dvpo", label: "Domestic violence protection notice or order (DVPN or DVPO)" },
          none,
        ],
        requiredMessage: "Select the orders in force, or 'None of these'",
      },
    ],
  },
  breach: {
    title: "Breach of an order",
    questions: [
      {
        id: "orderBreached",
        prompt: "Is the suspect said to have breached an order?",
        hint: yesNoNotKnownHint,
        kind: "yesNoNotKnown",
        requiredMessage: "Select whether an order is said to have been breached",
      },
    ],
  },
  breachEscalation: {
    title: "Breach: heightened risk",
    description:
      "A breach of a protective order means heightened risk (recommendation 12.3). Your supervisor has been notified and the case is listed for review.",
    questions: [
      {
        id: "breachActionConsidered",
        prompt: "Have you considered arrest and recording the breach as a further offence?",
        kind: "yesNo",
        requiredMessage: "Select yes if you have considered arrest and a further offence",
      },
    ],
  },
  incidents: {
    title: "Incidents",
    description:
      "Add each incident the victim describes, reported or not. Two or more on separate occasions can form a course of conduct.",
    questions: [],
  },
  four: {
    title: "Fixated, obsessive, unwanted, repeated",
    questions: [
      {
        id: "fourIndicators",
        prompt: "Which of these describe the suspect's behaviour?",
        hint: "Think stalking first. Select all that apply.",
        kind: "multipleChoice",
        options: [
          { value: "fixated", label: "Fixated" },
          { value: "obsessive", label: "Obsessive" },
          { value: "unwanted", label: "Unwanted" },
          { value: "repeated", label: "Repeated" },
          none,
        ],
        requiredMessage: "Select the words that apply, or 'None of these'",
      },
    ],
  },
  online: {
    title: "Online behaviour",
    questions: [
      {
        id: "onlineBehaviours",
        prompt: "Has the suspect done any of these online or with technology?",
        hint: "Select all that apply.",
        kind: "multipleChoice",
        options: [
          { value: "unwantedMessages", label: "Sent unwanted messages, emails or calls" },
          { value: "socialMedia", label: "Contacted the victim through social media" },
          { value: "monitoringAccounts", label: "Monitored the victim's accounts or devices" },
          { value: "trackingLocation", label: "Tracked the victim's location" },
          { value: "impersonation", label: "Pretended to be the victim online" },
          { value: "publishingMaterial", label: "Posted material about the victim" },
          none,
        ],
        requiredMessage: "Select the online behaviours, or 'None of these'",
      },
    ],
  },
  fearOfViolence: {
    title: "Fear of violence",
    questions: [
      {
        id: "fearOfViolenceOccasions",
        prompt: "On how many occasions has the victim feared that violence would be used against them?",
        hint: "Enter 0 if none.",
        kind: "number",
        min: 0,
        max: 999,
        requiredMessage: "Enter the number of occasions, or 0",
      },
    ],
  },
  seriousAlarm: {
    title: "Serious alarm or distress",
    questions: [
      {
        id: "seriousAlarmOrDistress",
        prompt:
          "Has the behaviour caused serious alarm or distress that has substantially changed the victim's usual day-to-day activities?",
        hint: "For example, changing their route to work, moving home or stopping going out.",
        kind: "yesNoNotKnown",
        requiredMessage: "Select whether the behaviour has caused serious alarm or distress",
      },
    ],
  },
  threats: {
    title: "Threats",
    questions: [
      {
        id: "threats",
        prompt: "Has the suspect threatened violence against the victim or anyone close to them?",
        hint: "Include threats to kill and threats of sexual violence.",
        kind: "yesNoNotKnown",
        requiredMessage: "Select whether the suspect has made threats",
      },
    ],
  },
  notStalkingReason: {
    title: "Why this is not stalking",
    description:
      "This looks like harassment without behaviour associated with stalking. Record why it does not meet the description of stalking.",
    questions: [
      {
        id: "notStalkingReason",
        prompt: "Why does this course of conduct not amount to stalking?",
        kind: "text",
        maxLength: 2000,
        requiredMessage: "Enter why this is not stalking",
      },
    ],
  },
  instrument: { title: "Risk questions", questions: [] },
  grading: {
    title: "Risk grade",
    description:
      "Your professional judgement decides the grade. You may raise it above the proposed grade; going below it needs your supervisor's approval.",
    questions: [
      {
        id: "grade",
        prompt: "What is your risk grade?",
        kind: "singleChoice",
        options: [
          { value: "standard", label: "Standard", hint: "Current evidence does not suggest serious harm is likely" },
          {
            value: "medium",
            label: "Medium",
            hint: "Signs of risk of serious harm; unlikely unless circumstances change",
          },
          { value: "high", label: "High", hint: "Signs of risk of serious harm that could happen at any time" },
        ],
        requiredMessage: "Select a risk grade",
      },
      {
        id: "gradeRationale",
        prompt: "Why have you chosen this grade?",
        kind: "text",
        maxLength: 4000,
        requiredMessage: "Enter the reasons for the grade",
      },
    ],
  },
  checkAnswers: { title: "Check your answers", questions: [] },
  supervisorReview: { title: "Supervisor review", questions: [] },
  tasks: { title: "Actions", questions: [] },
});

/** The tasks of the actions phase; the victim tasks are done in order. */
export type TaskId =
  "recording" | "spoDecision" | "rightToKnow" | "needsAssessment" | "rightsExplained" | "referrals" | "safeguarding";

/** A task as data: title, questions and the recommendations it answers. */
export interface TaskDefinition {
  readonly id: TaskId;
  readonly title: string;
  readonly questions: readonly Question[];
  /** A task that can only start when this one is done. */
  readonly after?: TaskId;
}

/** Recording classifications for the principal crime and included classifications (rec 7). */
export const recordingOptions = [
  { value: "stalkingS4A", label: "Stalking involving fear of violence or serious alarm or distress (PHA 1997 s4A)" },
  { value: "stalkingS2A", label: "Stalking (PHA 1997 s2A)" },
  { value: "harassmentS4", label: "Putting people in fear of violence (PHA 1997 s4)" },
  { value: "harassment", label: "Harassment (PHA 1997 s2)" },
  { value: "maliciousCommunications", label: "Malicious communications" },
  { value: "breachOfOrder", label: "Breach of a protective order" },
  { value: "other", label: "Another offence" },
] as const satisfies readonly QuestionOption[];

/** Victim referral services (rec 14.3, 14.4): offered to everyone, made only with consent. */
export const victimReferralOptions = [
  { value: "specialistAdvocate", label: "Specialist stalking advocate (ISAC or ISA)" },
  { value: "localSupport", label: "Local victim support service" },
  { value: "nationalHelpline", label: "National stalking helpline" },
] as const satisfies readonly QuestionOption[];

/** Multi-agency referrals (MARAC, stalking panel, perpetrator management). */
export const multiAgencyOptions = [
  { value: "marac", label: "MARAC (multi-agency risk assessment conference)" },
  { value: "stalkingPanel", label: "Stalking panel or clinic" },
  { value: "mappa", label: "MAPPA or a perpetrator intervention" },
] as const satisfies readonly QuestionOption[];

/** Wording of every task of the actions phase. */
export const tasks: Readonly<Record<TaskId, TaskDefinition>> = withIds<TaskId, TaskDefinition>({
  recording: {
    title: "Record the crime",
    questions: [
      {
        id: "principal",
        prompt: "What is the principal crime?",
        kind: "singleChoice",
        options: [...recordingOptions],
        requiredMessage: "Select the principal crime",
      },
      {
        id: "included",
        prompt: "Which other classifications should the record include so that it can be found?",
        hint: "Select all that apply.",
        kind: "multipleChoice",
        options: [...recordingOptions, none],
        requiredMessage: "Select the included classifications, or 'None of these'",
      },
      {
        id: "stalkingNotRecordedReason",
        prompt: "Why is stalking not recorded?",
        hint: "Required when the reviewed screening found stalking but neither the principal crime nor an included classification is stalking.",
        kind: "text",
        maxLength: 2000,
        optional: true,
      },
    ],
  },
  spoDecision: {
    title: "Stalking protection order",
    questions: [
      {
        id: "decision",
        prompt: "What is the decision on a stalking protection order?",
        kind: "singleChoice",
        options: [
          { value: "apply", label: "Apply for a stalking protection order" },
          { value: "interim", label: "Apply for an interim stalking protection order" },
          {
            value: "courtOnConviction",
            label: "Ask the court to consider a stalking protection order on conviction or acquittal",
          },
          { value: "otherOrder", label: "Use another order instead" },
          { value: "notNeeded", label: "Not needed" },
        ],
        requiredMessage: "Select the decision on a stalking protection order",
      },
      {
        id: "reason",
        prompt: "Why?",
        kind: "text",
        maxLength: 2000,
        requiredMessage: "Enter the reason for the decision",
      },
    ],
  },
  rightToKnow: {
    title: "Telling the victim who the suspect is (right to know)",
    questions: [
      {
        id: "decision",
        prompt: "Has the victim been told who the suspect is?",
        kind: "singleChoice",
        options: [
          { value: "told", label: "Yes, the victim has been told" },
          { value: "notTold", label: "No, not told" },
          { value: "alreadyKnown", label: "The victim already knows who the suspect is" },
          { value: "identityNotKnown", label: "The suspect has not been identified" },
        ],
        requiredMessage: "Select whether the victim has been told who the suspect is",
      },
      {
        id: "reason",
        prompt: "Why not, and when will this be looked at again?",
        kind: "text",
        maxLength: 2000,
        optional: true,
        requiredWhen: { question: "decision", in: ["notTold"] },
        requiredMessage: "Enter why the victim has not been told who the suspect is",
      },
    ],
  },
  needsAssessment: {
    title: "Victim needs assessment",
    questions: [
      {
        id: "status",
        prompt: "Has the victim needs assessment been completed?",
        kind: "singleChoice",
        options: [
          { value: "completed", label: "Yes, completed" },
          { value: "declined", label: "No, the victim declined" },
          { value: "notYetPossible", label: "No, not possible yet" },
        ],
        requiredMessage: "Select whether the needs assessment has been completed",
      },
      {
        id: "note",
        prompt: "What happens next?",
        kind: "text",
        maxLength: 2000,
        optional: true,
        requiredWhen: { question: "status", in: ["declined", "notYetPossible"] },
        requiredMessage: "Enter what happens next when the assessment was not completed",
      },
    ],
  },
  rightsExplained: {
    title: "Victims' Code rights",
    after: "needsAssessment",
    questions: [
      {
        id: "explained",
        prompt: "Have the victim's rights under the Victims' Code been explained?",
        kind: "yesNo",
        requiredMessage: "Select yes if the victim's rights have been explained",
      },
      {
        id: "note",
        prompt: "Why not, and when will they be?",
        kind: "text",
        maxLength: 2000,
        optional: true,
        requiredWhen: { question: "explained", in: ["no"] },
        requiredMessage: "Enter why the rights have not been explained yet",
      },
    ],
  },
  referrals: {
    title: "Support referrals",
    after: "rightsExplained",
    questions: [
      {
        id: "offered",
        prompt: "Which support services were offered to the victim?",
        hint: "Select all that apply.",
        kind: "multipleChoice",
        options: [...victimReferralOptions, none],
        requiredMessage: "Select the services offered, or 'None of these'",
      },
      {
        id: "accepted",
        prompt: "Which referrals did the victim agree to?",
        hint: "A referral is made only with the victim's consent.",
        kind: "multipleChoice",
        options: [...victimReferralOptions, none],
        requiredMessage: "Select the referrals the victim agreed to, or 'None of these'",
      },
    ],
  },
  safeguarding: {
    title: "Safeguarding and multi-agency referrals",
    questions: [
      {
        id: "multiAgency",
        prompt: "Which multi-agency referrals have been made?",
        hint: "Select all that apply.",
        kind: "multipleChoice",
        options: [...multiAgencyOptions, none],
        requiredMessage: "Select the referrals made, or 'None of these'",
      },
      {
        id: "note",
        prompt: "Safeguarding notes",
        hint: "Required when a referral this grade calls for has not been made.",
        kind: "text",
        maxLength: 4000,
        optional: true,
      },
    ],
  },
});

/** Task order for display (the order {@link tasks} defines them in); victim tasks follow one another. */
export const taskOrder: readonly TaskId[] = Object.keys(tasks) as TaskId[];
