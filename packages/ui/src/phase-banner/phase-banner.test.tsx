import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { PhaseBanner } from "./phase-banner";

describe("PhaseBanner", () => {
  it("has no axe violations", async () => {
    const { container } = render(
      <PhaseBanner tag="Beta">
        This is a new service. Your{" "}
        <a className="govuk-link" href="/feedback">
          feedback
        </a>{" "}
        will help us improve it.
      </PhaseBanner>,
    );
    await expectNoAxeViolations(container);
  });

  it("shows the phase as a tag before the message, with its link reachable", () => {
    render(
      <PhaseBanner tag="Beta">
        Your <a href="/feedback">feedback</a> helps.
      </PhaseBanner>,
    );
    expect(screen.getByText("Beta")).toHaveClass("govuk-tag");
    expect(screen.getByRole("link", { name: "feedback" })).toHaveAttribute("href", "/feedback");
  });
});
