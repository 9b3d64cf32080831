import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { SkipLink } from "./skip-link";

function Page() {
  return (
    <>
      <SkipLink />
      <header>
        <a href="/">Home</a>
      </header>
      <main id="main-content">
        <h1>Modules</h1>
      </main>
    </>
  );
}

describe("SkipLink", () => {
  it("has no axe violations", async () => {
    const { container } = render(<Page />);
    await expectNoAxeViolations(container);
  });

  it("is the first tab stop and moves focus to the main content on Enter", async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.tab();
    const link = screen.getByRole("link", { name: "Skip to main content" });
    expect(link).toHaveFocus();
    await user.keyboard("{Enter}");
    const main = screen.getByRole("main");
    expect(main).toHaveFocus();
    expect(main).toHaveClass("govuk-skip-link-focused-element");
  });

  it("does not leave the main content in the tab order once focus moves on", async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.tab();
    await user.keyboard("{Enter}");
    await user.tab();
    const main = screen.getByRole("main");
    expect(main).not.toHaveAttribute("tabindex");
    expect(main).not.toHaveClass("govuk-skip-link-focused-element");
  });
});
