import type { SummaryStatus } from "@stalking-response/recommendations";

/** Plain words for each plan status; the tag colour only repeats them. */
export const planStatusLabels: Readonly<Record<SummaryStatus, string>> = {
  complete: "Complete",
  "in-progress": "In progress",
  partial: "Partly in place",
  "not-started": "Not started",
  "not-applicable": "Not applicable",
  "no-response": "No response",
};

/** GOV.UK tag colour per plan status. "No response" is orange: a gap in the plan, not yet a missed deadline. */
export const planStatusTagColours: Readonly<Record<SummaryStatus, "green" | "blue" | "yellow" | "grey" | "orange">> = {
  complete: "green",
  "in-progress": "blue",
  partial: "yellow",
  "not-started": "grey",
  "not-applicable": "grey",
  "no-response": "orange",
};
