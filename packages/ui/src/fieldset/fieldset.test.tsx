import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { TextInput } from "../text-input/text-input";
import { Fieldset } from "./fieldset";

describe("Fieldset", () => {
  it("has no axe violations", async () => {
    const { container } = render(
      <Fieldset legend="Where did it happen?">
        <TextInput label="Town or city" name="town" />
      </Fieldset>,
    );
    await expectNoAxeViolations(container);
  });

  it("names its group with the legend, which can be the page heading", () => {
    render(
      <Fieldset legend="Where did it happen?" legendClassName="govuk-fieldset__legend--l" legendIsPageHeading>
        <TextInput label="Town or city" name="town" />
        <TextInput label="Postcode" name="postcode" />
      </Fieldset>,
    );
    expect(screen.getByRole("group", { name: "Where did it happen?" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Where did it happen?" })).toBeInTheDocument();
  });

  it("keeps the tab order of the fields it groups", async () => {
    const user = userEvent.setup();
    render(
      <Fieldset legend="Address">
        <TextInput label="Town or city" name="town" />
        <TextInput label="Postcode" name="postcode" />
      </Fieldset>,
    );
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Town or city" })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Postcode" })).toHaveFocus();
  });
});
