import type { ActionPlan, ProgressUpdate, RecommendationId } from "@stalking-response/recommendations";
import {
  compareIds,
  essexActionPlan,
  isKnownRecommendationId,
  summarisePlan,
} from "@stalking-response/recommendations";
import { sql } from "drizzle-orm";
import type { JobRole } from "../../shared/api";
import { JobRoleSchema } from "../../shared/api";
import type { EvidenceItem, EvidenceResponse, PublishedPlan } from "../../shared/trainer-api";
import { PublishedPlanSchema } from "../../shared/trainer-api";
import { audit } from "../audit";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { QueryContext } from "./query";
import { publishPlan, recommendationText } from "./publish";
import { learnerFrom, moduleColumns, rowsOf } from "./query";

/**
 * Action plans the toolkit holds, by force id. Only Essex's is published in the recommendations package; the
 * demo force is Essex. A force without one still gets its training evidence, with `plan: null`.
 */
const PLANS: Readonly<Record<string, ActionPlan>> = { essex: essexActionPlan };

/** The action plan held for a force, if any. */
export const planOf = (forceId: string): ActionPlan | undefined => PLANS[forceId];

/** Training-related sub-recommendations reported on even when no module answers them yet (issue 8). */
export const TRAINING_RECOMMENDATIONS: readonly RecommendationId[] = [
  "10.1",
  "10.2",
  "10.3",
  "10.4",
  "10.5",
  "13.1",
  "20.2",
];

/** The ids to report: the training ones, plus every id a curriculum module says it answers. */
export function evidenceIds(catalog: Catalog): RecommendationId[] {
  const ids = new Set<string>(TRAINING_RECOMMENDATIONS);
  for (const module of catalog.modules) for (const id of module.recommendationIds) ids.add(id);
  return [...ids].filter(isKnownRecommendationId).sort(compareIds);
}

/**
 * The newest dated update of each item the plan answers, as the recommendations package judges it (the same
 * one the action-plan table and the `stalking-plan` CLI show).
 */
export function latestUpdates(plan: ActionPlan): Map<string, ProgressUpdate> {
  const latest = new Map<string, ProgressUpdate>();
  for (const rec of summarisePlan(plan).recommendations) {
    for (const item of rec.items) if (item.latestUpdate) latest.set(item.id, item.latestUpdate);
  }
  return latest;
}

/**
 * Live training evidence for each recommendation: which modules answer it, and — counting each person once —
 * how many are assigned one of them, how many hold a current completion of one, by job role. One query over
 * the force's learners computes every item at once (each item is a FILTER over the same rows).
 */
export async function trainingEvidence(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  force: { id: string; name: string },
  plan: ActionPlan | undefined = planOf(force.id),
): Promise<EvidenceResponse> {
  const columns = moduleColumns(context);
  const ids = evidenceIds(catalog);
  const answering = ids.map((id) => catalog.modules.filter((module) => module.recommendationIds.includes(id)));
  const measures = answering.map((modules, index) => {
    const chosen = columns.filter((column) => modules.some((module) => module.id === column.moduleId));
    const any = (pick: (column: (typeof columns)[number]) => ReturnType<typeof sql>) =>
      chosen.length === 0 ? sql`FALSE` : sql`(${sql.join(chosen.map(pick), sql` OR `)})`;
    return sql`count(*) FILTER (WHERE ${any((column) => column.current)})::int AS ${sql.raw(`done${index}`)},
      count(*) FILTER (WHERE ${any((column) => sql`(${column.current} AND ${column.c}.completion_source IS NOT NULL)`)})::int AS ${sql.raw(`imported${index}`)},
      count(*) FILTER (WHERE ${any((column) => sql`${column.assignedDue} IS NOT NULL`)})::int AS ${sql.raw(`assigned${index}`)}`;
  });
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT u.job_role, count(*)::int AS people${measures.length ? sql`, ${sql.join(measures, sql`, `)}` : sql``}
      FROM ${learnerFrom(columns)}
      WHERE u.force_id = ${context.forceId} AND u.disabled_at IS NULL
      GROUP BY u.job_role`,
  );
  const byRole = new Map(rows.map((row) => [row.job_role as JobRole, row]));
  const sources = await currentImportSources(db, context.forceId, context.now);
  const total = (field: string) => rows.reduce((sum, row) => sum + Number(row[field] ?? 0), 0);
  const latest = plan ? latestUpdates(plan) : new Map<string, ProgressUpdate>();
  const items: EvidenceItem[] = ids.map((id, index) => {
    const response = plan?.responses.find((candidate) => candidate.id === id);
    const update = latest.get(id);
    return {
      id,
      summary: recommendationText(id).summary,
      response: response
        ? {
            status: response.status,
            statusWording: response.statusWording ?? null,
            narrative: response.narrative,
            updates: response.updates.map(({ date, status, note }) => ({ date, status, note })),
            latestUpdate: update
              ? {
                  date: update.date,
                  status: update.status,
                  note: update.note,
                  sourceTitle: update.source?.title ?? null,
                  sourceUrl: update.source?.url ?? null,
                }
              : null,
          }
        : null,
      modules: (answering[index] ?? []).map((module) => ({ id: module.id, title: module.title })),
      assigned: total(`assigned${index}`),
      completed: total(`done${index}`),
      imported: {
        people: total(`imported${index}`),
        sources: [...new Set((answering[index] ?? []).flatMap((module) => sources.get(module.id) ?? []))].sort(),
      },
      byRole: JobRoleSchema.options.map((jobRole) => {
        const row = byRole.get(jobRole);
        const people = Number(row?.people ?? 0);
        const completed = Number(row?.[`done${index}`] ?? 0);
        return {
          jobRole,
          people,
          completed,
          percent: people === 0 ? null : Math.floor((completed * 100) / people),
        };
      }),
    };
  });
  return {
    force,
    plan: plan ? { force: plan.force, sourceTitle: plan.source.title, sourceUrl: plan.source.url ?? null } : null,
    generatedAt: context.now.toISOString(),
    people: total("people"),
    items,
  };
}

/** Per module, the platforms the force's current imported completions came from. */
async function currentImportSources(db: Db, forceId: string, now: Date): Promise<Map<string, string[]>> {
  const rows = await rowsOf<{ module_id: string; source: string }>(
    db,
    sql`SELECT DISTINCT module_id, completion_source AS source FROM completions
      WHERE force_id = ${forceId} AND completion_source IS NOT NULL AND status = 'completed'
        AND expires_at > ${now.toISOString()}::timestamptz`,
  );
  const byModule = new Map<string, string[]>();
  for (const row of rows) byModule.set(row.module_id, [...(byModule.get(row.module_id) ?? []), row.source]);
  return byModule;
}

/**
 * The force's plan and training evidence as it may be published (small numbers withheld; the trainer's own
 * evidence view keeps them exact). Publishing is audited before anything is sent, whichever file is taken.
 */
export async function publication(
  db: Db,
  catalog: Catalog,
  context: QueryContext,
  force: { id: string; name: string },
  options: { actorId: string; format: "json" | "html"; minGroupSize: number },
): Promise<PublishedPlan> {
  const evidence = await trainingEvidence(db, catalog, context, force);
  const published = PublishedPlanSchema.parse(publishPlan(evidence, planOf(force.id) ?? null, options.minGroupSize));
  await audit(db, {
    forceId: force.id,
    actorUserId: options.actorId,
    action: "plan-publish",
    details: { format: options.format },
  });
  return published;
}
