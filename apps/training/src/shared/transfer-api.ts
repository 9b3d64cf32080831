import { z } from "zod";

/**
 * Records that travel (issue 19): completions and statements exported for another platform. Trainers and admins,
 * their own force only; each export is audited before its first byte.
 */
export const transferPaths = {
  /** One module's completions, one row per learner with a record: the generic CSV. */
  completionsCsv: "/api/trainer/exports/completions.csv",
  /** Totara's certification completion upload (username, certification short name / id number, dates). */
  totaraCsv: "/api/trainer/exports/totara-certifications.csv",
  /** xAPI statements as JSON lines, one learner's or the whole force's. */
  statementsJsonl: "/api/trainer/exports/statements.jsonl",
} as const;

const moduleId = z.string().regex(/^[a-z0-9-]{1,100}$/, "must be a module id (lower-case letters, digits, hyphens)");

/** `GET completions.csv`. */
export const CompletionsExportQuerySchema = z.object({ module: moduleId });

/** `GET totara-certifications.csv`. */
export const TotaraExportQuerySchema = z.object({
  module: moduleId,
  /**
   * The certification's short name in Totara (defaults to the module id); Totara matches a row on the short name
   * or the id number, so give the one the force's Totara holds.
   */
  shortname: z.string().trim().min(1).max(255).optional(),
  idnumber: z.string().trim().min(1).max(100).optional(),
  /** Which of the learner's identifiers is their Totara username: email (default) or collar number. */
  username: z.enum(["email", "collar-number"]).default("email"),
});

/** `GET statements.jsonl`: one learner's statements, or the whole force's without `learner`. */
export const StatementsExportQuerySchema = z.object({ learner: z.uuid().optional() });
