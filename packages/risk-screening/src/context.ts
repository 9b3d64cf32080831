import type { StepId, TaskId } from "./questions";
import type { Actor, Answers, AuditEntry, Classification, ForceConfig, Grade, Incident, Override } from "./schemas";

/** One problem with an event or its payload: the field (question id or payload path) and the reason. */
export interface Issue {
  readonly field: string;
  readonly message: string;
}

/** Why the last event was not accepted; a host shows `reason` (and `issues` in an error summary). */
export interface Rejection {
  readonly event: string;
  readonly reason: string;
  readonly issues: readonly Issue[];
  readonly at: string;
}

/** The grade the officer set, with the grade the rules proposed at that moment. */
export interface GradeDecision {
  readonly value: Grade;
  readonly proposed: Grade;
  readonly rationale: string;
  readonly by: Actor;
}

/** A completed task's answers and who gave them. */
export interface TaskRecord {
  readonly answers: Answers;
  readonly by: Actor;
}

/**
 * Everything the screening knows. It is plain JSON so that a persisted snapshot restores exactly;
 * hosts read it through the selectors rather than directly.
 */
export interface ScreeningContext {
  readonly config: ForceConfig;
  readonly actor: Actor | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly step: StepId | null;
  /** Answers to the fixed steps, by question id (ids are unique across steps). */
  readonly answers: Answers;
  readonly incidents: readonly Incident[];
  /** Answers to instrument questions, by instrument question id. */
  readonly instrumentAnswers: Readonly<Record<string, string>>;
  readonly instrumentIndex: number;
  readonly classification: Classification | null;
  readonly grade: GradeDecision | null;
  readonly overrides: readonly Override[];
  readonly supervisor: {
    readonly actor: Actor;
    readonly decision: "approved" | "reclassified";
    readonly reason?: string;
  } | null;
  /** A supervisor's change of classification (rec 23), kept apart from the rules' own classification. */
  readonly reclassification: { readonly from: Classification; readonly reason: string; readonly by: Actor } | null;
  readonly taskRecords: Readonly<Partial<Record<TaskId, TaskRecord>>>;
  readonly dmmListed: boolean;
  readonly reopenedCount: number;
  readonly auditTrail: readonly AuditEntry[];
  readonly lastRejection: Rejection | null;
}
