import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Table } from "./table";
import type { TableSort } from "./table";

const data = [
  { number: 3, title: "Record stalking as stalking", due: "2025-03-01" },
  { number: 1, title: "Appoint a stalking lead", due: "2024-12-01" },
  { number: 2, title: "Train call handlers", due: "2025-06-30" },
];

function SortableTable({ initial }: { initial?: TableSort }) {
  const [sort, setSort] = useState<TableSort | undefined>(initial);
  const rows = [...data].sort((a, b) => {
    if (!sort) return 0;
    const key = sort.key as "number" | "due";
    const order = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
    return sort.direction === "ascending" ? order : -order;
  });
  return (
    <Table
      caption="Recommendations"
      head={[
        { content: "Number", sortKey: "number", format: "numeric" },
        { content: "Recommendation" },
        { content: "Due", sortKey: "due" },
      ]}
      rows={rows.map((row) => [{ content: row.number, format: "numeric" }, row.title, row.due])}
      rowKeys={rows.map((row) => String(row.number))}
      sort={sort}
      onSortChange={setSort}
    />
  );
}

describe("Table", () => {
  it("has no axe violations with sortable headers", async () => {
    const { container } = render(<SortableTable initial={{ key: "number", direction: "ascending" }} />);
    await expectNoAxeViolations(container);
  });

  it("is captioned, with column and row headers", () => {
    render(
      <Table
        caption="Completion by module"
        firstCellIsHeader
        head={[{ content: "Module" }, { content: "Completed", format: "numeric" }]}
        rows={[["Recognising stalking", { content: "42", format: "numeric" }]]}
      />,
    );
    const table = screen.getByRole("table", { name: "Completion by module" });
    expect(within(table).getByRole("columnheader", { name: "Completed" })).toHaveClass("govuk-table__header--numeric");
    expect(within(table).getByRole("rowheader", { name: "Recognising stalking" })).toBeInTheDocument();
  });

  it("announces sort order on headers and sorts from the keyboard", async () => {
    const user = userEvent.setup();
    render(<SortableTable />);
    const numberHeader = screen.getByRole("columnheader", { name: "Number" });
    expect(numberHeader).toHaveAttribute("aria-sort", "none");
    expect(screen.getByRole("columnheader", { name: "Recommendation" })).not.toHaveAttribute("aria-sort");

    await user.tab();
    expect(screen.getByRole("button", { name: "Number" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(numberHeader).toHaveAttribute("aria-sort", "ascending");
    const firstColumn = () =>
      screen
        .getAllByRole("row")
        .slice(1)
        .map((row) => row.firstElementChild?.textContent);
    expect(firstColumn()).toEqual(["1", "2", "3"]);

    await user.keyboard(" ");
    expect(numberHeader).toHaveAttribute("aria-sort", "descending");
    expect(firstColumn()).toEqual(["3", "2", "1"]);

    await user.tab();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("columnheader", { name: "Due" })).toHaveAttribute("aria-sort", "ascending");
    expect(numberHeader).toHaveAttribute("aria-sort", "none");
    expect(firstColumn()).toEqual(["1", "3", "2"]);
  });
});
