import { z } from "zod";
import type { GridFilter } from "../../shared/trainer-api";
import {
  AssignmentSchema,
  AssignmentsResponseSchema,
  ChartsResponseSchema,
  ContentChangesResponseSchema,
  GracePeriodSchema,
  CoursePackageStandardSchema,
  CoursePackagesResponseSchema,
  EvidenceResponseSchema,
  ExportQuerySchema,
  GridFilterSchema,
  GridQuerySchema,
  GridResponseSchema,
  GridSummaryResponseSchema,
  LearnerRecordQuerySchema,
  LearnerRecordResponseSchema,
  NewAssignmentSchema,
  PublishedPlanSchema,
  UnitsResponseSchema,
  trainerPaths,
} from "../../shared/trainer-api";
import { forceUnits } from "../accounts";
import type { AuthContext } from "../auth/session";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";
import { createAssignment, listAssignments } from "../trainer/assignments";
import { changeGracePeriod, contentChanges } from "../trainer/content-changes";
import { CountsCache } from "../trainer/counts-cache";
import { CoursePackages } from "../trainer/course-packages";
import { publication, trainingEvidence } from "../trainer/evidence";
import { startExport } from "../trainer/export";
import { gridCharts, gridPage, gridSummary } from "../trainer/grid";
import { learnerRecord } from "../trainer/learner";
import { publishedFileName } from "../trainer/file-names";
import { publishedHtml } from "../trainer/publish";
import { queryContext } from "../trainer/query";
import type { QueryContext } from "../trainer/query";
import { REMINDER_SCAN } from "../notifications/service";

/** Trainers review their force; admins, who manage its users and units, may do the same. */
const TRAINER = ["trainer", "admin"] as const;

