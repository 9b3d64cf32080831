/**
 * The trainer's HTTP contract (issue 8): the completion grid and its counts, learner records, assignments,
 * the CSV export, chart data, the evidence view and the published plan. Shared by the server (which
 * validates with these schemas and publishes them in `/api/openapi.json`) and the browser client.
 * Conventions are those of `api.ts`: ISO dates, problem+json errors, CSRF header on writes.
 */
import { ModuleIdSchema } from "@stalking-response/curriculum";
import { ActionPlanSchema, StatusSchema as PlanStatusSchema } from "@stalking-response/recommendations";
import { z } from "zod";
import { BoundedDateSchema, BoundedDateTimeSchema, visibleText } from "./text";
import { CertificateStateSchema, JobRoleSchema, TrainingItemSchema, TrainingStatusSchema } from "./api";

const IsoDateTime = BoundedDateTimeSchema;
const IsoDate = BoundedDateSchema;

// ---------------------------------------------------------------------------------------------------
// Grid filters

/**
 * A status filter. The five training statuses, plus `overdue` (assigned, not currently completed, due date
 * passed) and `renewal-due` (completed, still valid, expiring within `withinDays`).
 */
export const GridStatusFilterSchema = z.enum([...TrainingStatusSchema.options, "overdue", "renewal-due"]);
/** A grid status filter. */
export type GridStatusFilter = z.infer<typeof GridStatusFilterSchema>;

/**
 * Columns the grid sorts by; the module-based ones need `module`. `overdue` orders by how long a learner has
 * been overdue (the earliest due date among their overdue modules, or on `module` when one is chosen): `asc`
 * is "most overdue first", and people who are not overdue come last either way.
 */
export const GridSortSchema = z.enum([
  "name",
  "collarNumber",
  "status",
  "completedAt",
  "expiresAt",
  "score",
  "overdue",
]);
/** A grid sort column. */
export type GridSort = z.infer<typeof GridSortSchema>;

/** Sorts that read one module's completion and so need `module` in the query. */
export const MODULE_SORTS: readonly GridSort[] = ["status", "completedAt", "expiresAt", "score"];

/**
 * The filter every trainer view shares: the grid, its counts, the charts and the CSV export read the
 * same query, so a number on one of them is always the number on the others.
 */
export const GridFilterSchema = z
  .object({
    /** A unit; a command includes the teams under it. */
    unit: z.uuid().optional(),
    jobRole: JobRoleSchema.optional(),
    /** Restricts `status` (and module sorts) to one module; without it, `status` matches any module. */
    module: ModuleIdSchema.optional(),
    status: GridStatusFilterSchema.optional(),
    /** Days ahead that `renewal-due` looks (default 30, the renewal window). */
    withinDays: z.coerce.number().int().min(1).max(366).default(30),
    /** Name (any part) or collar number (start). */
    q: visibleText(z.string().trim().min(1).max(100)).optional(),
  })
  .strict();
/** The shared trainer filter. */
export type GridFilter = z.infer<typeof GridFilterSchema>;

const orderFields = {
  sort: GridSortSchema.default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
};

const moduleForSort = (query: { sort: GridSort; module?: string | undefined }, ctx: z.RefinementCtx) => {
  if (MODULE_SORTS.includes(query.sort) && query.module === undefined) {
    ctx.addIssue({ code: "custom", path: ["module"], message: `is needed to sort by ${query.sort}` });
  }
};

/** `GET /api/trainer/grid` query: the filter plus sort and keyset page. */
export const GridQuerySchema = GridFilterSchema.extend({
  ...orderFields,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's `nextCursor`: the page after it. */
  after: z.string().min(1).max(500).optional(),
  /** Opaque cursor from a page's `previousCursor`: the page before it. Not with `after`. */
  before: z.string().min(1).max(500).optional(),
})
  .strict()
  .superRefine(moduleForSort)
  .superRefine((query, ctx) => {
    if (query.after !== undefined && query.before !== undefined) {
      ctx.addIssue({ code: "custom", path: ["before"], message: "cannot be used with after; send one cursor" });
    }
  });
