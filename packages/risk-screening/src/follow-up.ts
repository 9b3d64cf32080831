import type { ScreeningContext } from "./context";
import type { ScreeningInput } from "./machine";
import type { Answers, EarlierScreening, ForceConfig, Issue, Result, ScreeningOutcome } from "./schemas";
import { IncidentSchema, check } from "./schemas";

/** The answers a follow-up screening starts from: the facts about the people and orders, and the breach flag. */
const carriedAnswers = ["relationship", "personallyConnected", "existingOrders", "orderBreached"] as const;

/** A finished screening as a host holds it: an actor's snapshot, or one restored with `restoreScreening`. */
export interface FinishedScreening {
  readonly status: string;
  readonly context: ScreeningContext;
  readonly output?: ScreeningOutcome | undefined;
}

/** Options for {@link followUpScreening}. */
export interface FollowUpOptions {
  /** The new incident that opens the follow-up (`date`, `behaviours`, optional `summary`). */
  readonly incident: unknown;
  /** Today's date (YYYY-MM-DD) for the date check; defaults to the system clock's. */
  readonly today?: string;
  /** The force configuration to use now; defaults to the one the earlier screening used. */
  readonly config?: ForceConfig;
}

const issue = (path: (string | number)[], message: string): Result<never> => ({
  ok: false,
  issues: [{ path, message }],
});

/**
 * Opens a follow-up screening when a new incident is reported after a screening was completed, instead
 * of starting from nothing. The result is the `input` for a new actor: it is linked to the earlier
 * screening and carries its outcome (classification, grade, the breach flag) and audit trail in
 * `context.earlier`, its incidents plus the new one, and its answers about the people and orders
 * (prefilled for the officer to confirm). The proposed grade does not fall below the earlier grade.
 * The earlier screening is only read, never changed. Never throws.
 */
export function followUpScreening(previous: FinishedScreening, options: FollowUpOptions): Result<ScreeningInput> {
  const outcome = previous.output;
  if (previous.status !== "done" || outcome === undefined) {
    return issue(["previous"], "Only a completed screening can be followed up; continue this screening instead");
  }
  if (outcome.status !== "completed") {
    return issue(
      ["previous"],
      "An emergency screening ended before any outcome; start a new screening once everyone is safe",
    );
  }
  const incident = check(IncidentSchema, options.incident);
  if (!incident.ok) {
    return { ok: false, issues: incident.issues.map((i): Issue => ({ ...i, path: ["incident", ...i.path] })) };
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (incident.value.date > today) return issue(["incident", "date"], '"incident.date" must be today or in the past');
  const { context } = previous;
  const earlier: EarlierScreening = {
    startedAt: outcome.startedAt,
    endedAt: outcome.endedAt,
    classification: outcome.classification,
    grade: outcome.grade,
    heightenedRisk: outcome.flags.heightenedRisk,
    incidentCount: outcome.incidentCount,
    auditTrail: [...outcome.auditTrail],
  };
  const answers: Answers = {};
  for (const id of carriedAnswers) {
    const value = context.answers[id];
    if (value !== undefined) answers[id] = value;
  }
  return {
    ok: true,
    value: {
      config: options.config ?? context.config,
      follows: {
        earlier: [...context.earlier, earlier],
        answers,
        incidents: [...context.incidents, incident.value],
      },
    },
  };
}
