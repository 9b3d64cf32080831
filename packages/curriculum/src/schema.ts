import { KnownRecommendationIdSchema } from "@stalking-response/recommendations";
import { z } from "zod";
import { checkCourse } from "./checks";

/** Lower-case words joined by hyphens; ids are stable across edits so progress records keep pointing at them. */
const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A stable identifier: lower-case letters, digits and single hyphens (`spo-breach-penalty`).
 *
 * @example IdSchema.parse("notification-deadline");
 */
export const IdSchema = z.string().regex(idPattern, "must be lower-case words joined by hyphens, e.g. spo-duration");

/** The five modules of the course, in teaching order. Ids are part of the public contract. */
export const moduleIds = [
  "recognising-stalking",
  "risk-screening",
  "stalking-protection-orders",
  "online-stalking",
  "victims-rights",
] as const;

/**
 * One of the five module ids.
 *
 * @example ModuleIdSchema.parse("stalking-protection-orders");
 */
export const ModuleIdSchema = z.enum(moduleIds, {
  error: () => `must be one of the module ids: ${moduleIds.join(", ")}`,
});

/** A module id such as `"online-stalking"`. */
export type ModuleId = z.infer<typeof ModuleIdSchema>;

/**
 * Where a statement of law or procedure applies. The course defaults to England and Wales because the
 * Stalking Protection Act 2019, the Protection from Harassment Act 1997 stalking offences and the Victims' Code
 * extend there only; Scotland and Northern Ireland notes say so explicitly.
 */
export const JurisdictionSchema = z.enum(["england-and-wales", "scotland", "northern-ireland", "united-kingdom"], {
  error: () => "must be one of england-and-wales, scotland, northern-ireland, united-kingdom",
});

/** A jurisdiction id such as `"england-and-wales"`. */
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

/** Who a module is written for. */
export const AudienceRoleSchema = z.enum(
  ["call-handler", "response-officer", "investigator", "supervisor", "spo-point-of-contact", "staff"],
  {
    error: () => "must be one of call-handler, response-officer, investigator, supervisor, spo-point-of-contact, staff",
  },
);

/** An audience role such as `"supervisor"`. */
export type AudienceRole = z.infer<typeof AudienceRoleSchema>;

const isoDate = z.iso.date({ error: "must be a date written YYYY-MM-DD" });

/**
 * A publication a fact is taken from. `date` is as precise as the publisher states it: a year, a month or a day.
 *
 * @example SourceSchema.parse({ id: "spa-2019", title: "Stalking Protection Act 2019", publisher: "legislation.gov.uk",
 *   url: "https://www.legislation.gov.uk/ukpga/2019/9", date: "2019-03-15" });
 */
export const SourceSchema = z.strictObject({
  id: IdSchema,
  title: z.string().min(1, "must not be empty"),
  publisher: z.string().min(1, "must not be empty"),
  url: z.url({ protocol: /^https$/, error: "must be an https URL" }),
  date: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD"),
  /** What `date` records. Pages that carry no date are cited with the date we read them (`accessed`). */
  dateKind: z
    .enum(["published", "updated", "accessed"], { error: () => "must be published, updated or accessed" })
    .default("published"),
  /**
   * When someone on the project last read this publication's text to check what the course says against it. A legal
   * reviewer signs the register off against these dates.
   */
  readOn: isoDate.optional(),
  /** What was read and what it confirmed, or what could not be read, for the legal reviewer. */
  note: z.string().trim().min(1, "must not be empty").optional(),
});

/** A cited publication. */
export type Source = z.infer<typeof SourceSchema>;

const uncited = "states facts, so it must cite at least one source id from the module's sources";
const citations = z
  .array(IdSchema, { error: (issue) => (issue.input === undefined ? uncited : "must be a list of source ids") })
  .min(1, uncited);
const prose = z.string().trim().min(1, "must not be empty");
const jurisdiction = JurisdictionSchema.default("england-and-wales");

/** Plain prose. Factual, so it cites sources. */
export const TextBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("text"),
  title: prose.optional(),
  body: prose,
  sources: citations,
  jurisdiction,
});

/** A short list of key facts, for example figures a learner must remember. */
export const KeyFactsBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("key-facts"),
  title: prose,
  items: z.array(prose).min(1, "must list at least one fact"),
  sources: citations,
  jurisdiction,
});

/** "What the law says": a plain-English summary of one provision, with its section reference. */
export const LawBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("law"),
  legislation: prose,
  section: prose,
  summary: prose,
  sources: citations,
  jurisdiction,
});