/** Grid query. */
export type GridQuery = z.infer<typeof GridQuerySchema>;

/** `GET /api/trainer/grid.csv` query: the grid's filter and order; the export holds every page. */
export const ExportQuerySchema = GridFilterSchema.extend(orderFields).strict().superRefine(moduleForSort);
/** Export query. */
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

// ---------------------------------------------------------------------------------------------------
// Grid

/** One learner × module cell. */
export const GridCellSchema = z.object({
  moduleId: ModuleIdSchema,
  status: TrainingStatusSchema,
  assigned: z.boolean(),
  /** Assignment due date, or the expiry once completed (recertification follows the validity period). */
  dueDate: IsoDate.nullable(),
  overdue: z.boolean(),
  scorePercent: z.number().min(0).max(100).nullable(),
  attempts: z.number().int().nonnegative(),
  completedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
});
/** A grid cell. */
export type GridCell = z.infer<typeof GridCellSchema>;

/** One learner row: who, where, and one cell per module in course order. */
export const GridRowSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  collarNumber: z.string().nullable(),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  jobRole: JobRoleSchema,
  cells: z.array(GridCellSchema),
});
/** A grid row. */
export type GridRow = z.infer<typeof GridRowSchema>;

/** `GET /api/trainer/grid`: one keyset page of learners. */
export const GridResponseSchema = z.object({
  modules: z.array(z.object({ id: ModuleIdSchema, title: z.string() })),
  rows: z.array(GridRowSchema),
  /** Pass as `after` for the next page; `null` on the last page. */
  nextCursor: z.string().nullable(),
  /** Pass as `before` for the previous page; `null` on the first page. */
  previousCursor: z.string().nullable(),
});
/** A grid page. */
export type GridResponse = z.infer<typeof GridResponseSchema>;

/** Distinct people per status on one module (a person is counted once per module). */
export const ModuleCountsSchema = z.object({
  moduleId: ModuleIdSchema,
  title: z.string(),
  assigned: z.number().int().nonnegative(),
  notStarted: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
  dueForRenewal: z.number().int().nonnegative(),
  expired: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
});
/** One module's distinct-person counts. */
export type ModuleCounts = z.infer<typeof ModuleCountsSchema>;

/** `GET /api/trainer/grid/summary`: distinct people matching the filter, and per-module counts among them. */
export const GridSummaryResponseSchema = z.object({
  learners: z.number().int().nonnegative(),
  modules: z.array(ModuleCountsSchema),
  /**
   * When these counts were read. Counts that are slow to compute (a whole large force) may be served from a
   * short-lived cache, up to five minutes old. Counts computed for this request carry the request's time.
   */
  countedAt: IsoDateTime,
  /**
   * Whether these counts were served from the cache (counted for an earlier request) rather than computed for
   * this one: show "counts as of <countedAt>" only then.
   */
  cached: z.boolean(),
});
/** Grid counts. */
export type GridSummaryResponse = z.infer<typeof GridSummaryResponseSchema>;

/** `GET /api/trainer/charts`: completion by unit and over time, from the grid's own filter. */
export const ChartsResponseSchema = z.object({
  byModule: z.array(ModuleCountsSchema),
  /** Distinct people per unit matching the filter, and how many of them hold a current completion of every assigned module. */
  byUnit: z.array(
    z.object({
      unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      learners: z.number().int().nonnegative(),
      /** Distinct people with at least one current completion (completed or due for renewal). */
      completedAny: z.number().int().nonnegative(),
      /** Distinct people with an overdue module. */
      overdue: z.number().int().nonnegative(),
    }),
  ),
  /** Distinct people with a certificate issued in each month (last 12 months, oldest first). */
  overTime: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), people: z.number().int().nonnegative() })),
  /** When these counts were read (see GridSummaryResponseSchema's countedAt). */
  countedAt: IsoDateTime,
  /** Whether they came from the cache (see GridSummaryResponseSchema's cached). */
  cached: z.boolean(),
});
/** Chart data. */
export type ChartsResponse = z.infer<typeof ChartsResponseSchema>;

