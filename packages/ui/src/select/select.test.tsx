import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Select } from "./select";

const items = [
  { value: "due", text: "Due date" },
  { value: "status", text: "Status" },
  { value: "theme", text: "Theme", disabled: true },
];

describe("Select", () => {
  it("has no axe violations with a hint and an error", async () => {
    const { container } = render(
      <Select label="Sort by" name="sort" items={items} hint="Applies to this list" errorMessage="Choose an order" />,
    );
    await expectNoAxeViolations(container);
  });

  it("is a labelled combobox with its options, one disabled", () => {
    render(<Select label="Sort by" name="sort" items={items} errorMessage="Choose an order" />);
    const select = screen.getByRole("combobox", { name: "Sort by" });
    expect(select).toHaveAccessibleDescription("Error: Choose an order");
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual(["Due date", "Status", "Theme"]);
    expect(screen.getByRole("option", { name: "Theme" })).toBeDisabled();
  });

  it("is controlled and changes from the keyboard", async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [value, setValue] = useState("due");
      return (
        <>
          <Select label="Sort by" name="sort" items={items} value={value} onChange={(e) => setValue(e.target.value)} />
          <output aria-label="chosen">{value}</output>
        </>
      );
    }
    render(<Controlled />);
    await user.tab();
    const select = screen.getByRole("combobox", { name: "Sort by" });
    expect(select).toHaveFocus();
    await user.selectOptions(select, "status");
    expect(screen.getByLabelText("chosen")).toHaveTextContent("status");
  });
});