/** A fictional case for discussion. It carries no facts of its own, so it needs no citation. */
export const ScenarioBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("scenario"),
  title: prose,
  body: prose,
  prompts: z.array(prose).default([]),
});

/** Steps or checks to follow in practice. */
export const ChecklistBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("checklist"),
  title: prose,
  items: z.array(prose).min(1, "must list at least one item"),
  sources: citations,
  jurisdiction,
});

/** A highlighted note; `warning` is for safety-critical points. */
export const CalloutBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("callout"),
  variant: z.enum(["information", "warning"], { error: () => "must be information or warning" }),
  title: prose,
  body: prose,
  sources: citations,
  jurisdiction,
});

/** An illustration. Alt text is mandatory (WCAG 2.2 AA); `src` is relative to the host's asset base. */
export const ImageBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("image"),
  src: z.string().regex(/^[a-z0-9][a-z0-9/._-]*\.(?:png|jpg|jpeg|svg|webp)$/, "must be a relative image path"),
  alt: z.string().trim().min(1, "every image needs alt text"),
  caption: prose.optional(),
  sources: z.array(IdSchema).default([]),
});

/**
 * A practice screening: the host runs the risk-screening machine on a fictional scenario shipped by
 * `@stalking-response/risk-screening`, referenced by `scenarioId`.
 */
export const PracticeScreeningBlockSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal("practice-screening"),
  scenarioId: IdSchema,
  title: prose,
  briefing: prose,
  /**
   * The lesson that teaches each part of the screening's outcome, so the practice feedback can send a learner
   * who got that part wrong to the right lesson. `about` is the outcome field (`classification`, `grade`,
   * `flags.threats`); `moduleId` defaults to this block's module.
   */
  lessons: z
    .array(
      z.strictObject({
        about: z
          .string()
          .regex(/^[a-zA-Z]+(?:\.[a-zA-Z]+)*$/, "must be an outcome field such as grade or flags.threats"),
        moduleId: IdSchema.optional(),
        lessonId: IdSchema,
      }),
    )
    .default([]),
});

/**
 * Everything a lesson can contain, discriminated by `kind`.
 *
 * @example BlockSchema.parse({ id: "intro", kind: "scenario", title: "A call", body: "…" });
 */
export const BlockSchema = z.discriminatedUnion("kind", [
  TextBlockSchema,
  KeyFactsBlockSchema,
  LawBlockSchema,
  ScenarioBlockSchema,
  ChecklistBlockSchema,
  CalloutBlockSchema,
  ImageBlockSchema,
  PracticeScreeningBlockSchema,
]);

/** One lesson block. Narrow on `kind`. */
export type Block = z.infer<typeof BlockSchema>;
/** The `kind` of a block: text, key-facts, law, scenario, checklist, callout, image or practice-screening. */
export type BlockKind = Block["kind"];
/** A prose block. */
export type TextBlock = z.infer<typeof TextBlockSchema>;
/** A key-facts block. */
export type KeyFactsBlock = z.infer<typeof KeyFactsBlockSchema>;
/** A "what the law says" block. */
export type LawBlock = z.infer<typeof LawBlockSchema>;
/** A fictional scenario block. */
export type ScenarioBlock = z.infer<typeof ScenarioBlockSchema>;
/** A checklist block. */
export type ChecklistBlock = z.infer<typeof ChecklistBlockSchema>;
/** A callout or warning block. */
export type CalloutBlock = z.infer<typeof CalloutBlockSchema>;
/** An image block. */
export type ImageBlock = z.infer<typeof ImageBlockSchema>;
/** A practice screening block. */
export type PracticeScreeningBlock = z.infer<typeof PracticeScreeningBlockSchema>;

/** Block kinds that state facts and so must cite a source. */
export const factBearingBlockKinds = ["text", "key-facts", "law", "checklist", "callout"] as const;

const noExplanation = "every option needs an explanation of why it is right or wrong";

/**
 * An answer option. Every option explains why it is right or wrong, so a learner who picks it learns something.
 */
export const OptionSchema = z.strictObject({
  id: IdSchema,
  text: prose,
  explanation: z
    .string({ error: (issue) => (issue.input === undefined ? noExplanation : "must be text") })
    .trim()
    .min(1, noExplanation),
});

/** An answer option with its explanation. */
export type Option = z.infer<typeof OptionSchema>;

const questionBase = {
  id: IdSchema,
  prompt: prose,
  options: z.array(OptionSchema).min(2, "a question needs at least two options"),
  correctOptionIds: z.array(IdSchema).min(1, "must name at least one correct option"),
  sources: citations,
};

const oneCorrect = z.array(IdSchema).length(1, "this kind of question has exactly one correct option");

