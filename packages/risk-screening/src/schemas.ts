import { KnownRecommendationIdSchema } from "@stalking-response/recommendations";
import { z } from "zod";
import { stalkingBehaviourOptions } from "./questions";

const Identifier = z.string().regex(/^[a-zA-Z]\w*$/, "must be an identifier (letters, digits, underscore)");

/** Who did something: a role the force configuration understands and an opaque id (never a name). */
export const ActorSchema = z.object({
  id: z.string().trim().min(1, "must be a non-empty id"),
  role: z.enum(["callHandler", "officer", "investigator", "supervisor", "inspector", "superintendent", "specialist"]),
});
/** Who did something: role and opaque id. */
export type Actor = z.infer<typeof ActorSchema>;
/** A role an {@link Actor} can hold. */
export type ActorRole = Actor["role"];

/** The kinds of answer a question can ask for; the UI picks a GOV.UK pattern per kind. */
export const QuestionKindSchema = z.enum([
  "yesNo",
  "yesNoNotKnown",
  "singleChoice",
  "multipleChoice",
  "number",
  "text",
  "date",
]);
/** The kinds of answer a question can ask for. */
export type QuestionKind = z.infer<typeof QuestionKindSchema>;

/** One option of a choice question. `exclusive` options (such as "None of these") cannot be combined. */
export const QuestionOptionSchema = z.object({
  value: z.string().min(1),
  label: z.string().min(1),
  hint: z.string().optional(),
  exclusive: z.boolean().optional(),
});
/** One option of a choice question. */
export type QuestionOption = z.infer<typeof QuestionOptionSchema>;

/**
 * A question as data: the wording lives here, never in a UI. `requiredWhen` makes an otherwise
 * optional question required when another answer in the same step takes one of the listed values
 * (the UI can show it as a GOV.UK conditional reveal).
 */
export const QuestionSchema = z.object({
  id: Identifier,
  prompt: z.string().min(1),
  hint: z.string().optional(),
  kind: QuestionKindSchema,
  options: z.array(QuestionOptionSchema).optional(),
  optional: z.boolean().optional(),
  requiredWhen: z.object({ question: z.string(), in: z.array(z.string()).min(1) }).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  maxLength: z.number().int().positive().optional(),
  /** The GOV.UK-style message shown when the question is left unanswered. */
  requiredMessage: z.string().optional(),
});
/** A question as data. */
export type Question = z.infer<typeof QuestionSchema>;

/** An answer: a choice value or text (string), a number, or the values of a multiple choice. */
export const AnswerValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);
/** An answer value. */
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

/** Answers keyed by question id. */
export const AnswersSchema = z.record(z.string(), AnswerValueSchema);
/** Answers keyed by question id. */
export type Answers = z.infer<typeof AnswersSchema>;

/** The three risk grades used with DASH-family tools (Southampton City Council DASH guidance). */
export const GradeSchema = z.enum(["standard", "medium", "high"]);
/** A risk grade. */
export type Grade = z.infer<typeof GradeSchema>;

/** A question of a risk instrument. Instruments ask yes / no / not known unless they give options. */
export const InstrumentQuestionSchema = z.object({
  id: Identifier,
  prompt: z.string().min(1),
  hint: z.string().optional(),
  kind: z.enum(["yesNoNotKnown", "singleChoice"]).default("yesNoNotKnown"),
  /** For `singleChoice`: the options; those with `concern: true` count like a "yes". */
  options: z
    .array(z.object({ value: z.string().min(1), label: z.string().min(1), concern: z.boolean().optional() }))
    .optional(),
  /** A "yes" (or concern option) here proposes a high grade on its own, whatever the count. */
  escalatesToHigh: z.boolean().optional(),
});
/** A question of a risk instrument. */
export type InstrumentQuestion = z.infer<typeof InstrumentQuestionSchema>;

/**
 * A risk instrument as data. The official tools (NPCC Stalking Screening Tool, S-DASH, SASH, DARA) are
 * licensed or unpublished, so forces load their own; `licence` says on what terms the content is used.
 * `banding` is optional because some tools (S-DASH) give no numeric cut-off.
 */
export const InstrumentSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    licence: z.string().min(1),
    /** True for illustrative content that a force has not approved for operational use. */
    example: z.boolean(),
    context: z.enum(["stalking", "domesticAbuse"]),
    questions: z.array(InstrumentQuestionSchema).min(1),
    banding: z
      .object({
        /** Minimum number of concerns ("yes" answers) for a medium band. */
        medium: z.number().int().positive(),
        /** Minimum number of concerns for a high band. */
        high: z.number().int().positive(),
      })
      .refine((b) => b.high > b.medium, { message: "high threshold must be above the medium threshold" })
      .optional(),
  })
  .superRefine((instrument, ctx) => {
    const seen = new Set<string>();
    instrument.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `duplicate ${q.id}` });
      seen.add(q.id);
      if (q.kind === "singleChoice" && !q.options?.length) {
        ctx.addIssue({ code: "custom", path: ["questions", i, "options"], message: "a choice question needs options" });
      }
    });
  });
