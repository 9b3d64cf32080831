import type { AnyStateNode, Snapshot, StateValue } from "xstate";
import { z } from "zod";
import { ScreeningContextSchema } from "./context";
import type { ScreeningContext } from "./context";
import { screeningMachine } from "./machine";
import type { Issue, Result } from "./schemas";
import { check, fieldName } from "./schemas";

/** The format tag written into every persisted screening. */
export const SNAPSHOT_FORMAT = "stalking-response/risk-screening";
/**
 * The snapshot version this release writes and reads. Bump it (and add a migration) when context changes
 * shape. Version 2 added `earlier` (follow-up screenings).
 */
export const SNAPSHOT_VERSION = 2;

/** A persisted screening: plain JSON, tagged with format and version. */
export interface PersistedScreening {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly savedAt: string;
  readonly snapshot: Snapshot<unknown>;
}

const EnvelopeSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT, `must be "${SNAPSHOT_FORMAT}"`),
  version: z.number().int(),
  savedAt: z.iso.datetime(),
  snapshot: z.looseObject({
    status: z.enum(["active", "done"], "must be an active or finished screening"),
    value: z.union([z.string(), z.record(z.string(), z.unknown())]),
    context: ScreeningContextSchema,
  }),
});

/**
 * Wraps an actor's persisted snapshot (`actor.getPersistedSnapshot()`) with format and version so that a
 * host can store it as JSON and restore it with {@link restoreScreening}.
 */
export function persistScreening(
  actor: { getPersistedSnapshot(): Snapshot<unknown> },
  savedAt: Date = new Date(),
): PersistedScreening {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    savedAt: savedAt.toISOString(),
    // A JSON round trip proves here, not at restore time, that the snapshot is plain data.
    snapshot: JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as Snapshot<unknown>,
  };
}

const problem = (path: (string | number)[], message: string): Result<never> => ({
  ok: false,
  issues: [{ path, message }],
});

/** The step a state's entry sets (`enterStep`), from the deepest active state that sets one. */
function stepOfNodes(nodes: readonly AnyStateNode[]): string | null | undefined {
  let step: string | null | undefined;
  for (const node of nodes) {
    for (const action of node.entry) {
      const params = (action as { type?: unknown; params?: { step?: string } }).params;
      if ((action as { type?: unknown }).type === "enterStep" && params?.step) step = params.step;
    }
  }
  return step;
}

// Tampering or damage the schema cannot see: the state must exist in this machine and agree with the
// context, and a started screening keeps its audit trail from the start.
function consistencyIssues(value: StateValue, status: string, context: ScreeningContext): Issue[] {
  let resolved;
  try {
    resolved = screeningMachine.resolveState({ value, context });
  } catch {
    return [
      {
        path: ["snapshot", "value"],
        message: `The saved state ${JSON.stringify(value)} does not exist in this screening`,
      },
    ];
  }
  const issues: Issue[] = [];
  const finished = resolved.status === "done";
  if (finished !== (status === "done")) {
    issues.push({
      path: ["snapshot", "status"],
      message: `"snapshot.status" says the screening is ${status === "done" ? "finished" : "active"}, but its state says otherwise`,
    });
  }
  const idle = resolved.matches("idle");
  const step = stepOfNodes(resolved._nodes);
  if (idle ? context.step !== null : step !== undefined && step !== context.step) {
    issues.push({
      path: ["snapshot", "context", "step"],
      message: `"snapshot.context.step" is ${JSON.stringify(context.step)}, but the saved state is at ${JSON.stringify(idle ? null : step)}`,
    });
  }
  if (!idle) {
    // Rejected events before the start are audited too, so the first accepted entry is the start.
    const start = context.auditTrail.find((entry) => entry.accepted);
    if (start?.event !== "screening.start") {
      issues.push({
        path: ["snapshot", "context", "auditTrail"],
        message: `"snapshot.context.auditTrail" must keep every entry from the start of the screening; its first accepted entry is ${start ? `"${start.event}"` : "missing"}`,
      });
    }
    if (context.actor === null || context.startedAt === null) {
      issues.push({
        path: ["snapshot", "context", "actor"],
        message: '"snapshot.context.actor" and "startedAt" must be set once a screening has started',
      });
    }
  }
  const times = context.auditTrail.map((entry) => entry.at);
  const outOfOrder = times.findIndex((at, i) => i > 0 && at < (times[i - 1] ?? at));
  if (outOfOrder > 0) {
    issues.push({
      path: ["snapshot", "context", "auditTrail", outOfOrder, "at"],
      message: `${fieldName(["snapshot", "context", "auditTrail", outOfOrder, "at"])} is earlier than the entry before it`,
    });
  }
  return issues;
}

/**
 * Checks a stored screening (JSON text or parsed JSON) and returns the snapshot to pass to
 * `createActor(machine, { snapshot, input })`. It checks the envelope, every field of the context against
 * the schema, that the state exists in this machine and agrees with the context, and that the audit trail
 * is intact from the start; each problem comes back as an issue naming the field. It never throws.
 */
export function restoreScreening(stored: unknown): Result<Snapshot<unknown>> {
  let data = stored;
  if (typeof stored === "string") {
    try {
      data = JSON.parse(stored) as unknown;
    } catch (error) {
      return problem(
        [],
        `The saved screening is not valid JSON (${error instanceof Error ? error.message : "parse error"})`,
      );
    }
  }
  const version = typeof data === "object" && data !== null ? (data as { version?: unknown }).version : undefined;
  if (typeof version === "number" && version !== SNAPSHOT_VERSION) {
    return problem(
      ["version"],
      `"version": this screening was saved in snapshot version ${version}, but this release of @stalking-response/risk-screening reads version ${SNAPSHOT_VERSION} only`,
    );
  }
  const parsed = check(EnvelopeSchema, data);
  if (!parsed.ok) return parsed;
  const { snapshot } = parsed.value;
  const issues = consistencyIssues(snapshot.value as StateValue, snapshot.status, snapshot.context);
  if (issues.length) return { ok: false, issues };
  // The original object, not the parsed copy: a restore must be exact.
  return { ok: true, value: (data as { snapshot: Snapshot<unknown> }).snapshot };
}
