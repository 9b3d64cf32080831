import type { Snapshot } from "xstate";
import { z } from "zod";
import type { ParseResult } from "./schemas";
import { ForceConfigSchema, formatIssues } from "./schemas";

/** The format tag written into every persisted screening. */
export const SNAPSHOT_FORMAT = "stalking-response/risk-screening";
/** The snapshot version this release writes and reads. Bump it (and add a migration) when context changes shape. */
export const SNAPSHOT_VERSION = 1;

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
    context: z.looseObject({ config: ForceConfigSchema, auditTrail: z.array(z.unknown()) }),
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

/**
 * Checks a stored screening (JSON text or parsed JSON) and returns the snapshot to pass to
 * `createActor(machine, { snapshot, input })`. An unknown format or version, or a damaged snapshot,
 * gives errors naming the field; it never throws.
 */
export function restoreScreening(stored: unknown): ParseResult<Snapshot<unknown>> {
  let data = stored;
  if (typeof stored === "string") {
    try {
      data = JSON.parse(stored) as unknown;
    } catch (error) {
      return {
        success: false,
        errors: [`(root): not valid JSON (${error instanceof Error ? error.message : "parse error"})`],
      };
    }
  }
  const version = typeof data === "object" && data !== null ? (data as { version?: unknown }).version : undefined;
  if (typeof version === "number" && version !== SNAPSHOT_VERSION) {
    return {
      success: false,
      errors: [
        `version: this screening was saved in snapshot version ${version}, but this release of @stalking-response/risk-screening reads version ${SNAPSHOT_VERSION} only`,
      ],
    };
  }
  const parsed = EnvelopeSchema.safeParse(data);
  if (!parsed.success) return { success: false, errors: formatIssues(parsed.error) };
  return { success: true, data: parsed.data.snapshot as unknown as Snapshot<unknown> };
}