/** Pick one of several options. */
export const SingleChoiceQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal("single-choice"),
  correctOptionIds: oneCorrect,
});

/** Pick every option that applies; scored right only when the selection matches exactly. */
export const MultipleChoiceQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal("multiple-choice"),
});

/** A statement to judge. Options are exactly `true` and `false`. */
export const TrueFalseQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal("true-false"),
  options: z
    .array(OptionSchema)
    .length(2, "a true-false question has exactly two options")
    .refine((options) => options.map((o) => o.id).join() === "true,false", "options must be `true` then `false`"),
  correctOptionIds: oneCorrect,
});

/** A fictional situation followed by a single-choice decision. */
export const ScenarioQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal("scenario"),
  scenario: prose,
  correctOptionIds: oneCorrect,
});

/**
 * A knowledge-check question, discriminated by `kind`.
 *
 * @example QuestionSchema.parse({ id: "q1", kind: "true-false", prompt: "…", sources: ["spa-2019"],
 *   options: [{ id: "true", text: "True", explanation: "…" }, { id: "false", text: "False", explanation: "…" }],
 *   correctOptionIds: ["false"] });
 */
export const QuestionSchema = z.discriminatedUnion("kind", [
  SingleChoiceQuestionSchema,
  MultipleChoiceQuestionSchema,
  TrueFalseQuestionSchema,
  ScenarioQuestionSchema,
]);

/** A knowledge-check question. Narrow on `kind`. */
export type Question = z.infer<typeof QuestionSchema>;
/** The `kind` of a question: single-choice, multiple-choice, true-false or scenario. */
export type QuestionKind = Question["kind"];

/**
 * The end-of-module test: a bank of at least ten questions and a pass mark in percent. With
 * `questionsPerAttempt`, each attempt asks that many questions drawn from the bank, which must hold at least
 * twice as many, so a retake is a new test rather than the same questions again; without it every attempt
 * asks the whole bank. The pass mark is a percentage of the questions asked.
 */
export const KnowledgeCheckSchema = z
  .strictObject({
    passMarkPercent: z.number().int().min(1).max(100),
    questionsPerAttempt: z.number().int().min(1, "must ask at least one question per attempt").optional(),
    questions: z.array(QuestionSchema).min(10, "a knowledge check needs at least 10 questions"),
  })
  .superRefine((check, context) => {
    const perAttempt = check.questionsPerAttempt;
    if (perAttempt !== undefined && check.questions.length < perAttempt * 2) {
      context.addIssue({
        code: "custom",
        path: ["questionsPerAttempt"],
        message: `the bank must hold at least twice the questions asked per attempt (${perAttempt * 2}); it holds ${check.questions.length}`,
      });
    }
  });

/** A module's knowledge check. */
export type KnowledgeCheck = z.infer<typeof KnowledgeCheckSchema>;

const semver = z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version such as 1.0.0");

/**
 * One release of a module's content, newest first in `history`. A `material` release raises the major version:
 * it changes what officers must know, so hosts ask learners whose pass predates it to renew. `facts` names the
 * material facts whose change caused it.
 */
export const ModuleReleaseSchema = z.strictObject({
  version: semver,
  date: isoDate,
  summary: prose,
  material: z.boolean().default(false),
  facts: z.array(IdSchema).default([]),
});

/** A module release. */
export type ModuleRelease = z.infer<typeof ModuleReleaseSchema>;

/** A lesson: a titled sequence of blocks. */
export const LessonSchema = z.strictObject({
  id: IdSchema,
  title: prose,
  summary: prose,
  blocks: z.array(BlockSchema).min(1, "a lesson needs at least one block"),
});

/** A lesson. */
export type Lesson = z.infer<typeof LessonSchema>;

/**
 * A training module. `reviewedOn` is when a subject-matter expert last checked the content against its sources;
 * `nextReviewDue` is when that must happen again. `validityMonths` is how long a pass counts before the learner
 * must recertify.
 */
export const ModuleSchema = z.strictObject({
  id: ModuleIdSchema,
  title: prose,
  summary: prose,
  version: semver,
  /** Every release of this module, newest first; the first entry's version is `version`. */
  history: z.array(ModuleReleaseSchema).min(1, "list at least the current release"),
  reviewedOn: isoDate,
  nextReviewDue: isoDate,
  validityMonths: z.number().int().min(1).max(36),
  estimatedMinutes: z
    .number()
    .int()
    .min(15, "a module takes 15 to 25 minutes")
    .max(25, "a module takes 15 to 25 minutes"),
  audience: z.array(AudienceRoleSchema).min(1, "name at least one audience role"),
  jurisdiction,
  recommendationIds: z.array(KnownRecommendationIdSchema).min(1, "name the recommendations this module supports"),
  sources: z.array(IdSchema).min(1, "a module lists the sources its blocks cite"),
  lessons: z.array(LessonSchema).min(1, "a module needs at least one lesson"),
  knowledgeCheck: KnowledgeCheckSchema,
});

