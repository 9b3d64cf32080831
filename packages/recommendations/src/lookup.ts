import { recommendations } from "./dataset/recommendations";
import type { Addressee, Deadline, IsoDate, Recommendation, SubItem, Theme } from "./model";
import type { RecommendationId } from "./ids";

/** Every id the report defines: `"1"`…`"29"` and every sub-item such as `"12.1"`, in report order. */
export const recommendationIds: readonly RecommendationId[] = recommendations.flatMap((rec) => [
  String(rec.number),
  ...rec.subItems.map((item) => item.id),
]);

const knownIds = new Set(recommendationIds);

/** Whether `id` is a recommendation or sub-item the report defines (`"12.1"` yes, `"12.9"` no). */
export function isKnownRecommendationId(id: string): boolean {
  return knownIds.has(id);
}

/** The recommendation number an id belongs to: `"12.1"` → `12`. */
export function recommendationNumberOf(id: RecommendationId): number {
  return Number(id.split(".")[0]);
}

/**
 * The recommendation an id belongs to: `"12"` and `"12.1"` both give recommendation 12.
 * Returns `undefined` for an id the report does not define.
 */
export function findRecommendation(id: RecommendationId | number): Recommendation | undefined {
  const key = String(id);
  if (!knownIds.has(key)) return undefined;
  return recommendations[recommendationNumberOf(key) - 1];
}

/** The sub-item with this id (`"13.1"`), or `undefined` if the report defines no such sub-item. */
export function findSubItem(id: RecommendationId): SubItem | undefined {
  return findRecommendation(id)?.subItems.find((item) => item.id === id);
}

/**
 * The deadlines that apply to an id: a sub-item's own deadline, or every deadline of a
 * recommendation (recommendation 28 has two). Empty when unknown or unconfirmed.
 */
export function deadlinesOf(id: RecommendationId): readonly Deadline[] {
  const subItem = findSubItem(id);
  if (subItem) return [subItem.deadline];
  return findRecommendation(id)?.deadlines ?? [];
}

/** Recommendations addressed to a body, e.g. the 15 for `"chief-constables"`. */
export function recommendationsFor(addressee: Addressee): Recommendation[] {
  return recommendations.filter((rec) => rec.addressees.includes(addressee));
}

/** Recommendations on a theme, e.g. `"training"`. */
export function recommendationsByTheme(theme: Theme): Recommendation[] {
  return recommendations.filter((rec) => rec.themes.includes(theme));
}

/** A recommendation or sub-item that falls due, with the deadline it falls due under. */
export interface DueItem {
  /** The recommendation (`"22"`) or sub-item (`"28.2"`) id. */
  id: RecommendationId;
  /** The recommendation it belongs to. */
  recommendation: Recommendation;
  /** The deadline that falls due. */
  deadline: Deadline;
}

/**
 * Every recommendation and sub-item whose deadline falls on or before `date`, earliest first,
 * optionally only those addressed to one body. Unconfirmed recommendations have no known
 * deadline and never appear.
 *
 * @example dueBy("2024-12-31", { addressee: "chief-constables" }); // 27 and 28.1
 */
export function dueBy(date: IsoDate, options: { addressee?: Addressee } = {}): DueItem[] {
  const { addressee } = options;
  const pool = addressee ? recommendationsFor(addressee) : recommendations;
  const items = pool.flatMap((recommendation): DueItem[] => {
    const own = recommendation.subItems.map((item) => ({ id: item.id, recommendation, deadline: item.deadline }));
    // A recommendation's own deadline is its earliest; sub-items that carry a later one are listed separately.
    const first = recommendation.deadlines[0];
    return first ? [{ id: String(recommendation.number), recommendation, deadline: first }, ...own] : own;
  });
  return items
    .filter((item) => item.deadline.date <= date)
    .sort((a, b) => a.deadline.date.localeCompare(b.deadline.date));
}
