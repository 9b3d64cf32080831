import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Radios } from "./radios";

const yes = { value: "yes", label: "Yes", hint: "At least one incident in the past month" };
const items = [yes, { value: "no", label: "No" }, { divider: "or" }, { value: "unknown", label: "Not known" }];

describe("Radios", () => {
  it("has no axe violations with hints, a divider, an error and a revealed question", async () => {
    const { container } = render(
      <Radios
        name="recent"
        legend="Has there been an incident recently?"
        hint="Think about the last four weeks"
        errorMessage="Select whether there has been an incident recently"
        defaultValue="yes"
        items={
          [{ ...items[0], conditional: <p className="govuk-body">Record it below.</p> }, ...items.slice(1)] as never
        }
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("is a group named by its legend and described by its hint and error", () => {
    render(
      <Radios
        name="recent"
        legend="Has there been an incident recently?"
        hint="Last four weeks"
        errorMessage="Select one"
        items={items}
      />,
    );
    const group = screen.getByRole("group", { name: "Has there been an incident recently?" });
    expect(group).toHaveAccessibleDescription("Last four weeks Error: Select one");
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveAccessibleDescription(
      "At least one incident in the past month",
    );
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveAttribute("id", "recent");
    expect(screen.getByRole("radio", { name: "No" })).toHaveAttribute("id", "recent-2");
  });

  it("moves selection with arrow keys and reports each change when controlled", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    function Controlled() {
      const [value, setValue] = useState<string | null>(null);
      return (
        <Radios
          name="recent"
          legend="Recent?"
          items={items}
          value={value}
          onChange={(next) => {
            onChange(next);
            setValue(next);
          }}
        />
      );
    }
    render(<Controlled />);
    await user.tab();
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveFocus();
    await user.keyboard(" ");
    expect(screen.getByRole("radio", { name: "Yes" })).toBeChecked();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("radio", { name: "No" })).toBeChecked();
    expect(onChange.mock.calls.map(([value]) => value as string)).toEqual(["yes", "no"]);
  });

  it("reveals an option's follow-up question only while it is selected", async () => {
    const user = userEvent.setup();
    render(
      <Radios
        name="breach"
        legend="Has an order been breached?"
        items={[
          {
            value: "yes",
            label: "Yes",
            conditional: (
              <label htmlFor="crn">
                Crime reference
                <input id="crn" />
              </label>
            ),
          },
          { value: "no", label: "No" },
        ]}
      />,
    );
    const yes = screen.getByRole("radio", { name: "Yes" });
    const panel = document.getElementById("conditional-breach");
    expect(yes).toHaveAttribute("aria-controls", "conditional-breach");
    expect(panel).toHaveClass("govuk-radios__conditional--hidden");
    await user.click(yes);
    expect(panel).not.toHaveClass("govuk-radios__conditional--hidden");
    await user.click(screen.getByRole("radio", { name: "No" }));
    expect(panel).toHaveClass("govuk-radios__conditional--hidden");
  });
});