/** A training module. */
export type Module = z.infer<typeof ModuleSchema>;

/**
 * Where a fact stands in law on the day it was checked. `published` is for facts that are not provisions of law
 * (a statistic, a report's date, a helpline number). Anything other than `in-force` or `published` must be taught
 * with its status: a block that states it must also say `{{status:id}}`.
 */
export const FactStatusSchema = z.enum(["in-force", "enacted-not-commenced", "announced", "pending", "published"], {
  error: () => "must be one of in-force, enacted-not-commenced, announced, pending, published",
});

/** A fact's legal status such as `"enacted-not-commenced"`. */
export type FactStatus = z.infer<typeof FactStatusSchema>;

/**
 * How sure the course is of a fact: `high` when the primary text (legislation.gov.uk, GOV.UK, the publisher's own
 * page) was read and says it; `medium` when only a reputable secondary source or part of the primary text was
 * read; `low` for one weak source. A legal reviewer starts with the medium and low rows.
 */
export const ConfidenceSchema = z.enum(["high", "medium", "low"], {
  error: () => "must be one of high, medium, low",
});

/** A fact's confidence level. */
export type Confidence = z.infer<typeof ConfidenceSchema>;

/**
 * A key fact (a penalty, a deadline, a date, a rule) stated once and referenced from text as `{{fact:id}}`, so it
 * reads the same everywhere, with the register entries a legal reviewer signs off: its status in law, how sure we
 * are, when it was last checked against its sources and when it must be checked again.
 *
 * `guard` makes the checker reject any sentence that mentions all of `near` and states a figure matching `figure`
 * other than `value`: that is how "notify within 5 days" fails the build. `mentions` are phrases that state the
 * fact without its placeholder, so prose that talks about an un-commenced provision is caught too.
 *
 * `material` marks a fact whose change means past passes no longer prove an officer knows the law: when it
 * changes, `changedOn` records the day and every module that uses it must add a major version to its `history`.
 */
export const FactSchema = z.strictObject({
  id: IdSchema,
  value: prose,
  statement: prose,
  sources: citations,
  jurisdiction,
  status: FactStatusSchema,
  confidence: ConfidenceSchema,
  /** The day someone last read the fact's sources and confirmed the statement. */
  checkedOn: isoDate,
  /** The day the fact must be checked again; the content build fails after it. */
  reviewBy: isoDate,
  material: z.boolean().default(false),
  /** The day the fact last changed in substance. Only material changes need recording. */
  changedOn: isoDate.optional(),
  mentions: z.array(z.string().trim().min(3, "a mention needs at least three characters")).default([]),
  guard: z
    .strictObject({
      near: z.array(z.string().min(2)).min(1),
      figure: z.string().min(1),
    })
    .optional(),
});

/** A key figure with its source. */
export type Fact = z.infer<typeof FactSchema>;

/** A fictional practice scenario shipped by the risk-screening package, referenced by id. */
export const PracticeScenarioSchema = z.strictObject({
  id: IdSchema,
  title: prose,
});

/** A practice scenario reference. */
export type PracticeScenario = z.infer<typeof PracticeScenarioSchema>;

/** The course shape before cross-reference checks; `checkCourse` works on its output. */
export const CourseShapeSchema = z.strictObject({
  id: IdSchema,
  title: prose,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version such as 1.0.0"),
  sources: z.array(SourceSchema).min(1),
  facts: z.array(FactSchema),
  practiceScenarios: z.array(PracticeScenarioSchema),
  modules: z.array(ModuleSchema).min(1),
});

/**
 * The whole course. Beyond shape, it checks references and consistency: unique ids, citations that resolve to
 * the module's source list, correct options that exist, known practice scenarios, `{{fact:id}}` placeholders
 * that resolve and figures that agree with the fact table.
 */
export const CourseSchema = CourseShapeSchema.superRefine((course, ctx) => {
  for (const issue of checkCourse(course)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

/** A course whose shape is valid but whose references have not been checked. */
export type CourseShape = z.infer<typeof CourseShapeSchema>;

/** The whole course: sources, facts and modules. */
export type Course = z.infer<typeof CourseSchema>;
/** The course as authored, before defaults are applied. */
export type CourseInput = z.input<typeof CourseSchema>;
