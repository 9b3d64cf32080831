import { z } from "zod";

/**
 * Where a learner stands on a module, as every view shows it. A completion lasts the module's
 * `validityMonths`; for the last {@link RENEWAL_WINDOW_DAYS} days it is due for renewal, then it has expired
 * and the learner must take the module again.
 */
export const TrainingStatusSchema = z.enum(["not-started", "in-progress", "completed", "due-for-renewal", "expired"]);

/** Where a learner stands on a module: see {@link TrainingStatusSchema}. */
export type TrainingStatus = z.infer<typeof TrainingStatusSchema>;

/**
 * What a learning record stores: not started, in progress or completed. Renewal and expiry are not stored;
 * they are read from the completion's expiry against a clock ({@link trainingStatus}).
 */
export const RecordedStatusSchema = z.enum(["not-started", "in-progress", "completed"]);

/** What a learning record stores: see {@link RecordedStatusSchema}. */
export type RecordedStatus = z.infer<typeof RecordedStatusSchema>;
