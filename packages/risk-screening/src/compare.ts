import type { ScreeningOutcome } from "./schemas";

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
