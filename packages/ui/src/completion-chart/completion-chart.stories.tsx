import type { Meta, StoryObj } from "@storybook/react-vite";
import { CompletionChart } from "./completion-chart";
import { completionByModule, completionByWeek } from "./completion-chart.fixtures";

// Percentages read best on a fixed 0–100 axis; counts (below) get an axis that fits the data.
const percent = { maxValue: 100, formatValue: (value: number) => `${value}%` };

const meta = {
  title: "Domain/CompletionChart",
  component: CompletionChart,
  args: {
    kind: "bar",
    title: "Completion by module",
    description: "Completion falls from 92% on the first module to 44% on the last.",
    categoryLabel: "Module",
    valueLabel: "Learners completed (%)",
    ...completionByModule,
  },
} satisfies Meta<typeof CompletionChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Bar: Story = { args: percent };

export const Line: Story = {
  args: {
    ...percent,
    kind: "line",
    title: "Completion by week",
    description: "Both groups rise every week reported; control room staff lag by about 20 points.",
    categoryLabel: "Week",
    ...completionByWeek,
  },
};

export const GroupedBars: Story = {
  args: {
    ...percent,
    title: "Completion by week and group",
    description: "Response officers are ahead in every week reported.",
    categoryLabel: "Week",
    ...completionByWeek,
  },
};

export const Counts: Story = {
  args: {
    title: "Learners who completed each module",
    description: "380 learners completed the first module.",
    valueLabel: "Learners",
    series: [{ name: "Learners", values: [380, 331, 274, 238, 180] }],
  },
};

export const TableAlwaysVisible: Story = { args: { ...percent, dataTable: "visible" } };

export const Empty: Story = {
  args: { categories: [], series: [], emptyMessage: "No learner has started a module yet." },
};

export const LongContent: Story = {
  args: {
    ...percent,
    title: "Completion by module for every officer and member of staff in contact with victims of stalking",
    description:
      "Completion is highest on the introductory module and falls on each later module, most sharply on investigation and evidence gathering.",
    categories: [
      "Identifying stalking and the FOUR behaviours",
      "The law on stalking and harassment",
      "Risk screening",
      "Safeguarding and referral to specialist services",
      "Investigation and evidence",
      "Stalking Protection Orders",
      "Supporting victims",
      "Online stalking",
    ],
    series: [{ name: "Completed (%)", values: [92, 81, 67, 58, 44, 39, 35, 28] }],
  },
};
