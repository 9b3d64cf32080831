import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Checkboxes } from "./checkboxes";

const items = [
  { value: "following", label: "Following" },
  { value: "messages", label: "Unwanted messages", hint: "Including on social media" },
  { divider: "or" },
  { value: "none", label: "None of these", exclusive: true },
];

describe("Checkboxes", () => {
  it("has no axe violations with a hint, a divider and an error", async () => {
    const { container } = render(
      <Checkboxes
        name="behaviours"
        legend="Which behaviours were reported?"
        hint="Select all that apply"
        errorMessage="Select the behaviours reported, or none of these"
        items={items}
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("toggles with Space and tabs from box to box", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Checkboxes name="behaviours" legend="Behaviours" items={items} onChange={onChange} />);
    await user.tab();
    expect(screen.getByRole("checkbox", { name: "Following" })).toHaveFocus();
    await user.keyboard(" ");
    await user.tab();
    expect(screen.getByRole("checkbox", { name: "Unwanted messages" })).toHaveFocus();
    await user.keyboard(" ");
    expect(onChange).toHaveBeenLastCalledWith(["following", "messages"], expect.anything());
    await user.keyboard(" ");
    expect(onChange).toHaveBeenLastCalledWith(["following"], expect.anything());
  });

  it("treats an exclusive option as 'None of these'", async () => {
    const user = userEvent.setup();
    render(<Checkboxes name="behaviours" legend="Behaviours" items={items} defaultValue={["following", "messages"]} />);
    await user.click(screen.getByRole("checkbox", { name: "None of these" }));
    expect(screen.getByRole("checkbox", { name: "Following" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Unwanted messages" })).not.toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: "Following" }));
    expect(screen.getByRole("checkbox", { name: "None of these" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Following" })).toBeChecked();
  });

  it("describes a lone checkbox with the group's hint and error when there is no fieldset", () => {
    render(
      <Checkboxes
        name="consent"
        hint="You can withdraw consent later"
        errorMessage="Confirm the victim consents"
        items={[{ value: "yes", label: "The victim consents to a referral" }]}
      />,
    );
    expect(screen.getByRole("checkbox", { name: "The victim consents to a referral" })).toHaveAccessibleDescription(
      "You can withdraw consent later Error: Confirm the victim consents",
    );
  });

  it("does not change a controlled value by itself", async () => {
    const user = userEvent.setup();
    render(<Checkboxes name="b" legend="Behaviours" items={items} value={["following"]} />);
    await user.click(screen.getByRole("checkbox", { name: "Unwanted messages" }));
    expect(screen.getByRole("checkbox", { name: "Unwanted messages" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Following" })).toBeChecked();
  });
});
