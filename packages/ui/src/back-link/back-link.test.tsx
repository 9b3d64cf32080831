import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { BackLink } from "./back-link";

describe("BackLink", () => {
  it("has no axe violations", async () => {
    const { container } = render(<BackLink href="/screening/2" />);
    await expectNoAxeViolations(container);
  });

  it("is a link named 'Back' by default, followed with Enter", async () => {
    const user = userEvent.setup();
    const onClick = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    render(<BackLink href="/screening/2" onClick={onClick} />);
    const link = screen.getByRole("link", { name: "Back" });
    expect(link).toHaveAttribute("href", "/screening/2");
    await user.tab();
    expect(link).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it("takes other text", () => {
    render(<BackLink href="/modules">Back to modules</BackLink>);
    expect(screen.getByRole("link", { name: "Back to modules" })).toBeInTheDocument();
  });
});
