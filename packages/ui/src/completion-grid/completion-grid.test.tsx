import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useState } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { CompletionGrid, type CompletionGridRow, type CompletionGridSort } from "./completion-grid";
import { makeLearners, trainingModules } from "./completion-grid.fixtures";

const rows: CompletionGridRow[] = [
  { id: "l1", name: "Asha Patel", statuses: { identify: "completed", respond: "in-progress" } },
  { id: "l2", name: "Ben Okafor", statuses: { identify: "overdue" } },
  { id: "l3", name: "Cara Jones", statuses: { identify: "completed", respond: "completed" } },
];
const modules = [
  { id: "identify", title: "Identifying stalking" },
  { id: "respond", title: "Responding to reports" },
];

describe("CompletionGrid", () => {
  it("has no axe violations", async () => {
    const { container } = render(<CompletionGrid caption="Completion" modules={modules} rows={rows} />);
    await expectNoAxeViolations(container);
  });

  it("is a labelled grid whose cells say their status in words", () => {
    render(<CompletionGrid caption="Completion" modules={modules} rows={rows} />);
    const grid = screen.getByRole("grid", { name: "Completion" });
    expect(grid).toHaveAttribute("aria-rowcount", "4");
    expect(grid).toHaveAttribute("aria-colcount", "3");
    const ben = screen.getByRole("row", { name: /Ben Okafor/ });
    const cells = within(ben).getAllByRole("gridcell");
    expect(cells.map((cell) => cell.textContent)).toEqual(["Overdue", "Not started"]);
    expect(screen.getByRole("columnheader", { name: "Responding to reports" })).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "Cara Jones" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("3 learners");
  });

  it("has one tab stop and moves with arrows, Home and End", async () => {
    const user = userEvent.setup();
    render(
      <>
        <CompletionGrid caption="Completion" modules={modules} rows={rows} />
        <button type="button">After</button>
      </>,
    );
    await user.tab();
    expect(screen.getByRole("columnheader", { name: "Learner" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("rowheader", { name: "Asha Patel" })).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toHaveTextContent("Completed");
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(document.activeElement).toHaveTextContent("In progress");
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toHaveTextContent("Not started");
    await user.keyboard("{Home}");
    expect(screen.getByRole("rowheader", { name: "Ben Okafor" })).toHaveFocus();
    await user.keyboard("{End}");
    expect(document.activeElement).toHaveTextContent("Not started");
    await user.keyboard("{Control>}{Home}{/Control}");
    expect(screen.getByRole("columnheader", { name: "Learner" })).toHaveFocus();
    await user.keyboard("{Control>}{End}{/Control}");
    const cara = screen.getByRole("row", { name: /Cara Jones/ });
    expect(within(cara).getAllByRole("gridcell")[1]).toHaveFocus();

    // Leaving and re-entering the grid returns to the cell last visited: one tab stop.
    await user.tab();
    expect(screen.getByRole("button", { name: "After" })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(cara).getAllByRole("gridcell")[1]).toHaveFocus();
  });

  it("sorts through header buttons that report the sort with aria-sort", async () => {
    const user = userEvent.setup();
    function Sorted() {
      const [sort, setSort] = useState<CompletionGridSort>({ column: "learner", direction: "ascending" });
      const sorted = [...rows].sort((a, b) =>
        sort.direction === "ascending" ? a.name.localeCompare(b.name) : b.name.localeCompare(a.name),
      );
      return <CompletionGrid caption="Completion" modules={modules} rows={sorted} sort={sort} onSortChange={setSort} />;
    }
    render(<Sorted />);
    const learnerHeader = screen.getByRole("columnheader", { name: "Learner" });
    expect(learnerHeader).toHaveAttribute("aria-sort", "ascending");
    expect(screen.getByRole("columnheader", { name: "Identifying stalking" })).toHaveAttribute("aria-sort", "none");

    await user.tab();
    expect(screen.getByRole("button", { name: "Learner" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(learnerHeader).toHaveAttribute("aria-sort", "descending");
    expect(screen.getAllByRole("rowheader").map((cell) => cell.textContent)).toEqual([
      "Cara Jones",
      "Ben Okafor",
      "Asha Patel",
    ]);
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("button", { name: "Identifying stalking" })).toHaveFocus();
    await user.keyboard(" ");
    expect(screen.getByRole("columnheader", { name: "Identifying stalking" })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
  });

  it("renders only a window of 10,000 rows and keeps keyboard focus in it", async () => {
    const user = userEvent.setup();
    const many = makeLearners(10_000);
    render(<CompletionGrid caption="Completion" modules={trainingModules} rows={many} height={480} rowHeight={48} />);
    const grid = screen.getByRole("grid");
    expect(grid).toHaveAttribute("aria-rowcount", "10001");
    // Header row plus the rows in view plus overscan: nowhere near 10,000.
    expect(within(grid).getAllByRole("row").length).toBeLessThan(30);

    await user.tab();
    await user.keyboard("{Control>}{End}{/Control}");
    const lastRow = screen.getByRole("row", { name: new RegExp(many.at(-1)?.name ?? "missing") });
    expect(lastRow).toHaveAttribute("aria-rowindex", "10001");
    expect(within(lastRow).getAllByRole("gridcell").at(-1)).toHaveFocus();
    expect(within(grid).getAllByRole("row").length).toBeLessThan(30);

    await user.keyboard("{PageUp}");
    const focusedRow = document.activeElement?.closest("tr");
    expect(Number(focusedRow?.getAttribute("aria-rowindex"))).toBeLessThan(10001);
    expect(Number(focusedRow?.getAttribute("aria-rowindex"))).toBeGreaterThan(9980);
  });

  it("gives the tab stop to a rendered row after the rows change", async () => {
    const user = userEvent.setup();
    const many = makeLearners(200);
    const { rerender } = render(<CompletionGrid caption="Completion" modules={trainingModules} rows={many} />);
    await user.tab();
    await user.keyboard("{Control>}{End}{/Control}");
    rerender(<CompletionGrid caption="Completion" modules={trainingModules} rows={many.slice(0, 2)} />);
    const tabStops = screen.getByRole("grid").querySelectorAll('[tabindex="0"]');
    expect(tabStops).toHaveLength(1);
    expect(tabStops[0]?.closest("tr")).toHaveAttribute("aria-rowindex", "3");
  });

  it("shows a controlled filter box and announces how many learners match", async () => {
    const user = userEvent.setup();
    function Filtered() {
      const [filter, setFilter] = useState("");
      const matching = rows.filter((row) => row.name.toLowerCase().includes(filter.toLowerCase()));
      return (
        <CompletionGrid
          caption="Completion"
          modules={modules}
          rows={matching}
          filter={filter}
          onFilterChange={setFilter}
        />
      );
    }
    const { container } = render(<Filtered />);
    await expectNoAxeViolations(container);
    await user.tab();
    const box = screen.getByRole("searchbox", { name: "Filter learners by name" });
    expect(box).toHaveFocus();
    await user.keyboard("ok");
    expect(screen.getByRole("status")).toHaveTextContent("1 learner");
    expect(screen.getAllByRole("rowheader").map((cell) => cell.textContent)).toEqual(["Ben Okafor"]);
    // The grid is the next tab stop after the filter.
    await user.tab();
    expect(screen.getByRole("columnheader", { name: "Learner" })).toHaveFocus();
  });

  it("has no filter box unless the host handles filtering", () => {
    render(<CompletionGrid caption="Completion" modules={modules} rows={rows} filter="asha" />);
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
  });

  it("links learner names when asked, with the link as the cell's tab stop", async () => {
    const user = userEvent.setup();
    render(
      <CompletionGrid
        caption="Completion"
        modules={modules}
        rows={rows}
        getLearnerHref={(row) => `/learners/${row.id}`}
      />,
    );
    await user.tab();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("link", { name: "Asha Patel" })).toHaveFocus();
    expect(screen.getByRole("link", { name: "Asha Patel" })).toHaveAttribute("href", "/learners/l1");
  });

  it("says so when there are no learners", async () => {
    const { container } = render(<CompletionGrid caption="Completion" modules={modules} rows={[]} />);
    expect(screen.getByText("No learners to show.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("0 learners");
    await expectNoAxeViolations(container);
  });

  it("forwards its ref and rest props to the wrapper", () => {
    const ref = createRef<HTMLDivElement>();
    render(<CompletionGrid ref={ref} data-testid="grid" caption="Completion" modules={modules} rows={rows} />);
    expect(ref.current).toBe(screen.getByTestId("grid"));
  });
});
