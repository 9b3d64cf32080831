import {
  multiAgencyOptions,
  recordingOptions,
  stalkingBehaviourOptions,
  steps,
  tasks,
  victimReferralOptions,
} from "./questions";
import type { QuestionOption, ScreeningOutcome } from "./schemas";
import { classificationLabels } from "./view";

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
  "recording.reclassifiedFrom": "First recorded as",
  allocation: "Allocated to",
  vnaDone: "Victim needs assessment done",
  rightsExplained: "Victims' Code rights explained",
  referrals: "Referrals",
  overrides: "Changes to the proposed grade",
  requiredActions: "Required actions",
};

/**
 * The outcome fields that change what happens to the victim and the suspect, most decisive first: how the
 * screening ended, what the behaviour is (the offence and the powers that follow), the grade the officer
 * set, the grade the answers proposed (a missed high-risk factor shows here), heightened risk, and the
 * decisions taken on it. A difference in any other field is a detail of the record.
 */
export const decisiveOutcomeFields: readonly string[] = [
  "status",
  "classification",
  "grade",
  "proposedGrade",
  "flags.heightenedRisk",
  "flags.threats",
  "dmmListing.listed",
  "spoDecision.decision",
  "recording.principal",
];

/** One difference between a learner's outcome and the expected one, in words a learner reads. */
export interface OutcomeDifference {
  /** The outcome field, as a dotted path (`classification`, `flags.threats`): for looking up lessons, never for display. */
  readonly field: string;
  /** The field's name in plain English. */
  readonly label: string;
  /** The sentence to show. */
  readonly text: string;
  /** True when the field is one of {@link decisiveOutcomeFields}. */
  readonly decisive: boolean;
}

const yesNo = (value: unknown) => (value === true ? "Yes" : value === false ? "No" : undefined);
const optionLabel = (options: readonly QuestionOption[]) => (value: unknown) =>
  typeof value === "string" ? options.find((option) => option.value === value)?.label : undefined;
const questionOptions = (
  questions: readonly { id: string; options?: readonly QuestionOption[] | undefined }[],
  id: string,
) => questions.find((question) => question.id === id)?.options ?? [];

const gradeLabel = optionLabel(questionOptions(steps.grading.questions, "grade"));
const recordingLabel = optionLabel(recordingOptions);
const reportedAsLabel = optionLabel(questionOptions(steps.reportedAs.questions, "reportedAs"));
const serviceLabel = optionLabel([...victimReferralOptions, ...multiAgencyOptions]);

/**
 * How each field's values read: the labels come from the screening's own question and option data, so a
 * learner never sees a value's code (`stalkingS4A`, `breachOfOrder`).
 */
const valueWords: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  status: (value) =>
    value === "completed"
      ? "a completed screening"
      : value === "emergency"
        ? "a stop for an emergency response"
        : undefined,
  classification: (value) =>
    typeof value === "string" ? classificationLabels[value as keyof typeof classificationLabels] : undefined,
  behaviours: optionLabel(stalkingBehaviourOptions),
  grade: gradeLabel,
  proposedGrade: gradeLabel,
  "flags.heightenedRisk": yesNo,
  "flags.domesticAbuseContext": yesNo,
  "flags.exPartner": yesNo,
  "flags.threats": yesNo,
  "dmmListing.listed": yesNo,
  vnaDone: yesNo,
  rightsExplained: yesNo,
  "spoDecision.decision": optionLabel(questionOptions(tasks.spoDecision.questions, "decision")),
  "recording.principal": recordingLabel,
  "recording.included": recordingLabel,
  // A report's first recording uses the "recorded as" options; a supervisor's reclassification, the classifications.
  "recording.reclassifiedFrom": (value) =>
    reportedAsLabel(value) ??
    (typeof value === "string" ? classificationLabels[value as keyof typeof classificationLabels] : undefined),
  incidentCount: (value) => (typeof value === "number" ? String(value) : undefined),
  allocation: (value) => (typeof value === "string" ? value : undefined),
};

function label(path: string): string {
  return outcomeFieldLabels[path] ?? "Another part of the outcome";
}

/** A value in words: its label, else (for free text the learner typed, such as an allocation) the text itself. */
function words(path: string, value: unknown): string {
  const known = valueWords[path]?.(value);
  if (known !== undefined) return known;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  return "a different answer";
}

