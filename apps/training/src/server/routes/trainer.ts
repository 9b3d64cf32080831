import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Assignment, GridFilter } from "../../shared/trainer-api";
import {
  AssignmentSchema,
  AssignmentsResponseSchema,
  ChartsResponseSchema,
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
import { audit } from "../audit";
import type { AuthContext } from "../auth/session";
import { assignments, units } from "../db/schema";
import { HttpProblem } from "../http/problem";
import { defineRoute } from "../http/route";
import { planOf, trainingEvidence } from "../trainer/evidence";
import { CountsCache } from "../trainer/counts-cache";
import { exportCsv } from "../trainer/export";
import { gridCharts, gridPage, gridSummary } from "../trainer/grid";
import { learnerRecord } from "../trainer/learner";
import { publishedHtml, publishPlan } from "../trainer/publish";
import { assignmentCovers, queryContext, rowsOf } from "../trainer/query";
import type { QueryContext } from "../trainer/query";
import type { AppDeps } from "./deps";

/** Trainers review their force; admins, who manage its users and units, may do the same. */
const TRAINER = ["trainer", "admin"] as const;

/** The trainer's endpoints, every one scoped to the caller's own force. */
export function trainerRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  const contextFor = (auth: AuthContext) => queryContext(db, catalog, auth.user.forceId, now());
  const forceOf = (auth: AuthContext) => ({ id: auth.user.forceId, name: auth.user.forceName });
  const modules = catalog.modules.map((module) => ({ id: module.id, title: module.title }));
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

  // Publishing is audited before anything is sent, whichever of the two files the trainer takes.
  const publication = async (auth: AuthContext, format: "json" | "html") => {
    const context = await contextFor(auth);
    const evidence = await trainingEvidence(db, catalog, context, forceOf(auth));
    // Public figures: small numbers withheld (the trainer's own evidence view keeps them exact).
    const published = PublishedPlanSchema.parse(
      publishPlan(evidence, planOf(auth.user.forceId) ?? null, deps.env.PUBLISH_MIN_GROUP_SIZE),
    );
    await audit(db, {
      forceId: auth.user.forceId,
      actorUserId: auth.user.id,
      action: "plan-publish",
      details: { format },
    });
    return published;
  };

  const listAssignments = async (forceId: string, only?: string): Promise<Assignment[]> => {
    const rows = await db
      .select({ assignment: assignments, unitName: units.name })
      .from(assignments)
      .leftJoin(units, eq(units.id, assignments.unitId))
      .where(only ? and(eq(assignments.forceId, forceId), eq(assignments.id, only)) : eq(assignments.forceId, forceId))
      .orderBy(asc(assignments.dueDate), asc(assignments.moduleId), asc(assignments.createdAt), asc(assignments.id));
    if (rows.length === 0) return [];
    // One pass over the force's people counts everyone each assignment covers (each person once per assignment).
    const [counts] = await rowsOf<Record<string, unknown>>(
      db,
      sql`SELECT ${sql.join(
        rows.map(
          ({ assignment }, index) =>
            sql`count(*) FILTER (WHERE ${assignmentCovers(assignment)})::int AS ${sql.raw(`a${index}`)}`,
        ),
        sql`, `,
      )} FROM users u WHERE u.force_id = ${forceId} AND u.disabled_at IS NULL`,
    );
    return rows.map(({ assignment, unitName }, index) => {
      const module = catalog.module(assignment.moduleId);
      return {
        id: assignment.id,
        // Checked against the catalog when the assignment was made.
        moduleId: assignment.moduleId as Assignment["moduleId"],
        moduleTitle: module?.title ?? assignment.moduleId,
        jobRole: (assignment.jobRole as Assignment["jobRole"]) ?? null,
        unit: assignment.unitId && unitName ? { id: assignment.unitId, name: unitName } : null,
        dueDate: assignment.dueDate,
        validityMonths: module?.validityMonths ?? 12,
        createdAt: assignment.createdAt.toISOString(),
        people: Number(counts?.[`a${index}`] ?? 0),
      };
    });
  };

  return [
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
        const filter = query;
        const context = await contextFor(auth);
        // Written before the first byte leaves: an export that is cut off part-way is still on record.
        await audit(db, {
          forceId: auth.user.forceId,
          actorUserId: auth.user.id,
          action: "completion-export",
          details: { filter },
        });
        const day = context.now.toISOString().slice(0, 10);
        reply.header("content-disposition", `attachment; filename="completions-${auth.user.forceId}-${day}.csv"`);
        reply.header("cache-control", "no-store");
        return exportCsv(db, catalog, context, filter);
      },
    }),
    defineRoute({
      method: "GET",
      url: trainerPaths.units,
      summary: "The force's units, for the grid's unit filter and the assignment form",
      tags: ["trainer"],
      access: TRAINER,
      response: { status: 200, schema: UnitsResponseSchema, description: "Units" },
      handler: async ({ auth }) =>
        db
          .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId })
          .from(units)
          .where(eq(units.forceId, auth.user.forceId))
          .orderBy(asc(units.name)),
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
      handler: async ({ auth }) => listAssignments(auth.user.forceId),
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
        const field = (name: string, reason: string) =>
          new HttpProblem(400, "validation", "The request is not valid", `${name}: ${reason}`, [
            { field: name, reason },
          ]);
        if (!catalog.module(body.moduleId)) throw field("moduleId", "is not a module of this course");
        if (body.unitId !== null) {
          const [unit] = await db
            .select({ id: units.id })
            .from(units)
            .where(and(eq(units.id, body.unitId), eq(units.forceId, auth.user.forceId)));
          if (!unit) throw field("unitId", "is not a unit of your force");
        }
        if (body.dueDate < now().toISOString().slice(0, 10)) throw field("dueDate", "must be today or in the future");
        const id = randomUUID();
        await db.insert(assignments).values({
          id,
          forceId: auth.user.forceId,
          moduleId: body.moduleId,
          unitId: body.unitId,
          jobRole: body.jobRole,
          dueDate: body.dueDate,
          createdBy: auth.user.id,
          createdAt: now(),
        });
        // The force's cached counts predate the assignment (assigned and overdue change at once).
        counts.forget(`${auth.user.forceId}\u0000`);
        await audit(db, {
          forceId: auth.user.forceId,
          actorUserId: auth.user.id,
          action: "assignment-create",
          subject: id,
          details: { moduleId: body.moduleId, jobRole: body.jobRole, unitId: body.unitId, dueDate: body.dueDate },
        });
        const [created] = await listAssignments(auth.user.forceId, id);
        if (!created) throw new Error("the assignment just stored could not be read back");
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
        const published = await publication(auth, "json");
        reply.header("content-disposition", 'attachment; filename="plan.json"');
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
        const published = await publication(auth, "html");
        reply.header("content-disposition", 'attachment; filename="index.html"');
        return publishedHtml(published);
      },
    }),
  ];
}
