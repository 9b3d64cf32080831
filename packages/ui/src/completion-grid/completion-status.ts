/**
 * Where one learner stands on one module. `overdue` means not completed by the deadline the
 * host set; the host works that out, because only it knows the deadlines.
 */
export type CompletionStatus = "not-started" | "in-progress" | "completed" | "overdue";

/** The words shown for each status: the colour only repeats them, it never replaces them. */
export const completionStatusLabels: Readonly<Record<CompletionStatus, string>> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
  overdue: "Overdue",
};

/** GOV.UK tag colour per status, chosen so neighbouring statuses differ in lightness as well as hue. */
export const completionStatusTagColours: Readonly<Record<CompletionStatus, "grey" | "blue" | "green" | "red">> = {
  "not-started": "grey",
  "in-progress": "blue",
  completed: "green",
  overdue: "red",
};
