import type { Action, ActionPlan, Evidence, PlanResponse, ProgressUpdate, Status } from "./action-plan";
import { recommendations } from "./dataset/recommendations";
import type { RecommendationId } from "./ids";
import { recommendationNumberOf } from "./lookup";
import type { Addressee, Deadline, IsoDate, Recommendation, Theme } from "./model";

/** A status as reported in a summary: a plan's status, or `no-response` where the plan says nothing. */
export type SummaryStatus = Status | "no-response";

/** Every {@link SummaryStatus}, in the order summaries list them. */
export const summaryStatuses: readonly SummaryStatus[] = [
  "complete",
  "in-progress",
  "partial",
  "not-started",
  "not-applicable",
  "no-response",
];

const done = new Set<SummaryStatus>(["complete", "not-applicable"]);

/** The response that answers an id, and whether it was inherited from the parent recommendation. */
export interface ResolvedResponse {
  /** The plan's response. */
  response: PlanResponse;
  /** True when the plan answers the whole recommendation and not this sub-item on its own. */
  inherited: boolean;
}

/**
 * Finds the plan's answer to a recommendation or sub-item. A sub-item the plan does not answer on
 * its own takes the answer given to its whole recommendation (Essex answers 17 as a whole, which
 * covers 17.1).
 */
export function findResponse(plan: ActionPlan, id: RecommendationId): ResolvedResponse | undefined {
  const own = plan.responses.find((r) => r.id === id);
  if (own) return { response: own, inherited: false };
  if (!id.includes(".")) return undefined;
  const parent = plan.responses.find((r) => r.id === String(recommendationNumberOf(id)));
  return parent ? { response: parent, inherited: true } : undefined;
}

/**
 * Combines item statuses into one for the recommendation: complete only when everything that
 * applies is complete; partial when any item is partial; not started (or no response) when
 * nothing has begun; otherwise in progress.
 */
export function rollUpStatus(items: readonly SummaryStatus[]): SummaryStatus {
  const applicable = items.filter((s) => s !== "not-applicable");
  if (items.length === 0 || items.every((s) => s === "no-response")) return "no-response";
  if (applicable.length === 0) return "not-applicable";
  if (applicable.every((s) => s === "complete")) return "complete";
  if (applicable.includes("partial")) return "partial";
  if (applicable.every((s) => s === "not-started" || s === "no-response")) return "not-started";
  return "in-progress";
}

/** Progress on one recommendation or sub-item. */
export interface ItemProgress {
  /** The recommendation (`"17"`) or sub-item (`"18.2"`) id. */
  id: RecommendationId;
  /** Its status, or `no-response`. */
  status: SummaryStatus;
  /** The force's own wording for the status, when it gave one. */
  statusWording?: string;
  /** The plan's narrative for this item. */
  narrative?: string;
  /** True when the answer was given to the whole recommendation. */
  inherited: boolean;
  /** When it is due, if the deadline is known. */
  deadline?: Deadline;
  /** Past its deadline on the summary's `asOf` date and neither complete nor not applicable. */
  overdue: boolean;
  /** The most recent dated progress update, if any. */
  latestUpdate?: ProgressUpdate;
}

/** Progress on one recommendation, rolled up from its items. */
export interface RecommendationProgress {
  /** The recommendation number. */
  number: number;
  /** The recommendation as the report defines it. */
  recommendation: Recommendation;
  /** The rolled-up status (see {@link rollUpStatus}). */
  status: SummaryStatus;
  /** True when any item is overdue. */
  overdue: boolean;
  /** The recommendation's own answer (if given directly) and each sub-item. */
  items: ItemProgress[];
}

/** Why something in a plan is overdue. */
export type OverdueEntry =
  | { kind: "item"; id: RecommendationId; deadline: Deadline; status: SummaryStatus }
  | { kind: "action"; id: RecommendationId; action: Action };

/** A whole plan at a glance: per recommendation, counts by status and theme, and what is overdue. */
export interface PlanSummary {
  /** The force the plan belongs to. */
  force: string;
  /** The date overdue items were judged against, if one was given. */
  asOf?: IsoDate;
  /** Every recommendation in scope, in report order. */
  recommendations: RecommendationProgress[];
  /** How many recommendations have each rolled-up status. */
  byStatus: Record<SummaryStatus, number>;
  /** The same counts, per theme. */
  byTheme: Partial<Record<Theme, Record<SummaryStatus, number>>>;
  /** Items past their deadline and actions past their due date (empty without `asOf`). */
  overdue: OverdueEntry[];
}

