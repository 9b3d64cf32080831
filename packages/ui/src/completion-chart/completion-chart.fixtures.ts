import type { CompletionChartProps } from "./completion-chart";

// Invented figures shared by tests and stories.

/** Completion per module, as a percentage of learners. */
export const completionByModule: Pick<CompletionChartProps, "categories" | "series"> = {
  categories: ["Identifying stalking", "The law", "Risk screening", "Safeguarding", "Investigation"],
  series: [{ name: "Completed (%)", values: [92, 81, 67, 58, 44] }],
};

/** Weekly completion for two groups of learners, with one week not yet reported. */
export const completionByWeek: Pick<CompletionChartProps, "categories" | "series"> = {
  categories: ["Week 1", "Week 2", "Week 3", "Week 4", "Week 5", "Week 6"],
  series: [
    { name: "Response officers", values: [12, 30, 46, 61, 74, 85] },
    { name: "Control room staff", values: [5, 18, 22, Number.NaN, 51, 63] },
  ],
};
