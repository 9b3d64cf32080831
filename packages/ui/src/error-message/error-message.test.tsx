import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { ErrorMessage } from "./error-message";

describe("ErrorMessage", () => {
  it("has no axe violations", async () => {
    const { container } = render(<ErrorMessage id="e">Enter a date</ErrorMessage>);
    await expectNoAxeViolations(container);
  });

  it("prefixes the message with hidden 'Error:' so it is not heard as a hint", () => {
    render(<ErrorMessage>Enter a date</ErrorMessage>);
    expect(screen.getByText("Error:")).toHaveClass("govuk-visually-hidden");
    expect(screen.getByText(/Enter a date/)).toHaveTextContent("Error: Enter a date");
  });

  it("takes a translated prefix, or none", () => {
    const { rerender } = render(<ErrorMessage visuallyHiddenText="Gwall">Rhowch ddyddiad</ErrorMessage>);
    expect(screen.getByText(/Rhowch/)).toHaveTextContent("Gwall: Rhowch ddyddiad");
    rerender(<ErrorMessage visuallyHiddenText="">Line 42 is wrong</ErrorMessage>);
    expect(screen.getByText(/Line 42/)).toHaveTextContent(/^Line 42 is wrong$/);
  });
});
