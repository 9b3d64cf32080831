import { IMPORT_SOURCE_EXTENSION } from "../../shared/api";

/**
 * What both statement writers take: ingestion's group commit (the happy path, ingest.ts) and the ledger's
 * one-learner transaction (exact rules and scored attempts, ledger.ts).
 */

/** The parts of a stored statement the projection reads. */
export interface ProjectedStatement {
  id: string;
  verb: string;
  objectId: string;
  timestamp: Date;
  scoreScaled?: number | undefined;
  /**
   * For a completion imported from another platform, that platform's name (the statement's
   * {@link IMPORT_SOURCE_EXTENSION} context extension); undefined for everything earned here.
   */
  source?: string | undefined;
}

/** The learner a statement is about (always the signed-in user for client writes). */
export interface Learner {
  id: string;
  forceId: string;
  unitId: string | null;
  jobRole: string;
}

/** A statement ready to store: the full xAPI JSON plus the columns extracted from it. */
export interface NewStatement extends ProjectedStatement {
  /** The curriculum module it is about; `null` (an LRS client's statement about another activity): not projected. */
  moduleId: string | null;
  registration: string | null;
  /** The complete statement as stored and, unless `contentHash` is given, as hashed for idempotency. */
  body: Record<string, unknown>;
  /**
   * The hash that decides "same statement" when the body holds properties the comparison ignores (an LRS
   * client's statement carries `authority` and `version`, which xAPI Data 2.3.1 leaves out of the comparison).
   */
  contentHash?: string;
  /** The statement a StatementRef object points at (for a voiding statement, the one it voids). */
  refTarget?: string | null;
  /** A voiding statement (verb `voided`). */
  voiding?: boolean;
}

/** A certificate issued together with the `completed` statement it belongs to. */
export interface NewCertificate {
  id: string;
  moduleVersion: string;
  scorePercent: number;
}

/** A learner as the statement writers need them: always the signed-in user, never one named in the request. */
export const learnerOf = (user: Learner): Learner => ({
  id: user.id,
  forceId: user.forceId,
  unitId: user.unitId,
  jobRole: user.jobRole,
});

/** The platform an imported completion's context names, if it names one. */
export function importSourceOf(context: Record<string, unknown>): string | undefined {
  const extensions = context.extensions;
  if (typeof extensions !== "object" || extensions === null) return undefined;
  const source = (extensions as Record<string, unknown>)[IMPORT_SOURCE_EXTENSION];
  return typeof source === "string" ? source : undefined;
}