/** `GET /api/trainer/units`: the force's units for the filter. */
export const UnitsResponseSchema = z.array(
  z.object({ id: z.uuid(), name: z.string(), kind: z.enum(["command", "team"]), parentId: z.uuid().nullable() }),
);

// ---------------------------------------------------------------------------------------------------
// Learner record

/** `GET /api/trainer/learners/:userId`: one person's whole history. */
export const LearnerRecordResponseSchema = z.object({
  learner: z.object({
    id: z.uuid(),
    displayName: z.string(),
    collarNumber: z.string().nullable(),
    jobRole: JobRoleSchema,
    unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
  training: z.array(TrainingItemSchema),
  attempts: z.array(
    z.object({
      moduleId: ModuleIdSchema,
      attemptNumber: z.number().int().positive(),
      passed: z.boolean(),
      scorePercent: z.number().min(0).max(100).nullable(),
      at: IsoDateTime,
    }),
  ),
  certificates: z.array(
    z.object({
      id: z.string(),
      moduleId: ModuleIdSchema,
      moduleVersion: z.string(),
      scorePercent: z.number().min(0).max(100),
      issuedAt: IsoDateTime,
      expiresAt: IsoDateTime,
      state: CertificateStateSchema,
    }),
  ),
  /** Statements, newest first (at most `limit`); `olderCursor` pages further back. */
  timeline: z.array(
    z.object({
      id: z.uuid(),
      verb: z.string(),
      moduleId: z.string(),
      objectId: z.string(),
      timestamp: IsoDateTime,
      stored: IsoDateTime,
    }),
  ),
  olderCursor: z.string().nullable(),
});
/** A learner's record. */
export type LearnerRecordResponse = z.infer<typeof LearnerRecordResponseSchema>;

/** Learner record query: timeline page size and cursor. */
export const LearnerRecordQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------
// Assignments

/** `POST /api/trainer/assignments`: assign a module to a job role and/or a unit, due on a date. */
export const NewAssignmentSchema = z
  .object({
    moduleId: ModuleIdSchema,
    jobRole: JobRoleSchema.nullable().default(null),
    unitId: z.uuid().nullable().default(null),
    dueDate: IsoDate,
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.jobRole === null && body.unitId === null) {
      ctx.addIssue({ code: "custom", path: ["jobRole"], message: "choose a job role, a unit, or both" });
    }
  });
/** A new assignment. */
export type NewAssignment = z.input<typeof NewAssignmentSchema>;

/** An assignment as trainers see it, with how many people it covers right now. */
export const AssignmentSchema = z.object({
  id: z.uuid(),
  moduleId: ModuleIdSchema,
  moduleTitle: z.string(),
  jobRole: JobRoleSchema.nullable(),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  dueDate: IsoDate,
  /** How long a completion lasts before recertification is due. */
  validityMonths: z.number().int().positive(),
  createdAt: IsoDateTime,
  /** Distinct people the assignment covers. */
  people: z.number().int().nonnegative(),
});
/** An assignment. */
export type Assignment = z.infer<typeof AssignmentSchema>;

/** `GET /api/trainer/assignments`. */
export const AssignmentsResponseSchema = z.array(AssignmentSchema);

// ---------------------------------------------------------------------------------------------------
// Evidence against the action plan

/** Live training evidence for one recommendation or sub-item. */
export const EvidenceItemSchema = z.object({
  id: z.string(),
  summary: z.string(),
  /** The force's own response, when its plan answers this id. */
  response: z
    .object({
      status: z.string(),
      statusWording: z.string().nullable(),
      narrative: z.string(),
      updates: z.array(z.object({ date: IsoDate, status: z.string(), note: z.string() })),
      /** The newest entry of the response's dated updates history, with where it was published; `null` if none. */
      latestUpdate: z
        .object({
          date: IsoDate,
          status: PlanStatusSchema,
          note: z.string(),
          sourceTitle: z.string().nullable(),
          sourceUrl: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  modules: z.array(z.object({ id: ModuleIdSchema, title: z.string() })),
  /** Distinct people covered by an assignment of any of these modules. */
  assigned: z.number().int().nonnegative(),
  /** Distinct people holding a current completion of at least one of these modules. */
  completed: z.number().int().nonnegative(),
  /**
   * Of those, people whose current completion of one of these modules was imported from another platform
   * (issue 19), and the platforms named (`source` of the completions import), so a reader can tell.
   */
  imported: z.object({ people: z.number().int().nonnegative(), sources: z.array(z.string()) }),
  byRole: z.array(
    z.object({
      jobRole: JobRoleSchema,
      people: z.number().int().nonnegative(),
      completed: z.number().int().nonnegative(),
      /** completed / people, whole percent; `null` when nobody holds the role. */
      percent: z.number().int().min(0).max(100).nullable(),
    }),
  ),
});
/** Evidence for one recommendation. */
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

/** `GET /api/trainer/evidence` (and the JSON published beside the HTML page). */
export const EvidenceResponseSchema = z.object({
  force: z.object({ id: z.string(), name: z.string() }),
  /** The plan's title and source, or `null` when the force has no plan in the recommendations package. */
  plan: z.object({ force: z.string(), sourceTitle: z.string(), sourceUrl: z.string().nullable() }).nullable(),
  generatedAt: IsoDateTime,
  /** Everyone in the force who could be trained (distinct people). */
  people: z.number().int().nonnegative(),
  items: z.array(EvidenceItemSchema),
});
/** The evidence view. */
export type EvidenceResponse = z.infer<typeof EvidenceResponseSchema>;

/** Why a published figure is withheld: it counts too few people, or it would let a reader work one out. */
export const WithheldReasonSchema = z.enum(["small-number", "secondary"]);

const withheld = z.object({ value: z.null(), suppressed: z.literal(true), reason: WithheldReasonSchema });

/**
 * A count of people on the public page: `{ value: 12, suppressed: false }`, or, when it counts fewer people
 * than the minimum group size (or would reveal such a count), `{ value: null, suppressed: true, reason }`.
 */
export const PublishedCountSchema = z.union([
  z.object({ value: z.number().int().nonnegative(), suppressed: z.literal(false) }),
  withheld,
]);
/** A published count. */
export type PublishedCount = z.infer<typeof PublishedCountSchema>;

/** A published whole percentage; `value: null` without suppression when the group is empty. */
export const PublishedPercentSchema = z.union([
  z.object({ value: z.number().int().min(0).max(100).nullable(), suppressed: z.literal(false) }),
  withheld,
]);
/** A published percentage. */
export type PublishedPercent = z.infer<typeof PublishedPercentSchema>;

/**
 * The training evidence as published: the evidence view's figures with small numbers withheld (see
 * `suppression.rule`), so a count such as "1 of 1 call handlers" cannot identify anyone.
 */
export const PublishedEvidenceSchema = z.object({
  force: z.object({ id: z.string(), name: z.string() }),
  plan: z.object({ force: z.string(), sourceTitle: z.string(), sourceUrl: z.string().nullable() }).nullable(),
  generatedAt: IsoDateTime,
  /** The minimum group size and the rule applied, in words, for readers of the data. */
  suppression: z.object({ minGroupSize: z.number().int().min(2), rule: z.string() }),
  people: PublishedCountSchema,
  items: z.array(
    EvidenceItemSchema.omit({ assigned: true, completed: true, imported: true, byRole: true }).extend({
      assigned: PublishedCountSchema,
      completed: PublishedCountSchema,
      byRole: z.array(
        z.object({
          jobRole: JobRoleSchema,
          people: PublishedCountSchema,
          completed: PublishedCountSchema,
          percent: PublishedPercentSchema,
        }),
      ),
    }),
  ),
});
/** Published training evidence. */
export type PublishedEvidence = z.infer<typeof PublishedEvidenceSchema>;

/**
 * `GET /api/trainer/publish/plan.json`: what a force puts on its website beside the HTML page (rec 28) — its
 * action plan with progress updates as published, and the live training evidence (aggregate counts only,
 * small numbers withheld).
 */
export const PublishedPlanSchema = z.object({
  generatedAt: IsoDateTime,
  force: z.object({ id: z.string(), name: z.string() }),
  plan: ActionPlanSchema.nullable(),
  trainingEvidence: PublishedEvidenceSchema,
});
/** The published plan. */
export type PublishedPlan = z.infer<typeof PublishedPlanSchema>;

// ---------------------------------------------------------------------------------------------------
// Paths

/** Trainer route paths. */
export const trainerPaths = {
  grid: "/api/trainer/grid",
  gridSummary: "/api/trainer/grid/summary",
  gridCsv: "/api/trainer/grid.csv",
  charts: "/api/trainer/charts",
  units: "/api/trainer/units",
  learner: "/api/trainer/learners/:userId",
  assignments: "/api/trainer/assignments",
  evidence: "/api/trainer/evidence",
  publishedJson: "/api/trainer/publish/plan.json",
  publishedHtml: "/api/trainer/publish/plan.html",
  coursePackages: "/api/trainer/course-packages",
  contentChanges: "/api/trainer/content-changes",
  contentChangeGrace: "/api/trainer/content-changes/grace",
  coursePackage: "/api/trainer/course-packages/:standard/:scope",
} as const;

// ---------------------------------------------------------------------------------------------------
// Course packages for other learning platforms (SCORM 1.2 and cmi5, from @stalking-response/course-export)

/** The package formats a trainer can download. */
export const CoursePackageStandardSchema = z.enum(["scorm12", "cmi5"]);
/** `scorm12` or `cmi5`. */
export type CoursePackageStandard = z.infer<typeof CoursePackageStandardSchema>;

/** One downloadable package: the whole course or one module, in one format. */
export const CoursePackageSchema = z.object({
  standard: CoursePackageStandardSchema,
  /** `course` for the whole course, otherwise the module's id. */
  scope: z.string(),
  title: z.string(),
  /** The content version packaged (the course's, or the module's). */
  version: z.string(),
  /** Where the zip downloads from. */
  href: z.string(),
});
/** One downloadable package. */
export type CoursePackageEntry = z.infer<typeof CoursePackageSchema>;

/** `GET /api/trainer/course-packages`. */
export const CoursePackagesResponseSchema = z.object({ packages: z.array(CoursePackageSchema) });
/** The packages on offer. */
export type CoursePackagesResponse = z.infer<typeof CoursePackagesResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Material content changes that reopen passes (issue 13)

/** The force's grace period: days learners have to renew after a material change (0–366). */
export const GracePeriodSchema = z.object({ graceDays: z.number().int().min(0).max(366) });
/** `PUT /api/trainer/content-changes/grace` body and answer. */
export type GracePeriod = z.infer<typeof GracePeriodSchema>;

/** `GET /api/trainer/content-changes`: who must renew because content changed, and by when. */
export const ContentChangesResponseSchema = z.object({
  graceDays: z.number().int().min(0).max(366),
  /** Everyone affected; `learners` lists the first 500 by name. */
  total: z.number().int().nonnegative(),
  learners: z.array(
    z.object({
      userId: z.uuid(),
      displayName: z.string(),
      collarNumber: z.string().nullable(),
      moduleId: ModuleIdSchema,
      moduleTitle: z.string(),
      passedVersion: z.string(),
      changedVersion: z.string(),
      changedOn: IsoDate,
      renewBy: IsoDate,
    }),
  ),
});
/** Learners affected by material changes. */
export type ContentChangesResponse = z.infer<typeof ContentChangesResponseSchema>;

/** Builds a query string from a filter-like object, leaving out empty values. */
export function trainerQuery(values: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
