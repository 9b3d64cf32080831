import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { DateInput } from "./date-input";

describe("DateInput", () => {
  it("has no axe violations with a hint and an error", async () => {
    const { container } = render(
      <DateInput
        id="first"
        legend="When did the first incident happen?"
        hint="For example, 27 3 2024"
        errorMessage="The date must include a year"
        errorParts={["year"]}
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("is a group of three labelled numeric inputs, marking only the parts in error", () => {
    render(
      <DateInput
        id="first"
        namePrefix="first"
        legend="When did it start?"
        hint="For example, 27 3 2024"
        errorMessage="The date must include a year"
        errorParts={["year"]}
      />,
    );
    const group = screen.getByRole("group", { name: "When did it start?" });
    expect(group).toHaveAccessibleDescription("For example, 27 3 2024 Error: The date must include a year");
    const day = screen.getByRole("textbox", { name: "Day" });
    expect(day).toHaveAttribute("inputmode", "numeric");
    expect(day).toHaveAttribute("name", "first-day");
    expect(day).not.toHaveClass("govuk-input--error");
    expect(screen.getByRole("textbox", { name: "Year" })).toHaveClass("govuk-input--error");
  });

  it("is typed into part by part, moving with Tab, and reports the whole value", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<DateInput id="d" legend="Date" onChange={onChange} />);
    await user.tab();
    await user.keyboard("27");
    await user.tab();
    await user.keyboard("3");
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Year" })).toHaveFocus();
    await user.keyboard("2024");
    expect(onChange).toHaveBeenLastCalledWith({ day: "27", month: "3", year: "2024" }, expect.anything());
  });

  it("shows only the parts asked for", () => {
    render(<DateInput id="expiry" legend="When does the order expire?" parts={["month", "year"]} />);
    expect(screen.queryByRole("textbox", { name: "Day" })).toBeNull();
    expect(screen.getAllByRole("textbox")).toHaveLength(2);
  });
});