/** A risk instrument as data. */
export type Instrument = z.infer<typeof InstrumentSchema>;
/** An instrument as written before defaults are applied (what a force's JSON file holds). */
export type InstrumentInput = z.input<typeof InstrumentSchema>;

/** Flag-based reasons to propose a high grade before the officer grades (design choices a force can switch). */
export const HighGradeTriggerSchema = z.enum(["breachOfOrder", "threatsFromExPartner", "threats"]);
/** A flag-based reason to propose a high grade. */
export type HighGradeTrigger = z.infer<typeof HighGradeTriggerSchema>;

/** Where a legal provision stands for a force: in force, enacted but not yet commenced, or piloted in its area. */
export const ProvisionStatusSchema = z.enum(["inForce", "enactedNotInForce", "pilot"]);
/** Where a legal provision stands for a force. */
export type ProvisionStatus = z.infer<typeof ProvisionStatusSchema>;

/**
 * A provision a force switches on, with its status as the force last checked it and the source it
 * read. The status is shown wherever the screening offers the provision, so nobody takes a pilot or an
 * uncommenced power for settled law.
 */
export const ProvisionSchema = z.object({
  status: ProvisionStatusSchema,
  /** The date (YYYY-MM-DD) the status was last checked against the source. */
  checked: z.iso.date("must be a date in the form YYYY-MM-DD"),
  /** What the status rests on (an Act and section, a commencement order, statutory guidance). */
  source: z.string().min(1),
});
/** A provision a force switches on, with its status. */
export type Provision = z.infer<typeof ProvisionSchema>;

/** A force's settings: instruments, routing by grade, panels and meetings, and who may authorise what. */
export const ForceConfigSchema = z.object({
  forceName: z.string().min(1),
  instruments: z.object({
    /** Used when the case is not in a domestic-abuse context. */
    stalking: InstrumentSchema,
    /** Used when the victim and suspect are personally connected (e.g. DARA); falls back to `stalking`. */
    domesticAbuse: InstrumentSchema.optional(),
  }),
  /** Which team takes each grade (Essex, for example, routes medium and high to DA teams). */
  allocation: z.object({ standard: z.string().min(1), medium: z.string().min(1), high: z.string().min(1) }),
  /** A multi-agency stalking panel or clinic that takes high-risk cases, if the force has one. */
  stalkingPanel: z.object({ name: z.string().min(1) }).optional(),
  /** Whether stalking and breach cases are listed for the daily management meeting (rec 12.4). */
  dailyManagementMeeting: z.boolean(),
  /** Roles that may approve, reclassify or return a screening. */
  supervisorRoles: z.array(ActorSchema.shape.role).min(1).default(["supervisor", "inspector"]),
  /** Roles that may record a decision to apply for a (full or interim) stalking protection order. */
  spoAuthorisingRoles: z.array(ActorSchema.shape.role).min(1),
  highGradeTriggers: z.array(HighGradeTriggerSchema).default(["breachOfOrder", "threatsFromExPartner"]),
  /**
   * Newer or local legal provisions the screening offers only when the force switches them on:
   * `domesticAbuseProtectionOrders` (DAPN/DAPO, Domestic Abuse Act 2021 Part 3) replaces DVPN/DVPO in
   * the orders question, for forces in a pilot area; `spoOnConvictionOrAcquittal` adds "court to consider
   * on conviction or acquittal" to the SPO decision; `rightToKnow` adds the task of deciding whether to
   * tell the victim who the suspect is.
   */
  provisions: z
    .object({
      domesticAbuseProtectionOrders: ProvisionSchema.optional(),
      spoOnConvictionOrAcquittal: ProvisionSchema.optional(),
      rightToKnow: ProvisionSchema.optional(),
    })
    .default({}),
});
/** A force's configuration after validation and defaults. */
export type ForceConfig = z.infer<typeof ForceConfigSchema>;
/** A force's configuration as written (before defaults). */
export type ForceConfigInput = z.input<typeof ForceConfigSchema>;

/** One reported incident of the course of conduct. */
export const IncidentSchema = z.object({
  date: z.iso.date("must be a date in the form YYYY-MM-DD"),
  behaviours: z
    .array(
      z.enum(
        stalkingBehaviourOptions.map((o) => o.value),
        'must be one of the behaviours in incidentQuestions (for example "following")',
      ),
    )
    .min(1, "must name at least one behaviour"),
  summary: z.string().trim().max(2000).optional(),
});
/** One reported incident. */
export type Incident = z.infer<typeof IncidentSchema>;

