import { z } from "zod";
import type { StepId, TaskId } from "./questions";
import { steps, tasks } from "./questions";
import {
  ActorSchema,
  AnswersSchema,
  AuditEntrySchema,
  ClassificationSchema,
  EarlierScreeningSchema,
  ForceConfigSchema,
  GradeSchema,
  IncidentSchema,
  OverrideSchema,
} from "./schemas";
import type { Issue } from "./schemas";

const stepIds = Object.keys(steps) as [StepId, ...StepId[]];
const taskIds = Object.keys(tasks) as [TaskId, ...TaskId[]];

/** One problem with an event: {@link Issue} plus `field`, the path joined with dots (a question id for answers). */
export type RejectionIssue = Issue & { readonly field: string };

/** Why the last event was not accepted; a host shows `reason` (and `issues` in an error summary). */
export const RejectionSchema = z.object({
  event: z.string(),
  reason: z.string().min(1),
  issues: z.array(
    z.object({ path: z.array(z.union([z.string(), z.number()])), field: z.string(), message: z.string().min(1) }),
  ),
  at: z.iso.datetime(),
});
/** Why the last event was not accepted. */
export type Rejection = z.infer<typeof RejectionSchema>;

/** The grade the officer set, with the grade the rules proposed at that moment. */
export const GradeDecisionSchema = z.object({
  value: GradeSchema,
  proposed: GradeSchema,
  rationale: z.string(),
  by: ActorSchema,
});
/** The grade the officer set, with the grade the rules proposed at that moment. */
export type GradeDecision = z.infer<typeof GradeDecisionSchema>;

/** A completed task's answers and who gave them. */
export const TaskRecordSchema = z.object({ answers: AnswersSchema, by: ActorSchema });
/** A completed task's answers and who gave them. */
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

/**
 * Everything the screening knows, as a schema so that a restored snapshot is checked field by field.
 * It is plain JSON so that a persisted snapshot restores exactly; hosts read it through the selectors.
 */
export const ScreeningContextSchema = z.object({
  config: ForceConfigSchema,
  actor: ActorSchema.nullable(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  step: z.enum(stepIds).nullable(),
  /** Answers to the fixed steps, by question id (ids are unique across steps). */
  answers: AnswersSchema,
  incidents: z.array(IncidentSchema),
  /** Answers to instrument questions, by instrument question id. */
  instrumentAnswers: z.record(z.string(), z.string()),
  instrumentIndex: z.number().int().nonnegative(),
  classification: ClassificationSchema.nullable(),
  grade: GradeDecisionSchema.nullable(),
  overrides: z.array(OverrideSchema),
  supervisor: z
    .object({ actor: ActorSchema, decision: z.enum(["approved", "reclassified"]), reason: z.string().optional() })
    .nullable(),
  /** A supervisor's change of classification (rec 23), kept apart from the rules' own classification. */
  reclassification: z.object({ from: ClassificationSchema, reason: z.string(), by: ActorSchema }).nullable(),
  taskRecords: z.partialRecord(z.enum(taskIds), TaskRecordSchema),
  dmmListed: z.boolean(),
  reopenedCount: z.number().int().nonnegative(),
  /** The completed screenings this one follows, oldest first (empty for a first screening). */
  earlier: z.array(EarlierScreeningSchema),
  auditTrail: z.array(AuditEntrySchema),
  lastRejection: RejectionSchema.nullable(),
});
/** Everything the screening knows. */
export type ScreeningContext = z.infer<typeof ScreeningContextSchema>;
