import { z } from "zod";

/**
 * A recommendation number (`"12"`) or sub-item (`"12.1"`) as the report numbers them (1–29).
 *
 * @example RecommendationIdSchema.parse("13.1");
 */
export const RecommendationIdSchema = z
  .string()
  .regex(
    /^(?:[1-9]|1\d|2\d)(?:\.[1-9]\d?)?$/,
    "must be a recommendation number 1–29, optionally with a sub-item, e.g. 12 or 12.1",
  );

/** A recommendation number or sub-item id such as `"12.1"`. */
export type RecommendationId = z.infer<typeof RecommendationIdSchema>;
