import { z } from "zod";
import { RecommendationIdSchema } from "./ids";
import { addressees, themes } from "./vocabulary";

export { addresseeNames, addressees, themeNames, themes } from "./vocabulary";

/**
 * A calendar date written `YYYY-MM-DD` (ISO 8601), as used for every date in the model.
 *
 * Dates are strings, not `Date` objects, so the data survives JSON unchanged and compares
 * correctly as text.
 */
export const IsoDateSchema = z.iso.date({ error: "must be a date written YYYY-MM-DD, e.g. 2025-03-27" });

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = z.infer<typeof IsoDateSchema>;

/**
 * Text that must contain something other than spaces. A pattern rather than a trim, so the JSON
 * Schema files enforce exactly the same rule.
 *
 * @internal
 */
export const text = (what: string) => z.string().regex(/\S/, `${what} must not be empty`);

/** Where a fact came from: a named publication and, where it has one, its web address. */
export const SourceSchema = z
  .strictObject({
    title: text("title"),
    publisher: text("publisher"),
    // One regular expression, so zod and the JSON Schema files accept exactly the same addresses
    // (zod's z.url() and JSON Schema's "uri" format disagree on hundreds of edge cases).
    url: z
      .string()
      .regex(
        /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/,
        "must be a web address starting http:// or https://, e.g. https://www.example.police.uk/plan",
      )
      .optional(),
    note: text("note").optional(),
  })
  .meta({ title: "Source", description: "A publication a fact was taken from." });

/** A publication a fact was taken from. */
export type Source = z.infer<typeof SourceSchema>;

/** A known error or gap in a source, recorded rather than silently corrected or copied. */
export const DataQualityNoteSchema = z
  .strictObject({
    about: text("about").meta({ description: "What the note concerns: a recommendation id or a field name." }),
    note: text("note"),
  })
  .meta({ title: "DataQualityNote", description: "A known error or gap in a source." });

/** A known error or gap in a source. */
export type DataQualityNote = z.infer<typeof DataQualityNoteSchema>;

/** One of the bodies the report addressed recommendations to, e.g. `"chief-constables"`. */
export const AddresseeSchema = z.enum(addressees, {
  error: `must be one of the report's addressees: ${addressees.join(", ")}`,
});

/** A body the report addressed recommendations to. */
export type Addressee = z.infer<typeof AddresseeSchema>;

/** A topic a recommendation belongs to, e.g. `"spo"` (stalking protection orders). */
export const ThemeSchema = z.enum(themes, { error: `must be one of the themes: ${themes.join(", ")}` });

/** A topic a recommendation belongs to. */
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * How a deadline is derived from the report's publication date. The report states its
 * deadlines as periods after publication, so the basis is kept beside the date.
 */
export const DeadlineBasisSchema = z.enum(["56-days", "6-months", "12-months"], {
  error: "must be 56-days, 6-months or 12-months (after publication)",
});

/** The period after publication that a deadline is set by. */
export type DeadlineBasis = z.infer<typeof DeadlineBasisSchema>;

/** A deadline: the date and the period after publication it comes from. */
export const DeadlineSchema = z
  .strictObject({ date: IsoDateSchema, basis: DeadlineBasisSchema })
  .meta({ title: "Deadline", description: "A deadline and the period after publication it is derived from." });

/** A deadline and the period after publication it is derived from. */
export type Deadline = z.infer<typeof DeadlineSchema>;

/** A numbered sub-item of a recommendation (`"12.1"`) with our own summary and its deadline. */
export const SubItemSchema = z
  .strictObject({
    id: RecommendationIdSchema.regex(/\./, "a sub-item id needs a dot, e.g. 12.1"),
    summary: text("summary"),
    deadline: DeadlineSchema,
  })
  .meta({ title: "SubItem", description: "A numbered sub-item of a recommendation." });

/** A numbered sub-item of a recommendation. */
export type SubItem = z.infer<typeof SubItemSchema>;

/**
 * One of the report's 29 recommendations.
 *
 * `confirmed: false` means the wording could not be read from any available source: such a
 * recommendation carries its number and only what is known (often no addressee, deadline,
 * theme or sub-item), never a guess.
 */
export const RecommendationSchema = z
  .strictObject({
    number: z
      .number({ error: "must be a whole number from 1 to 29" })
      .int("must be a whole number from 1 to 29")
      .min(1, "must be a whole number from 1 to 29")
      .max(29, "must be a whole number from 1 to 29"),
    confirmed: z.boolean(),
    title: text("title").meta({ description: "A short label in our own words." }),
    summary: text("summary").meta({ description: "What the recommendation asks, in our own words." }),
    addressees: z.array(AddresseeSchema).meta({ description: "Empty when the addressee is not known." }),
    deadlines: z.array(DeadlineSchema).meta({ description: "Empty when the deadline is not known." }),
    subItems: z.array(SubItemSchema),
    themes: z.array(ThemeSchema),
    sources: z.array(SourceSchema).min(1, "every recommendation must name at least one source"),
    notes: z.array(DataQualityNoteSchema),
  })
  .superRefine((rec, ctx) => {
    rec.subItems.forEach((item, index) => {
      if (!item.id.startsWith(`${rec.number}.`)) {
        ctx.addIssue({
          code: "custom",
          path: ["subItems", index, "id"],
          message: `sub-item ${item.id} does not belong to recommendation ${rec.number}`,
        });
      }
    });
  })
  .meta({
    title: "Recommendation",
    description: "One of the 29 recommendations of the 2024 stalking super-complaint report.",
  });

/** One of the report's 29 recommendations. */
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** The investigating bodies of the super-complaint. */
export const InvestigatingBodySchema = z.enum(["hmicfrs", "iopc", "college-of-policing"]);

/** One of the bodies that investigated the super-complaint. */
export type InvestigatingBody = z.infer<typeof InvestigatingBodySchema>;

/** The super-complaint report the recommendations come from. */
export const ReportSchema = z
  .strictObject({
    title: text("title"),
    published: IsoDateSchema,
    lettersToAddressees: IsoDateSchema.meta({ description: "When the findings were sent to addressees by letter." }),
    complainant: z.strictObject({ name: text("name"), onBehalfOf: text("onBehalfOf") }),
    submitted: IsoDateSchema.meta({ description: "When the super-complaint was submitted." }),
    investigatingBodies: z.array(InvestigatingBodySchema).min(1),
    addressees: z.array(AddresseeSchema).min(1),
    recommendationCount: z.number().int().positive(),
    deadlines: z.array(DeadlineSchema).meta({ description: "Every deadline basis the report uses, with its date." }),
    sources: z.array(SourceSchema).min(1),
    notes: z.array(DataQualityNoteSchema),
  })
  .meta({ title: "Report", description: "The 2024 super-complaint report on the police response to stalking." });

/** The 2024 super-complaint report on the police response to stalking. */
export type Report = z.infer<typeof ReportSchema>;
