import { trainerQuery } from "../../../shared/trainer-api";
import type { Route } from "../../routing/routes";

/** The filter fields the grid reads from its address, in the order the form shows them. */
export const filterKeys = ["unit", "jobRole", "module", "status", "withinDays", "q"] as const;
/** One filter field. */
export type FilterKey = (typeof filterKeys)[number];
/** The grid's filter as its address holds it (empty fields left out). */
export type Filter = Partial<Record<FilterKey, string>>;

/** The grid's order: a column and a direction, as the API names them (the default is name, A to Z). */
export type Order = { sort?: string; direction?: string };

/** The days "renewal due" looks ahead when the trainer does not say (the API's default, the renewal window). */
export const DEFAULT_WITHIN_DAYS = 30;
/** The longest look-ahead the form accepts: a year. */
export const MAX_WITHIN_DAYS = 365;

/**
 * Which page of a view: the one after a row (`after`, from a page's next cursor) or the one before a row
 * (`before`, from its previous cursor). Both live in the address, so a bookmarked page can go either way.
 */
export type PageCursor = { after: string } | { before: string };

/**
 * Reads the filter, page cursors and order from the grid's query string. `withinDays` only means something
 * with the "renewal due" status, so it is dropped otherwise and every view has one address.
 */
export function readGridQuery(query: string): {
  filter: Filter;
  order: Order;
  after: string | undefined;
  before: string | undefined;
} {
  const search = new URLSearchParams(query);
  const filter: Filter = {};
  for (const key of filterKeys) {
    const value = search.get(key)?.trim();
    if (value) filter[key] = value;
  }
  if (filter.status !== "renewal-due") delete filter.withinDays;
  const sort = search.get("sort");
  const direction = search.get("direction");
  return {
    filter,
    order: { ...(sort ? { sort } : {}), ...(direction ? { direction } : {}) },
    after: search.get("after") ?? undefined,
    before: search.get("before") ?? undefined,
  };
}

/** The route of the grid for a filter, an order and (optionally) a page cursor. */
export function gridRoute(filter: Filter, order: Order = {}, page?: PageCursor): Route {
  const query = trainerQuery({ ...filter, ...order, ...page }).slice(1);
  return query === "" ? { name: "trainer-grid" } : { name: "trainer-grid", query };
}

/**
 * Checks the "renewal due within" number of days as typed, returning the GOV.UK error message that names
 * the field, or `null` when it is a whole number from 1 to 365.
 */
export function withinDaysError(value: string): string | null {
  const text = value.trim();
  if (text === "") return "Enter the number of days to look ahead for renewals";
  if (!/^\d+$/.test(text)) return "Number of days must be a whole number, like 30";
  const days = Number(text);
  if (days < 1 || days > MAX_WITHIN_DAYS) return `Number of days must be between 1 and ${MAX_WITHIN_DAYS}`;
  return null;
}
