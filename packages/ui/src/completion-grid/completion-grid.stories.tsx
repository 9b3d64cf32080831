import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo, useState } from "react";
import { CompletionGrid, type CompletionGridProps, type CompletionGridSort } from "./completion-grid";
import { makeLearners, trainingModules } from "./completion-grid.fixtures";
import type { CompletionStatus } from "./completion-status";

const statusOrder: Record<CompletionStatus, number> = { overdue: 0, "not-started": 1, "in-progress": 2, completed: 3 };

// Stands in for the host: it owns the sort and filter and hands the grid matching rows in order, as
// the training app does (there, on the server).
function SortableGrid(props: Omit<CompletionGridProps, "sort" | "onSortChange" | "filter" | "onFilterChange">) {
  const [sort, setSort] = useState<CompletionGridSort>({ column: "learner", direction: "ascending" });
  const [filter, setFilter] = useState("");
  const sorted = useMemo(() => {
    const factor = sort.direction === "ascending" ? 1 : -1;
    const needle = filter.trim().toLowerCase();
    const matching = needle === "" ? props.rows : props.rows.filter((row) => row.name.toLowerCase().includes(needle));
    return [...matching].sort((a, b) => {
      if (sort.column === "learner") return factor * a.name.localeCompare(b.name, "en-GB", { numeric: true });
      const left = statusOrder[a.statuses[sort.column] ?? "not-started"];
      const right = statusOrder[b.statuses[sort.column] ?? "not-started"];
      return factor * (left - right);
    });
  }, [props.rows, sort, filter]);
  return (
    <CompletionGrid
      {...props}
      rows={sorted}
      sort={sort}
      onSortChange={setSort}
      filter={filter}
      onFilterChange={setFilter}
    />
  );
}

const meta = {
  title: "Domain/CompletionGrid",
  component: CompletionGrid,
  args: { caption: "Stalking awareness: completion by learner", modules: trainingModules, rows: makeLearners(25) },
} satisfies Meta<typeof CompletionGrid>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Sortable: Story = { render: (args) => <SortableGrid {...args} /> };

export const TenThousandLearners: Story = {
  args: { caption: "All officers and staff: completion by learner", rows: makeLearners(10_000) },
  render: (args) => <SortableGrid {...args} />,
};

export const LearnerLinks: Story = { args: { getLearnerHref: (row) => `#learner-${row.id}` } };

export const Empty: Story = {
  args: { rows: [], emptyMessage: "No learners match these filters. Clear the filters to see everyone." },
};

export const LongContent: Story = {
  args: {
    modules: [
      ...trainingModules,
      { id: "victim-care", title: "Supporting victims through the criminal justice process and beyond" },
    ],
    rows: [
      {
        id: "long",
        name: "Detective Constable Alexandra Catherine Montgomery-Fitzwilliam",
        statuses: { identify: "completed", "victim-care": "in-progress" },
      },
      ...makeLearners(5),
    ],
  },
};
