import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { TextInput } from "./text-input";

describe("TextInput", () => {
  it("has no axe violations with hint, error, prefix and suffix", async () => {
    const { container } = render(
      <TextInput
        label="Hours of CCTV footage"
        name="hours"
        hint="Round up to the nearest hour"
        errorMessage="Enter the hours of footage as a number"
        prefix="About"
        suffix="hours"
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("is labelled, and describes itself with its hint then its error", () => {
    render(
      <TextInput
        label="Crime reference number"
        name="crn"
        hint="For example, 41/12345/24"
        errorMessage="Enter a crime reference number"
      />,
    );
    const input = screen.getByRole("textbox", { name: "Crime reference number" });
    expect(input).toHaveAttribute("id", "crn");
    expect(input).toHaveAccessibleDescription("For example, 41/12345/24 Error: Enter a crime reference number");
    expect(input).toHaveClass("govuk-input--error");
    expect(input.closest(".govuk-form-group")).toHaveClass("govuk-form-group--error");
  });

  it("keeps the caller's aria-describedby first and generates an id when there is no name", () => {
    render(
      <>
        <p id="extra">Only officers can see this.</p>
        <TextInput label="Note" aria-describedby="extra" hint="Optional" />
      </>,
    );
    const input = screen.getByRole("textbox", { name: "Note" });
    expect(input.id).not.toBe("");
    expect(input).toHaveAccessibleDescription("Only officers can see this. Optional");
  });

  it("is controlled like a native input and reachable by Tab", async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [value, setValue] = useState("");
      return (
        <>
          <TextInput
            label="Town"
            name="town"
            value={value}
            onChange={(event) => setValue(event.target.value.toUpperCase())}
          />
          <output aria-label="echo">{value}</output>
        </>
      );
    }
    render(<Controlled />);
    await user.tab();
    const input = screen.getByRole("textbox", { name: "Town" });
    expect(input).toHaveFocus();
    await user.keyboard("leeds");
    expect(input).toHaveValue("LEEDS");
    expect(screen.getByLabelText("echo")).toHaveTextContent("LEEDS");
  });

  it("hides the prefix and suffix from assistive technology", () => {
    render(<TextInput label="Cost, in pounds" name="cost" prefix="£" />);
    expect(screen.getByText("£")).toHaveAttribute("aria-hidden", "true");
  });
});
