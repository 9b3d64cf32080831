import { formatTimeOfDay } from "../../format/dates";

/**
 * The hint under counts served from the server's short-lived counts cache ("Counts as of 10:42:05", London
 * time), or `null` when they were counted for this request: a live count is as of now, so saying so adds noise.
 */
export function countsAsOf(counts: { countedAt: string; cached: boolean }): string | null {
  return counts.cached ? `Counts as of ${formatTimeOfDay(counts.countedAt)}` : null;
}
