import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { WarningText } from "./warning-text";

describe("WarningText", () => {
  it("has no axe violations", async () => {
    const { container } = render(<WarningText>Call 999 if the victim is in immediate danger.</WarningText>);
    await expectNoAxeViolations(container);
  });

  it("reads 'Warning' in place of the hidden icon", () => {
    render(<WarningText>Call 999 if the victim is in immediate danger.</WarningText>);
    expect(screen.getByText("!")).toHaveAttribute("aria-hidden", "true");
    expect(screen.getByText(/Call 999/)).toHaveTextContent("Warning Call 999 if the victim is in immediate danger.");
  });

  it("takes other fallback text, or none", () => {
    const { rerender } = render(<WarningText iconFallbackText="Rhybudd">Ffoniwch 999</WarningText>);
    expect(screen.getByText(/Ffoniwch/)).toHaveTextContent("Rhybudd Ffoniwch 999");
    rerender(<WarningText iconFallbackText="">Warning: example only</WarningText>);
    expect(screen.getByText(/example only/)).toHaveTextContent(/^Warning: example only$/);
  });
});
