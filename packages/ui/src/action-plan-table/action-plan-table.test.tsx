import { essexActionPlan } from "@stalking-response/recommendations";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import {
  ActionPlanTable,
  noActionPlanFilters,
  type ActionPlanFilters,
  type ActionPlanTableProps,
} from "./action-plan-table";

function Filtered(props: Omit<ActionPlanTableProps, "filters" | "onFiltersChange"> & { initial?: ActionPlanFilters }) {
  const { initial = noActionPlanFilters, ...rest } = props;
  const [filters, setFilters] = useState(initial);
  return <ActionPlanTable {...rest} filters={filters} onFiltersChange={setFilters} />;
}

const bodyRows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ActionPlanTable", () => {
  it("has no axe violations", async () => {
    const { container } = render(<Filtered plan={essexActionPlan} asOf="2025-04-01" />);
    await expectNoAxeViolations(container);
  });

  it("lists every recommendation in scope with its status in words", () => {
    render(<Filtered plan={essexActionPlan} asOf="2025-04-01" />);
    const table = screen.getByRole("table", { name: "Essex Police action plan: progress as of 1 April 2025" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Recommendation", "Themes", "Status", "Deadline"]);
    expect(bodyRows()).toHaveLength(15);
    const eleven = screen.getByRole("row", { name: /Recommendation 11\b/ });
    expect(eleven).toHaveTextContent("Understanding demand");
    expect(eleven).toHaveTextContent("Partly in place");
    expect(eleven).toHaveTextContent("27 March 2025");
    expect(screen.getByRole("status")).toHaveTextContent("Showing all 15 recommendations");
  });

  it("shows the latest dated progress update known on the as-of date", () => {
    const { unmount } = render(<Filtered plan={essexActionPlan} asOf="2025-09-01" />);
    expect(screen.getByRole("row", { name: /Recommendation 28\b/ })).toHaveTextContent(
      "Latest update: 1 August 2025 (28.2, complete)",
    );
    expect(screen.getByRole("row", { name: /Recommendation 13\b/ })).not.toHaveTextContent("Latest update");
    unmount();
    render(<Filtered plan={essexActionPlan} asOf="2025-04-01" />);
    expect(screen.getByRole("row", { name: /Recommendation 28\b/ })).not.toHaveTextContent("Latest update");
  });

  it("flags overdue items from the day after the deadline", () => {
    const { rerender } = render(
      <ActionPlanTable
        plan={essexActionPlan}
        asOf="2025-03-27"
        filters={noActionPlanFilters}
        onFiltersChange={() => {}}
      />,
    );
    expect(screen.queryByText("Overdue", { selector: "strong" })).not.toBeInTheDocument();
    rerender(
      <ActionPlanTable
        plan={essexActionPlan}
        asOf="2025-03-28"
        filters={noActionPlanFilters}
        onFiltersChange={() => {}}
      />,
    );
    const twelve = screen.getByRole("row", { name: /Recommendation 12\b/ });
    expect(within(twelve).getByText("Overdue")).toBeInTheDocument();
    expect(twelve).toHaveTextContent("Past deadline: 12.1, 12.4");
    const thirteen = screen.getByRole("row", { name: /Recommendation 13\b/ });
    expect(within(thirteen).queryByText("Overdue")).not.toBeInTheDocument();
  });

  it("filters by theme and status from the keyboard and announces the count", async () => {
    const user = userEvent.setup();
    render(<Filtered plan={essexActionPlan} asOf="2025-04-01" />);
    await user.tab();
    const theme = screen.getByRole("combobox", { name: "Theme" });
    expect(theme).toHaveFocus();
    await user.selectOptions(theme, "Governance");
    expect(bodyRows().map((row) => row.querySelector("th")?.firstChild?.textContent)).toEqual([
      "Recommendation 27",
      "Recommendation 28",
    ]);
    expect(screen.getByRole("status")).toHaveTextContent("Showing 2 of 15 recommendations");

    await user.tab();
    const status = screen.getByRole("combobox", { name: "Status" });
    expect(status).toHaveFocus();
    await user.selectOptions(status, "Complete");
    expect(bodyRows()).toHaveLength(2);
    expect(screen.getByRole("row", { name: /Recommendation 28\b/ })).toBeInTheDocument();

    await user.selectOptions(status, "Overdue");
    await user.selectOptions(theme, "All themes");
    expect(bodyRows()).toHaveLength(9);
    expect(screen.getByRole("status")).toHaveTextContent("Showing 9 of 15 recommendations");
  });

  it("offers to clear filters that match nothing", async () => {
    const user = userEvent.setup();
    const { container } = render(
      <Filtered plan={essexActionPlan} asOf="2025-04-01" initial={{ theme: "governance", status: "partial" }} />,
    );
    expect(screen.getByText("No recommendations match these filters.")).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole("button", { name: "Clear filters" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(bodyRows()).toHaveLength(15);
    expect(screen.getByRole("combobox", { name: "Theme" })).toHaveValue("all");
  });

  it("is controlled: it reports filter changes and shows only the filters it is given", async () => {
    const user = userEvent.setup();
    const onFiltersChange = vi.fn();
    render(
      <ActionPlanTable
        plan={essexActionPlan}
        asOf="2025-04-01"
        filters={noActionPlanFilters}
        onFiltersChange={onFiltersChange}
      />,
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "Complete");
    expect(onFiltersChange).toHaveBeenCalledWith({ theme: "all", status: "complete" });
    expect(bodyRows()).toHaveLength(15);
  });

  it("links recommendations when asked", () => {
    render(
      <Filtered
        plan={essexActionPlan}
        asOf="2025-04-01"
        getRecommendationHref={(rec) => `/recommendations/${rec.number}`}
      />,
    );
    expect(screen.getByRole("link", { name: "Recommendation 7" })).toHaveAttribute("href", "/recommendations/7");
  });

  it("refuses an as-of date that does not exist, naming the prop", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => render(<Filtered plan={essexActionPlan} asOf="2025-02-30" />)).toThrow(/asOf.*2025-02-30/);
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLDivElement>();
    render(<Filtered plan={essexActionPlan} asOf="2025-04-01" ref={ref} data-testid="plan" />);
    expect(ref.current).toBe(screen.getByTestId("plan"));
  });
});
