import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Panel } from "./panel";

describe("Panel", () => {
  it("has no axe violations", async () => {
    const { container } = render(
      <Panel title="Module completed">
        Your certificate number
        <br />
        <strong>CERT-0042</strong>
      </Panel>,
    );
    await expectNoAxeViolations(container);
  });

  it("is the page's main heading by default, at another level on request", () => {
    const { rerender } = render(<Panel title="Module completed" />);
    expect(screen.getByRole("heading", { level: 1, name: "Module completed" })).toBeInTheDocument();
    expect(document.querySelector(".govuk-panel__body")).toBeNull();
    rerender(<Panel title="Module completed" headingLevel={2} />);
    expect(screen.getByRole("heading", { level: 2, name: "Module completed" })).toBeInTheDocument();
  });
});