/** What the behaviour is classified as, with the Protection from Harassment Act 1997 basis. */
export const ClassificationSchema = z.enum(["stalkingS4A", "stalkingS2A", "harassment", "singleIncident"]);
/** A classification. */
export type Classification = z.infer<typeof ClassificationSchema>;

/** One entry of the audit trail: what happened, when, by whom, and whether it was accepted. */
export const AuditEntrySchema = z.object({
  at: z.iso.datetime(),
  actor: ActorSchema.nullable(),
  event: z.string(),
  step: z.string().nullable(),
  accepted: z.boolean(),
  /** The event's payload (answers, reasons), or the rejection reason. */
  detail: z.unknown().optional(),
});
/** One entry of the audit trail. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** A grade the officer set away from the proposed one: raising is free, lowering needs a supervisor. */
export const OverrideSchema = z.object({
  direction: z.enum(["raised", "lowered"]),
  from: GradeSchema,
  to: GradeSchema,
  by: ActorSchema,
  reason: z.string().min(1),
  approvedBy: ActorSchema.optional(),
  approvalReason: z.string().min(1).optional(),
});
/** A grade override. */
export type Override = z.infer<typeof OverrideSchema>;

/** A referral offered or made, and the victim's consent where consent applies. */
export const ReferralSchema = z.object({
  service: z.string().min(1),
  kind: z.enum(["victimSupport", "multiAgency"]),
  consent: z.enum(["given", "declined", "notRequired"]),
});
/** A referral. */
export type Referral = z.infer<typeof ReferralSchema>;

/** An action the outcome requires and the recommendation(s) of the 2024 super-complaint report it answers. */
export const RequiredActionSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  done: z.boolean(),
  detail: z.string().optional(),
  /** Empty only for an action no confirmed recommendation asks for (right to know, a Government measure). */
  recommendations: z.array(KnownRecommendationIdSchema),
});
/** A required action. */
export type RequiredAction = z.infer<typeof RequiredActionSchema>;

const Flags = z.object({
  heightenedRisk: z.boolean(),
  domesticAbuseContext: z.boolean(),
  exPartner: z.boolean(),
  threats: z.boolean(),
});

/**
 * What a follow-up screening carries from a completed screening it follows (a new incident after
 * completion): the earlier decisions and flags, and its audit trail, unchanged.
 */
export const EarlierScreeningSchema = z.object({
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  classification: ClassificationSchema,
  grade: GradeSchema,
  heightenedRisk: z.boolean(),
  incidentCount: z.number().int().nonnegative(),
  auditTrail: z.array(AuditEntrySchema),
});
/** What a follow-up screening carries from the screening it follows. */
export type EarlierScreening = z.infer<typeof EarlierScreeningSchema>;

const EmergencyOutcomeSchema = z.object({
  status: z.literal("emergency"),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  startedBy: ActorSchema,
  action: z.literal("dispatch"),
  requiredActions: z.array(RequiredActionSchema),
  auditTrail: z.array(AuditEntrySchema),
});

const CompletedOutcomeSchema = z.object({
  status: z.literal("completed"),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  startedBy: ActorSchema,
  forceName: z.string(),
  classification: ClassificationSchema,
  legalBasis: z.string().min(1),
  /** Why a course of conduct is harassment and not stalking (College of Policing advice). */
  notStalkingReason: z.string().min(1).optional(),
  behaviours: z.array(z.string()),
  incidentCount: z.number().int().nonnegative(),
  reopenedCount: z.number().int().nonnegative(),
  instrument: z.object({
    id: z.string(),
    version: z.string(),
    example: z.boolean(),
    answers: z.record(z.string(), z.string()),
    yesCount: z.number().int().nonnegative(),
    notKnownCount: z.number().int().nonnegative(),
    band: GradeSchema.optional(),
  }),
  proposedGrade: GradeSchema,
  grade: GradeSchema,
  gradeRationale: z.string().min(1),
  gradedBy: ActorSchema,
  overrides: z.array(OverrideSchema),
  flags: Flags,
  supervisor: z.object({
    actor: ActorSchema,
    decision: z.enum(["approved", "reclassified"]),
    reason: z.string().optional(),
  }),
  /** Absent for a single incident with no course of conduct, where no SPO decision is asked for. */
  spoDecision: z
    .object({
      decision: z.enum(["apply", "interim", "courtOnConviction", "notNeeded", "otherOrder"]),
      reason: z.string().min(1),
      by: ActorSchema,
    })
    .optional(),
  /** Present when the force has switched on the right-to-know task. */
  rightToKnow: z
    .object({
      decision: z.enum(["told", "notTold", "alreadyKnown", "identityNotKnown"]),
      reason: z.string().optional(),
      by: ActorSchema,
    })
    .optional(),
  victimNeedsAssessment: z.object({
    status: z.enum(["completed", "declined", "notYetPossible"]),
    note: z.string().optional(),
  }),
  vnaDone: z.boolean(),
  rightsExplained: z.boolean(),
  referrals: z.array(ReferralSchema),
  allocation: z.string().min(1),
  dmmListing: z.object({ listed: z.boolean(), reason: z.string().optional() }),
  recording: z.object({
    principal: z.string().min(1),
    included: z.array(z.string()),
    reclassifiedFrom: z.string().optional(),
    reclassificationReason: z.string().optional(),
    /** Why the record carries no stalking classification although the reviewed screening found stalking. */
    stalkingNotRecordedReason: z.string().optional(),
  }),
  /** The screenings this one follows (a new incident after completion), oldest first, with their audit trails. */
  earlier: z.array(EarlierScreeningSchema),
  requiredActions: z.array(RequiredActionSchema),
  auditTrail: z.array(AuditEntrySchema),
});