/** An entry of a list of objects (a referral, an override) in words. */
function entryWords(path: string, entry: Record<string, unknown>): string {
  if (path === "referrals") {
    const service = serviceLabel(entry["service"]) ?? "a referral";
    if (entry["kind"] === "multiAgency") return `a referral to ${service}`;
    if (entry["consent"] === "given") return `a referral to ${service}, made with the victim's consent`;
    if (entry["consent"] === "declined") return `${service}, offered and declined`;
    return service;
  }
  if (path === "overrides") {
    const from = gradeLabel(entry["from"]);
    const to = gradeLabel(entry["to"]);
    const direction = entry["direction"] === "lowered" ? "lowered" : "raised";
    return from && to ? `the grade ${direction} from ${from} to ${to}` : `the grade ${direction}`;
  }
  return "an entry";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function matches(expected: unknown, actual: unknown): boolean {
  return differences(expected, actual, "").length === 0;
}

function difference(path: string, text: string): OutcomeDifference {
  return { field: path, label: label(path), text, decisive: decisiveOutcomeFields.includes(path) };
}

function differences(expected: unknown, actual: unknown, path: string): OutcomeDifference[] {
  if (expected === undefined) return [];
  const name = label(path);
  if (Array.isArray(expected)) {
    const given: readonly unknown[] = Array.isArray(actual) ? actual : [];
    const found: OutcomeDifference[] = [];
    if (expected.every((e) => !isRecord(e))) {
      for (const e of expected)
        if (!given.includes(e))
          found.push(
            difference(
              path,
              `${name}: an experienced officer would include “${words(path, e)}”; your screening does not.`,
            ),
          );
      for (const a of given)
        if (!expected.includes(a))
          found.push(
            difference(path, `${name}: your screening includes “${words(path, a)}”; an experienced officer would not.`),
          );
      return found;
    }
    for (const e of expected) {
      if (!given.some((a) => matches(e, a)))
        found.push(
          difference(
            path,
            `${name}: an experienced officer would record ${entryWords(path, e as Record<string, unknown>)}; your screening does not.`,
          ),
        );
    }
    return found;
  }
  if (isRecord(expected)) {
    const given = isRecord(actual) ? actual : {};
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(value, given[key], path === "" ? key : `${path}.${key}`),
    );
  }
  if (actual === undefined)
    return [
      difference(
        path,
        `${name}: an experienced officer would reach “${words(path, expected)}”; your screening recorded none.`,
      ),
    ];
  return expected === actual
    ? []
    : [
        difference(
          path,
          `${name}: your screening gave “${words(path, actual)}”; an experienced officer would reach “${words(path, expected)}”.`,
        ),
      ];
}

const rank = (field: string) => {
  const index = decisiveOutcomeFields.indexOf(field);
  return index === -1 ? decisiveOutcomeFields.length : index;
};

/**
 * Compares an outcome with the parts of it that a scenario expects and returns each difference as a
 * sentence for a learner, with the field it is about, most decisive first (an empty list means they agree).
 * Values read as the labels a learner saw in the screening, never as codes. Lists of values must match as
 * sets; each expected entry of a list of objects must match some actual entry. When the screening ended
 * differently (an emergency stop instead of a completed screening), that is the only difference reported:
 * nothing else of the expected outcome exists to compare.
 *
 * @example outcomeDifferences({ grade: "high" }, outcome)[0]?.text // "Risk grade: your screening gave “Medium”; an experienced officer would reach “High”."
 */
export function outcomeDifferences(expected: ExpectedOutcome, actual: ScreeningOutcome): OutcomeDifference[] {
  if (expected.status !== undefined && expected.status !== actual.status) {
    return differences({ status: expected.status }, { status: actual.status }, "");
  }
  return differences(expected, actual, "")
    .map((found, index) => ({ found, index }))
    .sort((a, b) => rank(a.found.field) - rank(b.found.field) || a.index - b.index)
    .map(({ found }) => found);
}

/**
 * The same comparison as {@link outcomeDifferences}, as sentences only.
 *
 * @example compareOutcome({ grade: "high" }, outcome) // ["Risk grade: your screening gave “Medium”; an experienced officer would reach “High”."]
 */
export function compareOutcome(expected: ExpectedOutcome, actual: ScreeningOutcome): string[] {
  return outcomeDifferences(expected, actual).map((found) => found.text);
}

/** A decisive difference with the reason, from the case, for what an experienced officer reaches. */
export type DecisiveDifference = OutcomeDifference & {
  /** Why the expected value is right on this case; absent when the scenario gives no reason for the field. */
  readonly why?: string;
};

/** The feedback on a practice screening: the one decisive mistake first, then the other differences. */
export interface PracticeFeedback {
  /** True when the outcome agrees with everything the scenario expects. */
  readonly matches: boolean;
  /** The difference that changes the outcome most (see {@link decisiveOutcomeFields}), or null if none does. */
  readonly decisive: DecisiveDifference | null;
  /** Every other difference, most decisive first. */
  readonly others: readonly OutcomeDifference[];
}

/**
 * Feedback on a learner's practice screening: names the decisive difference (the wrong decision, or the
 * missed high-risk factor that lowered the grade) with the case's reason for the expected answer, then
 * the other differences, each in words a learner reads.
 *
 * @example
 * const feedback = practiceFeedback(scenario, outcome);
 * feedback.decisive?.text // "Risk grade: your screening gave “Medium”; an experienced officer would reach “High”."
 * feedback.decisive?.why // "A former partner who breaches a stalking protection order …"
 */
export function practiceFeedback(
  scenario: { readonly expected: ExpectedOutcome; readonly explanations: Readonly<Partial<Record<string, string>>> },
  outcome: ScreeningOutcome,
): PracticeFeedback {
  const found = outcomeDifferences(scenario.expected, outcome);
  const [first, ...rest] = found;
  if (first === undefined || !first.decisive) return { matches: found.length === 0, decisive: null, others: found };
  const why = scenario.explanations[first.field];
  return { matches: false, decisive: why === undefined ? first : { ...first, why }, others: rest };
}
