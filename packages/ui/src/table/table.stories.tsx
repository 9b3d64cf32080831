import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { Tag } from "../tag/tag";
import { Table } from "./table";
import type { TableSort } from "./table";

const recommendations = [
  { number: 1, title: "Appoint a force stalking lead", status: "Completed", colour: "green" as const },
  {
    number: 2,
    title: "Record stalking offences correctly at first report",
    status: "In progress",
    colour: "blue" as const,
  },
  { number: 3, title: "Train call handlers to recognise stalking", status: "Overdue", colour: "red" as const },
];

const meta = {
  title: "Foundations/Table",
  component: Table,
  args: {
    caption: "Recommendations",
    captionClassName: "govuk-table__caption--m",
    head: [{ content: "Number", format: "numeric" }, { content: "Recommendation" }, { content: "Status" }],
    rows: recommendations.map((r) => [
      { content: r.number, format: "numeric" },
      r.title,
      <Tag colour={r.colour}>{r.status}</Tag>,
    ]),
  },
} satisfies Meta<typeof Table>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Empty: Story = { args: { rows: [[{ content: "No recommendations match the filters", colSpan: 3 }]] } };
function SortableStory() {
  const [sort, setSort] = useState<TableSort>({ key: "number", direction: "ascending" });
  const rows = [...recommendations].sort((a, b) => {
    const key = sort.key as "number" | "status";
    const order = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
    return sort.direction === "ascending" ? order : -order;
  });
  return (
    <Table
      caption="Recommendations (sortable)"
      head={[
        { content: "Number", format: "numeric", sortKey: "number" },
        { content: "Recommendation" },
        { content: "Status", sortKey: "status" },
      ]}
      rows={rows.map((r) => [
        { content: r.number, format: "numeric" },
        r.title,
        <Tag colour={r.colour}>{r.status}</Tag>,
      ])}
      rowKeys={rows.map((r) => String(r.number))}
      sort={sort}
      onSortChange={setSort}
    />
  );
}
export const Sortable: Story = { render: () => <SortableStory /> };