/** Options for {@link summarisePlan} and {@link overdueItems}. */
export interface PlanQueryOptions {
  /** Judge deadlines as of this date; without it nothing is overdue. */
  asOf?: IsoDate;
  /** Whose recommendations the plan should answer; defaults to `chief-constables`. */
  addressee?: Addressee;
}

function emptyCounts(): Record<SummaryStatus, number> {
  return Object.fromEntries(summaryStatuses.map((s) => [s, 0])) as Record<SummaryStatus, number>;
}

function latest(updates: readonly ProgressUpdate[]): ProgressUpdate | undefined {
  return updates.reduce<ProgressUpdate | undefined>((best, u) => (best && best.date >= u.date ? best : u), undefined);
}

function isPast(deadline: Deadline | undefined, asOf: IsoDate | undefined): deadline is Deadline {
  // A deadline day itself is still on time; it is overdue from the day after.
  return deadline !== undefined && asOf !== undefined && deadline.date < asOf;
}

function itemProgress(plan: ActionPlan, id: RecommendationId, deadline: Deadline | undefined, asOf?: IsoDate) {
  const found = findResponse(plan, id);
  const status: SummaryStatus = found?.response.status ?? "no-response";
  const update = found && latest(found.response.updates);
  const item: ItemProgress = {
    id,
    status,
    inherited: found?.inherited ?? false,
    overdue: isPast(deadline, asOf) && !done.has(status),
  };
  if (found?.response.statusWording) item.statusWording = found.response.statusWording;
  if (found) item.narrative = found.response.narrative;
  if (deadline) item.deadline = deadline;
  if (update) item.latestUpdate = update;
  return item;
}

function progressOf(plan: ActionPlan, rec: Recommendation, asOf?: IsoDate): RecommendationProgress {
  const number = String(rec.number);
  // The whole recommendation counts as an item when it has no sub-items or the plan answers it directly.
  const ownItem = rec.subItems.length === 0 || plan.responses.some((r) => r.id === number);
  const items = [
    ...(ownItem ? [itemProgress(plan, number, rec.deadlines[0], asOf)] : []),
    ...rec.subItems.map((sub) => itemProgress(plan, sub.id, sub.deadline, asOf)),
  ];
  return {
    number: rec.number,
    recommendation: rec,
    status: rollUpStatus(items.map((i) => i.status)),
    overdue: items.some((i) => i.overdue),
    items,
  };
}

function inScope(plan: ActionPlan, addressee: Addressee): Recommendation[] {
  const answered = new Set(plan.responses.map((r) => recommendationNumberOf(r.id)));
  return recommendations.filter((rec) => rec.addressees.includes(addressee) || answered.has(rec.number));
}

/**
 * Summarises a plan: progress per recommendation (what the app renders as a progress table),
 * counts by status and by theme, and — given `asOf` — what is overdue. Recommendations in scope
 * are those addressed to `addressee` (chief constables by default) plus any others the plan answers.
 *
 * @example summarisePlan(essexActionPlan, { asOf: "2025-04-01" }).byStatus.partial;
 */
export function summarisePlan(plan: ActionPlan, options: PlanQueryOptions = {}): PlanSummary {
  const { asOf, addressee = "chief-constables" } = options;
  const progress = inScope(plan, addressee).map((rec) => progressOf(plan, rec, asOf));
  const byStatus = emptyCounts();
  const byTheme: PlanSummary["byTheme"] = {};
  for (const rec of progress) {
    byStatus[rec.status] += 1;
    for (const theme of rec.recommendation.themes) (byTheme[theme] ??= emptyCounts())[rec.status] += 1;
  }
  const summary: PlanSummary = {
    force: plan.force,
    recommendations: progress,
    byStatus,
    byTheme,
    overdue: overdueFrom(plan, progress, asOf),
  };
  if (asOf) summary.asOf = asOf;
  return summary;
}

function overdueFrom(plan: ActionPlan, progress: RecommendationProgress[], asOf?: IsoDate): OverdueEntry[] {
  if (!asOf) return [];
  const items = progress.flatMap((rec) =>
    rec.items.flatMap((item): OverdueEntry[] =>
      item.overdue && item.deadline
        ? [{ kind: "item", id: item.id, deadline: item.deadline, status: item.status }]
        : [],
    ),
  );
  const actions = plan.responses.flatMap((response) =>
    response.actions
      .filter((action) => action.due !== undefined && action.due < asOf && !done.has(action.status))
      .map((action): OverdueEntry => ({ kind: "action", id: response.id, action })),
  );
  return [...items, ...actions];
}

/**
 * What a plan leaves overdue on `asOf`: every recommendation or sub-item past its deadline that
 * is neither complete nor not applicable (including those the plan does not answer), and every
 * action past its due date that is not complete.
 *
 * @example overdueItems(essexActionPlan, "2025-04-01");
 */
