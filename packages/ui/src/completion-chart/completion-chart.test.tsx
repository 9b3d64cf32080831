import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { valueScale } from "./chart-scale";
import { CompletionChart, labelLines, type CompletionChartProps } from "./completion-chart";
import { completionByModule, completionByWeek } from "./completion-chart.fixtures";

const percent = (value: number) => `${value}%`;
const bar: CompletionChartProps = {
  kind: "bar",
  title: "Completion by module",
  description: "Completion falls from 92% on the first module to 44% on the last.",
  categoryLabel: "Module",
  valueLabel: "Learners completed (%)",
  maxValue: 100,
  formatValue: percent,
  ...completionByModule,
};
const line: CompletionChartProps = {
  kind: "line",
  title: "Completion by week",
  description: "Both groups rise each week; control room staff lag by about 20 points.",
  categoryLabel: "Week",
  valueLabel: "Learners completed (%)",
  maxValue: 100,
  formatValue: percent,
  ...completionByWeek,
};

describe("CompletionChart", () => {
  it("has no axe violations as a bar or a line chart", async () => {
    const { container } = render(
      <>
        <CompletionChart {...bar} />
        <CompletionChart {...line} dataTable="visible" />
      </>,
    );
    await expectNoAxeViolations(container);
  });

  it("names the SVG with its title and description", () => {
    render(<CompletionChart {...bar} />);
    const image = screen.getByRole("img", { name: "Completion by module" });
    expect(image).toHaveAccessibleDescription("Completion falls from 92% on the first module to 44% on the last.");
    expect(image.querySelector("title")).toHaveTextContent("Completion by module");
    expect(image.querySelector("desc")).toHaveTextContent(/92%/);
    expect(screen.getByRole("figure", { name: /Completion by module/ })).toBeInTheDocument();
    // One bar per value, each drawn to scale: 92% of the 240px plot is about 221px.
    const bars = image.querySelectorAll("rect.srt-chart__bar-outline");
    expect(bars).toHaveLength(5);
    expect(Number(bars[0]?.getAttribute("height"))).toBeCloseTo(0.92 * 240, 0);
  });

  it("offers the same numbers as a table behind a focusable disclosure", async () => {
    const user = userEvent.setup();
    render(<CompletionChart {...line} />);
    const summary = screen.getByText("Show data as a table");
    const details = summary.closest("details");
    expect(details).not.toHaveAttribute("open");
    await user.tab();
    expect(summary.closest("summary")).toHaveFocus();
    // jsdom gives <summary> no keyboard activation (browsers do), so the toggle is driven by click.
    await user.click(summary);
    expect(details).toHaveAttribute("open");

    const table = screen.getByRole("table", { name: "Completion by week" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Week", "Response officers", "Control room staff"]);
    const week4 = within(table).getByRole("row", { name: /Week 4/ });
    expect(
      within(week4)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["61%", "No data"]);
  });

  it("breaks a line at missing values and keys series by name, not colour alone", () => {
    render(<CompletionChart {...line} />);
    const legend = screen.getByRole("list", { name: "Key" });
    expect(
      within(legend)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Response officers", "Control room staff"]);
    const paths = screen.getByRole("img").querySelectorAll("path.srt-chart__line");
    const controlRoom = paths[1]?.getAttribute("d") ?? "";
    // Weeks 1–3, then a fresh segment from week 5: two moves, no line across the missing week.
    expect(controlRoom.match(/M/g)).toHaveLength(2);
    expect(paths[1]).toHaveAttribute("stroke-dasharray");
    expect(paths[0]).not.toHaveAttribute("stroke-dasharray");
  });

  it("breaks long category names between words, so names that start alike stay apart", () => {
    const { container } = render(
      <CompletionChart
        {...bar}
        categories={["North Command", "North Team", "South Command", "South Team", "West", "East", "HQ", "Ops"]}
        series={[{ name: "People", values: [1, 2, 3, 4, 5, 6, 7, 8] }]}
      />,
    );
    const labels = [...container.querySelectorAll("svg text.srt-chart__tick")]
      .filter((text) => text.querySelector("tspan"))
      .map((text) => [...text.querySelectorAll("tspan")].map((span) => span.textContent).join(" "));
    expect(labels.slice(0, 4)).toEqual(["North Command", "North Team", "South Command", "South Team"]);
    expect(labelLines("Public Protection Unit Stalking Clinic", 60)).toEqual(["Public", "Protect…"]);
    expect(labelLines("Superintendents", 60)).toEqual(["Superint", "endents"]);
  });

  it("draws a series in the style it asks for, whatever its place, so a measure looks the same in every chart", () => {
    const { container } = render(
      <CompletionChart
        {...line}
        series={[
          { name: "Overdue", values: [1, 2, 3], style: 1 },
          { name: "People", values: [4, 5, 6], style: 0 },
        ]}
        categories={["1", "2", "3"]}
      />,
    );
    const paths = [...container.querySelectorAll("svg path.srt-chart__line")].map((path) => path.getAttribute("class"));
    expect(paths).toEqual(["srt-chart__line srt-chart__series--1", "srt-chart__line srt-chart__series--0"]);
  });

  it("can show the table without a disclosure", () => {
    render(<CompletionChart {...bar} dataTable="visible" />);
    expect(screen.queryByText("Show data as a table")).not.toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Completion by module" })).toBeVisible();
  });

  it("says there is nothing to show instead of drawing an empty chart", async () => {
    const { container } = render(<CompletionChart {...bar} categories={[]} series={[]} />);
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(screen.getByText("No data to show yet.")).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it("forwards its ref and rest props to the figure", () => {
    const ref = createRef<HTMLElement>();
    render(<CompletionChart {...bar} ref={ref} data-testid="chart" />);
    expect(ref.current).toBe(screen.getByTestId("chart"));
  });
});

describe("valueScale", () => {
  it("ends on a round number above the data", () => {
    expect(valueScale([3, 17, 42])).toEqual({ max: 60, ticks: [0, 20, 40, 60] });
    expect(valueScale([380])).toEqual({ max: 400, ticks: [0, 100, 200, 300, 400] });
    expect(valueScale([0.3])).toEqual({ max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
  });

  it("uses a fixed top when given and copes with no data", () => {
    expect(valueScale([12], 100)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(valueScale([])).toEqual({ max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });
});
