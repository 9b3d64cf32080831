import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { ProgressBar } from "./progress-bar";

describe("ProgressBar", () => {
  it("has no axe violations", async () => {
    const { container } = render(<ProgressBar label="Course progress" value={3} max={5} valueText="3 of 5 modules" />);
    await expectNoAxeViolations(container);
  });

  it("is a labelled progressbar with its value, range and text", () => {
    render(<ProgressBar label="Course progress" value={3} max={5} valueText="3 of 5 modules" />);
    const bar = screen.getByRole("progressbar", { name: "Course progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "3");
    expect(bar).toHaveAttribute("aria-valuemin", "0");
    expect(bar).toHaveAttribute("aria-valuemax", "5");
    expect(bar).toHaveAttribute("aria-valuetext", "3 of 5 modules");
    expect(screen.getByText("3 of 5 modules", { selector: "p" })).toBeInTheDocument();
  });

  it("defaults to a percentage and clamps values outside the range", () => {
    const { rerender } = render(<ProgressBar label="Upload" value={25} />);
    expect(screen.getByRole("progressbar", { name: "Upload" })).toHaveAttribute("aria-valuetext", "25%");
    rerender(<ProgressBar label="Upload" value={140} />);
    const bar = screen.getByRole("progressbar", { name: "Upload" });
    expect(bar).toHaveAttribute("aria-valuenow", "100");
    expect(bar.firstElementChild).toHaveStyle({ width: "100%" });
    rerender(<ProgressBar label="Upload" value={-5} max={0} />);
    expect(screen.getByRole("progressbar", { name: "Upload" })).toHaveAttribute("aria-valuenow", "0");
  });
});