/** The trainer's endpoints, every one scoped to the caller's own force. */
export function trainerRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  const contextFor = (auth: AuthContext) => queryContext(db, catalog, auth.user.forceId, now());
  const forceOf = (auth: AuthContext) => ({ id: auth.user.forceId, name: auth.user.forceName });
  const modules = catalog.modules.map((module) => ({ id: module.id, title: module.title }));
  const coursePackages = new CoursePackages(catalog);
  // Whole-force counts take seconds at a million learners; see counts-cache.ts for what is cached and how long.
  const counts = new CountsCache(now);
  const countsKey = (auth: AuthContext, view: string, filter: unknown) =>
    `${auth.user.forceId}\u0000${view}\u0000${JSON.stringify(filter)}`;
  // Counts computed for this request are live; anything else the cache answered was counted for an earlier
  // one (even while a background refresh it started is still running), so the SPA shows when.
  const cachedCounts = async <T extends { cached: boolean }>(key: string, compute: () => Promise<T>): Promise<T> => {
    let computed: T | undefined;
    const value = await counts.get(key, async () => (computed = await compute()));
    return value === computed ? value : { ...value, cached: true };
  };
  // The grid's summary and its charts: whole-force counts under the grid's filter, cached the same way.
  const countsRoute = <R extends { cached: boolean }>(
    spec: { url: string; summary: string; view: string; schema: z.ZodType<R>; description: string },
    count: (db: AppDeps["db"], catalog: AppDeps["catalog"], context: QueryContext, filter: GridFilter) => Promise<R>,
  ) =>
    defineRoute({
      method: "GET",
      url: spec.url,
      summary: spec.summary,
      tags: ["trainer"],
      access: TRAINER,
      query: GridFilterSchema,
      response: { status: 200, schema: spec.schema, description: spec.description },
      handler: async ({ auth, query }) =>
        cachedCounts(countsKey(auth, spec.view, query), async () => count(db, catalog, await contextFor(auth), query)),
    });

  const publish = async (auth: AuthContext, format: "json" | "html") =>
    publication(db, catalog, await contextFor(auth), forceOf(auth), {
      actorId: auth.user.id,
      format,
      minGroupSize: deps.env.PUBLISH_MIN_GROUP_SIZE,
    });

  return [
    defineRoute({
      method: "GET",
      url: trainerPaths.contentChanges,
      summary: "Learners whose pass predates a material content change, with the day each must renew by",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: ContentChangesResponseSchema, description: "Affected learners" },
      handler: ({ auth }) => contentChanges(db, catalog, auth.user.forceId, now()),
    }),
    defineRoute({
      method: "PUT",
      url: trainerPaths.contentChangeGrace,
      summary: "Set the force's grace period: days to renew after a material content change (default 90)",
      tags: ["trainer"],
      access: TRAINER,
      body: GracePeriodSchema,
      response: { status: 200, schema: GracePeriodSchema, description: "The grace period now in force" },
      handler: ({ auth, body }) => changeGracePeriod(db, catalog, auth.user, body.graceDays),
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.coursePackages,
      summary: "The SCORM 1.2 and cmi5 packages of the course and of each module, for the force's own platform",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: CoursePackagesResponseSchema, description: "Packages on offer" },
      handler: () => ({ packages: coursePackages.list() }),
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.coursePackage,
      summary: "One SCORM 1.2 or cmi5 package as a zip: the whole course (`course`) or one module",
      tags: ["trainer"],
      access: TRAINER,
      params: z.object({ standard: CoursePackageStandardSchema, scope: z.string().min(1).max(100) }),
      errors: [404],
      response: { status: 200, schema: null, description: "The package (zip)", contentType: "application/zip" },
      handler: ({ params, reply }) => {
        const built = coursePackages.get(params.standard, params.scope);
        reply.header("content-disposition", `attachment; filename="${built.fileName}"`);
        // The same bytes for a given content version; a new version has a new file name, so a day's caching is safe.
        reply.header("cache-control", "private, max-age=86400");
        return Buffer.from(built.bytes);
      },
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.grid,
      summary: "Completion grid: one keyset page of the force's learners × modules, filtered and sorted on the server",
      tags: ["trainer"],
      access: TRAINER,
      query: GridQuerySchema,
      response: { status: 200, schema: GridResponseSchema, description: "Grid page" },
      handler: async ({ auth, query }) => ({ modules, ...(await gridPage(db, await contextFor(auth), query)) }),
    }),
    countsRoute(
      {
        url: trainerPaths.gridSummary,
        summary: "Distinct people matching the grid filter, and per-module status counts among them",
        view: "summary",
        schema: GridSummaryResponseSchema,
        description: "Counts",
      },
      gridSummary,
    ),
    countsRoute(
      {
        url: trainerPaths.charts,
        summary: "Completion by module, by unit and over time, under the grid's filter",
        view: "charts",
        schema: ChartsResponseSchema,
        description: "Chart data",
      },
      gridCharts,
    ),
    defineRoute({
      method: "GET",
      url: trainerPaths.gridCsv,
      summary: "The filtered grid as CSV, streamed in keyset batches; every export is written to the audit log",
      tags: ["trainer"],
      access: TRAINER,
      query: ExportQuerySchema,
      response: {
        status: 200,
        schema: null,
        description: "CSV, one row per learner",
        contentType: "text/csv; charset=utf-8",
      },
      handler: async ({ auth, query, reply }) => {
        const context = await contextFor(auth);
        const { csv, fileName } = await startExport(db, catalog, context, auth.user, query);
        reply.header("content-disposition", `attachment; filename="${fileName}"`);
        reply.header("cache-control", "no-store");
        return csv;
      },
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.units,
      summary: "The force's units, for the grid's unit filter and the assignment form",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: UnitsResponseSchema, description: "Units" },
      handler: ({ auth }) => forceUnits(db, auth.user.forceId),
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.learner,
      summary: "A learner's record: training list, every attempt, certificates and statement timeline",
      tags: ["trainer"],
      access: TRAINER,
      params: z.object({ userId: z.uuid() }),
      query: LearnerRecordQuerySchema,
      errors: [404],
      response: { status: 200, schema: LearnerRecordResponseSchema, description: "Learner record" },
      handler: async ({ auth, params, query }) =>
        learnerRecord(db, catalog, auth.user.forceId, params.userId, query, now()),
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.assignments,
      summary: "The force's assignments with the number of people each covers",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: AssignmentsResponseSchema, description: "Assignments" },
      handler: ({ auth }) => listAssignments(db, catalog, auth.user.forceId),
    }),
    defineRoute({
      method: "POST",
      url: trainerPaths.assignments,
      summary: "Assign a module to a job role and/or a unit with a due date; learners see it at once",
      tags: ["trainer"],
      access: TRAINER,
      body: NewAssignmentSchema,
      response: { status: 201, schema: AssignmentSchema, description: "The new assignment" },
      handler: async ({ auth, body }) => {
        const created = await createAssignment(db, catalog, auth.user, body, now());
        // Tell the people it covers now rather than at the next hourly scan: a one-off scan of this force.
        await deps.jobs?.send(REMINDER_SCAN, { forceId: auth.user.forceId });
        // The force's cached counts predate the assignment (assigned and overdue change at once).
        counts.forget(`${auth.user.forceId}\u0000`);
        return created;
      },
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.evidence,
      summary: "Training evidence for the force's action plan: modules, assigned and completed people, by role",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: EvidenceResponseSchema, description: "Evidence" },
      handler: async ({ auth }) => trainingEvidence(db, catalog, await contextFor(auth), forceOf(auth)),
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.publishedJson,
      summary: "The action plan with progress updates and live training evidence, as JSON for the force website",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: PublishedPlanSchema, description: "Published plan" },
      handler: async ({ auth, reply }) => {
        const published = await publish(auth, "json");
        reply.header(
          "content-disposition",
          `attachment; filename="${publishedFileName(published.force.id, published.generatedAt, "json")}"`,
        );
        return published;
      },
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.publishedHtml,
      summary: "The action plan with progress updates and live training evidence, as an accessible static HTML page",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: null, description: "HTML page", contentType: "text/html; charset=utf-8" },
      handler: async ({ auth, reply }) => {
        const published = await publish(auth, "html");
        reply.header(
          "content-disposition",
          `attachment; filename="${publishedFileName(published.force.id, published.generatedAt, "html")}"`,
        );
        return publishedHtml(published);
      },
    }),
  ];
}
