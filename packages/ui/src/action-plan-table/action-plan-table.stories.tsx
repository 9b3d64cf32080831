import { essexActionPlan, type ActionPlan } from "@stalking-response/recommendations";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import {
  ActionPlanTable,
  noActionPlanFilters,
  type ActionPlanFilters,
  type ActionPlanTableProps,
} from "./action-plan-table";

// Stands in for the host page, which owns the filters (for example in the address bar).
function WithFilters({ filters: initial, ...props }: ActionPlanTableProps) {
  const [filters, setFilters] = useState<ActionPlanFilters>(initial);
  return <ActionPlanTable {...props} filters={filters} onFiltersChange={setFilters} />;
}

// A plan that has only just started: most recommendations have no response yet.
const earlyPlan: ActionPlan = {
  ...essexActionPlan,
  force: "Example Constabulary",
  responses: [
    {
      id: "27",
      status: "complete",
      narrative: "We replied to the investigating bodies within 56 days.",
      actions: [],
      evidence: [],
      updates: [],
    },
  ],
};

const meta = {
  title: "Domain/ActionPlanTable",
  component: ActionPlanTable,
  args: { plan: essexActionPlan, asOf: "2025-04-01", filters: noActionPlanFilters, onFiltersChange: () => {} },
  render: (args) => <WithFilters {...args} />,
} satisfies Meta<typeof ActionPlanTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const BeforeDeadlines: Story = { args: { asOf: "2025-03-01" } };

// After the NPCC's progress report of 1 August 2025, which records the six-month update (28.2).
export const WithProgressUpdate: Story = { args: { asOf: "2025-09-01" } };

export const OnlyOverdue: Story = { args: { filters: { theme: "all", status: "overdue" } } };

export const FilteredByTheme: Story = { args: { filters: { theme: "governance", status: "all" } } };

export const NoMatches: Story = { args: { filters: { theme: "governance", status: "partial" } } };

export const MostlyNoResponse: Story = { args: { plan: earlyPlan, asOf: "2025-10-01" } };

export const WithLinks: Story = {
  args: { getRecommendationHref: (progress) => `#recommendation-${progress.number}` },
};
