import { z } from "zod";
import { isKnownRecommendationId, recommendationIds } from "./lookup";
import { DataQualityNoteSchema, IsoDateSchema, SourceSchema, text } from "./model";

/** How far a force has got with a recommendation, an action or a sub-item. */
export const statuses = ["complete", "in-progress", "partial", "not-started", "not-applicable"] as const;

/**
 * A progress status. `partial` means something is in place but the force's own account shows
 * a gap; `in-progress` means the work is under way and not yet in place.
 */
export const StatusSchema = z.enum(statuses, { error: `must be one of: ${statuses.join(", ")}` });

/** A progress status such as `"in-progress"`. */
export type Status = z.infer<typeof StatusSchema>;

/** A recommendation or sub-item id the report actually defines (`"12.1"`), so typos are caught. */
export const KnownRecommendationIdSchema = z
  .string({ error: "must be a recommendation id written as text, e.g. 12 or 12.1" })
  .refine(isKnownRecommendationId, {
    // The value is echoed so the analyst can find it, cut short so a pasted paragraph cannot flood the output.
    error: (issue) =>
      `${JSON.stringify(String(issue.input).slice(0, 20))} is not a recommendation or sub-item in the report (known ids: 1–29 and sub-items such as 12.1)`,
  })
  .meta({ enum: [...recommendationIds] });

/** Something the force will do, with who owns it and when it is due. */
export const ActionSchema = z
  .strictObject({
    description: text("description"),
    ownerRole: text("ownerRole").optional().meta({ description: "A role, never a named person." }),
    due: IsoDateSchema.optional(),
    status: StatusSchema,
  })
  .meta({ title: "Action", description: "Something a force will do in response to a recommendation." });

/** Something a force will do in response to a recommendation. */
export type Action = z.infer<typeof ActionSchema>;

/** The kinds of evidence a force can cite. */
export const evidenceKinds = [
  "policy",
  "training",
  "audit",
  "data",
  "process",
  "system",
  "partnership",
  "document",
  "other",
] as const;

/** A kind of evidence, e.g. `"audit"`. */
export const EvidenceKindSchema = z.enum(evidenceKinds, { error: `must be one of: ${evidenceKinds.join(", ")}` });

/** A kind of evidence. */
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/** Something that shows a response is real: a policy, an audit, a training record… */
export const EvidenceSchema = z
  .strictObject({
    kind: EvidenceKindSchema,
    description: text("description"),
    reference: text("reference").optional().meta({ description: "A document id or web address." }),
  })
  .meta({ title: "Evidence", description: "Something that shows a response is real." });

/** Something that shows a response is real. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * A dated entry in a response's updates history (recommendation 28.2 asks forces to report progress):
 * the status as of `date`, what changed (`note`, the update's narrative) and where it was published.
 * `date` is the date of the source that reports the update, so nothing is dated more precisely than the
 * source allows.
 */
export const ProgressUpdateSchema = z
  .strictObject({
    date: IsoDateSchema,
    status: StatusSchema,
    note: text("note").meta({ description: "The update's narrative: what changed, in the source's terms." }),
    source: SourceSchema.optional().meta({
      description: "Where the update was published; left out only for a force's own unpublished note.",
    }),
  })
  .meta({ title: "ProgressUpdate", description: "A dated entry in the updates history of one response." });

/** A dated progress report on one response. */
export type ProgressUpdate = z.infer<typeof ProgressUpdateSchema>;

/** A force's answer to one recommendation or sub-item. */
export const PlanResponseSchema = z
  .strictObject({
    id: KnownRecommendationIdSchema,
    status: StatusSchema,
    statusWording: text("statusWording")
      .optional()
      .meta({ description: "The force's own words for its status, e.g. 'Not relevant to Essex'." }),
    narrative: text("narrative"),
    actions: z.array(ActionSchema).default([]),
    evidence: z.array(EvidenceSchema).default([]),
    updates: z.array(ProgressUpdateSchema).default([]),
  })
  .meta({ title: "PlanResponse", description: "A force's answer to one recommendation or sub-item." });

/** A force's answer to one recommendation or sub-item. */
export type PlanResponse = z.infer<typeof PlanResponseSchema>;

/** A force's published response to the report's recommendations. */
export const ActionPlanSchema = z
  .strictObject({
    force: text("force"),
    published: IsoDateSchema.optional().meta({ description: "Left out when the source carries no date." }),
    source: SourceSchema,
    responses: z.array(PlanResponseSchema).min(1, "a plan must answer at least one recommendation"),
    notes: z.array(DataQualityNoteSchema).default([]),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>();
    plan.responses.forEach((response, index) => {
      const first = seen.get(response.id);
      if (first === undefined) seen.set(response.id, index);
      else
        ctx.addIssue({
          code: "custom",
          path: ["responses", index, "id"],
          message: `${response.id} is answered twice (first at responses[${first}]); merge the two answers`,
        });
    });
  })
  .meta({ title: "ActionPlan", description: "A force's published response to the stalking super-complaint report." });

/** A force's published response to the report's recommendations (as parsed, defaults filled in). */
export type ActionPlan = z.infer<typeof ActionPlanSchema>;

/** An action plan as written in a file: the lists a parse fills with defaults may be left out. */
export type ActionPlanInput = z.input<typeof ActionPlanSchema>;
