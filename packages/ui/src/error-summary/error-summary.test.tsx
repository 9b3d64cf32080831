import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { TextInput } from "../text-input/text-input";
import { Radios } from "../radios/radios";
import { ErrorSummary } from "./error-summary";

const errors = [
  { text: "Enter the crime reference number", href: "#crn" },
  { text: "Select yes if an order has been breached", href: "#breach" },
  { text: "The service could not save your answers" },
];

function Form({ disableAutoFocus = false }: { disableAutoFocus?: boolean }) {
  return (
    <>
      <ErrorSummary errors={errors} disableAutoFocus={disableAutoFocus} />
      <TextInput label="Crime reference number" name="crn" errorMessage="Enter the crime reference number" />
      <Radios
        name="breach"
        legend="Has an order been breached?"
        errorMessage="Select yes if an order has been breached"
        items={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
    </>
  );
}

describe("ErrorSummary", () => {
  it("has no axe violations", async () => {
    const { container } = render(<Form />);
    await expectNoAxeViolations(container);
  });

  it("is an alert titled 'There is a problem' that takes focus when it appears", () => {
    render(<Form />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("There is a problem");
    expect(alert.parentElement).toHaveFocus();
    expect(screen.getByText("The service could not save your answers").closest("a")).toBeNull();
  });

  it("gives focus back to the page: it leaves the tab order once focus moves on", async () => {
    const user = userEvent.setup();
    render(<Form />);
    const summary = screen.getByRole("alert").parentElement;
    expect(summary).toHaveAttribute("tabindex", "-1");
    await user.tab();
    expect(screen.getByRole("link", { name: "Enter the crime reference number" })).toHaveFocus();
    expect(summary).not.toHaveAttribute("tabindex");
  });

  it("moves focus to the field when a link is followed with Enter", async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.tab();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("textbox", { name: "Crime reference number" })).toHaveFocus();
    await user.click(screen.getByRole("link", { name: "Select yes if an order has been breached" }));
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveFocus();
  });

  it("leaves focus alone when asked to", () => {
    render(<Form disableAutoFocus />);
    expect(screen.getByRole("alert").parentElement).not.toHaveFocus();
  });
});
