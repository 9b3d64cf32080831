/**
 * The CSV imports part of the API contract (issues 15 and 19): an admin uploads a file of people from HR, or of
 * completions from another platform, sees what each row would do (a dry run), then applies exactly that.
 *
 * The file is sent as the request body (`content-type: text/csv`, UTF-8 with or without a byte-order mark), both
 * to preview and to apply: the server keeps no copy. Applying re-reads the file against the database as it is
 * then and refuses (409 `import-outdated`) when the outcome is no longer the one the preview's `fingerprint`
 * stood for. The columns are documented in apps/training/README.md ("Importing people and completions").
 */
import { z } from "zod";

/** Import route paths. */
export const importPaths = {
  /** POST a CSV of people: a dry run; nothing is written. */
  peoplePreview: "/api/admin/imports/people/preview",
  /** POST the same CSV of people with the preview's fingerprint: applies it in one transaction. */
  peopleApply: "/api/admin/imports/people/apply",
  /** POST a CSV of prior completions: a dry run. */
  completionsPreview: "/api/admin/imports/completions/preview",
  /** POST the same CSV of completions with the preview's fingerprint: applies it. */
  completionsApply: "/api/admin/imports/completions/apply",
} as const;

/** The most bytes an import file may have (a force of 50,000 people is about 6 MB). */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;
/** The most data rows an import file may have. */
export const IMPORT_MAX_ROWS = 100_000;

/**
 * A full load says the file is everyone: HR-managed people of the force missing from it are disabled (never
 * deleted). A change-only load touches only the people in the file.
 */
export const LoadTypeSchema = z.enum(["full", "change-only"]);
/** Full or change-only. */
export type LoadType = z.infer<typeof LoadTypeSchema>;

/** `?load=` of a people preview or apply. */
export const PeoplePreviewQuerySchema = z.object({ load: LoadTypeSchema });

const FingerprintSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "must be the fingerprint a preview of this file gave (64 hexadecimal characters)");

/** `?load=&fingerprint=` of a people apply. */
export const PeopleApplyQuerySchema = PeoplePreviewQuerySchema.extend({ fingerprint: FingerprintSchema });

/** `?fingerprint=` of a completions apply. */
export const CompletionsApplyQuerySchema = z.object({ fingerprint: FingerprintSchema });

/** What applying a row would do. */
export const RowOutcomeSchema = z.enum(["create", "update", "disable", "unchanged", "error"]);
/** A row's outcome. */
export type RowOutcome = z.infer<typeof RowOutcomeSchema>;

/** One field a row changes: what it holds now and what it will hold (as text people read). */
export const FieldChangeSchema = z.object({
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
/** A field change. */
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** What is wrong with one cell (or the row as a whole, `column` naming the one to fix). */
export const CellErrorSchema = z.object({ column: z.string(), reason: z.string() });
/** A cell error. */
export type CellError = z.infer<typeof CellErrorSchema>;

/** One row of the preview. */
export const PreviewRowSchema = z.object({
  /**
   * The row as a spreadsheet numbers it (the header is row 1); `null` for a person the file leaves out whom a
   * full load disables.
   */
  row: z.number().int().min(2).nullable(),
  outcome: RowOutcomeSchema,
  /** Who or what the row is about, as the file names it (employee number; or collar number/email and module). */
  key: z.string(),
  /** A person's name, when known. */
  name: z.string().nullable(),
  changes: z.array(FieldChangeSchema),
  errors: z.array(CellErrorSchema),
  /** Why a row changes nothing, when that is not obvious ("a later completion is already recorded"). */
  note: z.string().optional(),
});
/** A preview row. */
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

/** How many rows have each outcome. */
export const OutcomeCountsSchema = z.object({
  create: z.number().int().min(0),
  update: z.number().int().min(0),
  disable: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  error: z.number().int().min(0),
});
/** Counts per outcome. */
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

/** A dry run's answer: every row's outcome, and the fingerprint to apply it with. */
export const ImportPreviewSchema = z.object({
  kind: z.enum(["people", "completions"]),
  load: LoadTypeSchema,
  /** SHA-256 of the file's bytes (recorded in the audit log when applied). */
  fileSha256: z.string(),
  /** SHA-256 of the outcomes: applying refuses if the same file would now do anything else. */
  fingerprint: z.string(),
  counts: OutcomeCountsSchema,
  rows: z.array(PreviewRowSchema),
});
/** A preview. */
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** An applied import: what was done. Rows with errors were skipped and nobody on them was changed. */
export const ImportResultSchema = z.object({
  kind: z.enum(["people", "completions"]),
  load: LoadTypeSchema,
  fileSha256: z.string(),
  counts: OutcomeCountsSchema,
});
/** An import result. */
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** The columns of a people file, in the order the documentation lists them. */
export const PEOPLE_COLUMNS = [
  "employee_number",
  "collar_number",
  "given_name",
  "family_name",
  "email",
  "unit",
  "job_role",
  "role",
  "placed_date",
  "status",
] as const;

/** The columns of a completions file. */
export const COMPLETION_COLUMNS = ["collar_number", "email", "module", "completion_date", "score", "source"] as const;