/**
 * What a finished screening produced. `emergency` ends at triage (immediate danger: dispatch);
 * `completed` carries the classification, grade, decisions and required actions.
 */
export const ScreeningOutcomeSchema = z.discriminatedUnion("status", [EmergencyOutcomeSchema, CompletedOutcomeSchema]);
/** What a finished screening produced. */
export type ScreeningOutcome = z.infer<typeof ScreeningOutcomeSchema>;
/** A completed (not emergency) outcome. */
export type CompletedOutcome = Extract<ScreeningOutcome, { status: "completed" }>;

/**
 * One problem with some input: where it is (`path`, as zod and JSON Pointer count it) and what is wrong,
 * written for people and naming the field. The same shape as the other toolkit packages use.
 */
export interface Issue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** The result of a parser or check: the value, or issues that each name the field and the reason. Never a throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const expectedWords: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object of names and values",
  date: "a date",
  null: "empty (null)",
};

/** How a message names a field: the path in quotes, or "The input" for the whole thing. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.length ? `"${path.map(String).join(".")}"` : "The input";
}

const count = (n: unknown, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

// Replaces zod's developer wording ("Invalid input: expected record, received undefined") with a sentence
// that names the field. Messages a schema sets itself ("must be …") keep their words (see issuesFrom).
const peopleMessages: z.core.$ZodErrorMap = (issue) => {
  const name = fieldName(issue.path ?? []);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `${name} is missing`
        : `${name} must be ${expectedWords[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `${name} must be ${JSON.stringify(issue.values[0])}`
        : `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
    case "too_big": {
      const [limit, words] =
        issue.code === "too_small" ? [issue.minimum, ["at least", "or more"]] : [issue.maximum, ["at most", "or less"]];
      if (issue.origin === "array" || issue.origin === "set")
        return `${name} must have ${words[0]} ${count(limit, "item", "items")}`;
      if (issue.origin === "string") return `${name} must have ${words[0]} ${count(limit, "character", "characters")}`;
      return `${name} must be ${String(limit)} ${words[1]}`;
    }
    case "unrecognized_keys":
      return `${issue.keys.map((k) => `"${k}"`).join(", ")} ${issue.keys.length === 1 ? "is not a field" : "are not fields"} of ${name === "The input" ? "the input" : name}`;
    case "invalid_format":
      return issue.format === "date"
        ? `${name} must be a date in the form YYYY-MM-DD`
        : issue.format === "datetime"
          ? `${name} must be a date and time such as 2026-03-01T09:30:00Z`
          : `${name} must be in ${issue.format} format`;
    case "invalid_union":
      return `${name} is not in any of the forms accepted here`;
    default:
      return `${name} is not valid`;
  }
};

/**
 * Turns zod's issues into {@link Issue}s written for people. A schema's own message ("must be …") gets
 * the field's name in front; `prefix` places the issues inside a larger document.
 */
export function issuesFrom(error: z.ZodError, prefix: readonly (string | number)[] = []): Issue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
    const message = /^[a-z]/.test(issue.message) ? `${fieldName(path)} ${issue.message}` : issue.message;
    return { path, message };
  });
}

/** Checks `input` against `schema` and returns a {@link Result} with messages for people; never throws. */
export function check<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const result = schema.safeParse(input, { error: peopleMessages });
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesFrom(result.error) };
}

/** Validates a force configuration (JSON) and applies defaults; never throws. */
export const parseForceConfig = (input: unknown): Result<ForceConfig> => check(ForceConfigSchema, input);
/** Validates an instrument (JSON); never throws. */
export const parseInstrument = (input: unknown): Result<Instrument> => check(InstrumentSchema, input);