export function overdueItems(plan: ActionPlan, asOf: IsoDate, options: { addressee?: Addressee } = {}): OverdueEntry[] {
  return summarisePlan(plan, { ...options, asOf }).overdue;
}

/** One difference between two versions of a plan. */
export type PlanChange =
  | { kind: "plan-field"; field: "force" | "published" | "source" | "notes"; before: unknown; after: unknown }
  | { kind: "response-added"; id: RecommendationId; status: Status }
  | { kind: "response-removed"; id: RecommendationId; status: Status }
  | { kind: "status"; id: RecommendationId; before: Status; after: Status }
  | { kind: "status-wording"; id: RecommendationId; before?: string; after?: string }
  | { kind: "narrative"; id: RecommendationId; before: string; after: string }
  | { kind: "action-added" | "action-removed"; id: RecommendationId; action: Action }
  | { kind: "action-changed"; id: RecommendationId; before: Action; after: Action }
  | { kind: "evidence-added" | "evidence-removed"; id: RecommendationId; evidence: Evidence }
  | { kind: "update-added" | "update-removed"; id: RecommendationId; update: ProgressUpdate };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Lists inside a response have no ids, so entries are matched by what identifies them to a reader.
function diffList<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): { added: T[]; removed: T[]; changed: Array<[T, T]> } {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  return {
    added: after.filter((item) => !old.has(key(item))),
    removed: before.filter((item) => !now.has(key(item))),
    changed: after.flatMap((item): Array<[T, T]> => {
      const was = old.get(key(item));
      return was !== undefined && !same(was, item) ? [[was, item]] : [];
    }),
  };
}

function diffResponse(id: RecommendationId, before: PlanResponse, after: PlanResponse): PlanChange[] {
  const changes: PlanChange[] = [];
  if (before.status !== after.status) changes.push({ kind: "status", id, before: before.status, after: after.status });
  if (before.statusWording !== after.statusWording) {
    const change: PlanChange = { kind: "status-wording", id };
    if (before.statusWording !== undefined) change.before = before.statusWording;
    if (after.statusWording !== undefined) change.after = after.statusWording;
    changes.push(change);
  }
  if (before.narrative !== after.narrative)
    changes.push({ kind: "narrative", id, before: before.narrative, after: after.narrative });
  const actions = diffList(before.actions, after.actions, (a) => a.description);
  changes.push(
    ...actions.added.map((action): PlanChange => ({ kind: "action-added", id, action })),
    ...actions.removed.map((action): PlanChange => ({ kind: "action-removed", id, action })),
    ...actions.changed.map(([was, now]): PlanChange => ({ kind: "action-changed", id, before: was, after: now })),
  );
  const evidence = diffList(before.evidence, after.evidence, (e) => JSON.stringify(e));
  changes.push(
    ...evidence.added.map((e): PlanChange => ({ kind: "evidence-added", id, evidence: e })),
    ...evidence.removed.map((e): PlanChange => ({ kind: "evidence-removed", id, evidence: e })),
  );
  const updates = diffList(before.updates, after.updates, (u) => JSON.stringify(u));
  changes.push(
    ...updates.added.map((update): PlanChange => ({ kind: "update-added", id, update })),
    ...updates.removed.map((update): PlanChange => ({ kind: "update-removed", id, update })),
  );
  return changes;
}

/**
 * What changed between two versions of a plan (for example since the last published update):
 * plan-level fields, responses added or removed, and for each response its status, wording,
 * narrative, actions, evidence and progress updates. Changes are listed in report order.
 *
 * @example diffPlans(lastQuarter, thisQuarter).filter((c) => c.kind === "status");
 */
export function diffPlans(before: ActionPlan, after: ActionPlan): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of ["force", "published", "source", "notes"] as const) {
    if (!same(before[field], after[field]))
      changes.push({ kind: "plan-field", field, before: before[field], after: after[field] });
  }
  const old = new Map(before.responses.map((r) => [r.id, r]));
  const now = new Map(after.responses.map((r) => [r.id, r]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort(compareIds);
  for (const id of ids) {
    const was = old.get(id);
    const is = now.get(id);
    if (was && is) changes.push(...diffResponse(id, was, is));
    else if (is) changes.push({ kind: "response-added", id, status: is.status });
    else if (was) changes.push({ kind: "response-removed", id, status: was.status });
  }
  return changes;
}

/** Orders ids as the report does: `"7.2"` before `"10"`, `"10"` before `"10.1"`. */
export function compareIds(a: RecommendationId, b: RecommendationId): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}
