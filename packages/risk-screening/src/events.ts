import { z } from "zod";
import type { StepId, TaskId } from "./questions";
import { steps, tasks } from "./questions";
import { ActorSchema, AnswersSchema, ClassificationSchema, IncidentSchema } from "./schemas";

const stepIds = Object.keys(steps) as [StepId, ...StepId[]];
const taskIds = Object.keys(tasks) as [TaskId, ...TaskId[]];
const reason = z.string().trim().min(1, "must give a reason").max(4000);
const optionalActor = { actor: ActorSchema.optional() };

/** Where a supervisor can send a screening back to. */
export const ReturnTargetSchema = z.enum(["identification", "risk", "grading"]);

/**
 * Every event the screening accepts, as a zod schema so that payloads from a UI or an API are checked
 * at run time as well as compile time. `actor` is optional where the person who started the screening
 * is assumed; supervisor events always name their actor.
 */
export const ScreeningEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("screening.start"), actor: ActorSchema }),
  z.object({ type: z.literal("answer.submit"), answers: AnswersSchema, ...optionalActor }),
  z.object({ type: z.literal("step.back"), ...optionalActor }),
  z.object({ type: z.literal("step.edit"), step: z.enum(stepIds), ...optionalActor }),
  z.object({ type: z.literal("incident.add"), incident: IncidentSchema, ...optionalActor }),
  z.object({ type: z.literal("incident.remove"), index: z.number().int().nonnegative(), ...optionalActor }),
  z.object({ type: z.literal("breach.report"), note: z.string().max(4000).optional(), ...optionalActor }),
  z.object({ type: z.literal("screening.submit"), ...optionalActor }),
  z.object({ type: z.literal("supervisor.approve"), actor: ActorSchema, reason: z.string().max(4000).optional() }),
  z.object({
    type: z.literal("supervisor.reclassify"),
    actor: ActorSchema,
    classification: ClassificationSchema,
    reason,
  }),
  z.object({ type: z.literal("supervisor.return"), actor: ActorSchema, to: ReturnTargetSchema, reason }),
  z.object({ type: z.literal("task.submit"), task: z.enum(taskIds), answers: AnswersSchema, ...optionalActor }),
]);

/** An event the screening machine accepts. */
export type ScreeningEvent = z.infer<typeof ScreeningEventSchema>;
/** The `type` of a {@link ScreeningEvent}. */
export type ScreeningEventType = ScreeningEvent["type"];
/** Every event type, for hosts that build menus or validate input. */
export const screeningEventTypes: readonly ScreeningEventType[] = ScreeningEventSchema.options.map(
  (option) => option.shape.type.value,
);
