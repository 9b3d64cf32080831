import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Textarea } from "./textarea";

describe("Textarea", () => {
  it("has no axe violations with a hint and an error", async () => {
    const { container } = render(
      <Textarea
        label="What happened?"
        name="account"
        hint="Use the victim's words"
        errorMessage="Describe what happened"
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("is labelled and described, with five rows by default", () => {
    render(<Textarea label="What happened?" name="account" hint="Use the victim's words" errorMessage="Describe it" />);
    const textarea = screen.getByRole("textbox", { name: "What happened?" });
    expect(textarea).toHaveAttribute("rows", "5");
    expect(textarea).toHaveAccessibleDescription("Use the victim's words Error: Describe it");
    expect(textarea).toHaveClass("govuk-textarea--error");
  });

  it("takes typing, including new lines from Enter, after Tab", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <Textarea
        label="Notes"
        name="notes"
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />,
    );
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Notes" })).toHaveFocus();
    await user.keyboard("line one{Enter}line two");
    expect(onChange).toHaveBeenLastCalledWith("line one\nline two");
  });
});
