import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Header } from "./header";

const navigation = [
  { href: "/modules", text: "Modules", current: true },
  { href: "/progress", text: "Progress" },
];

describe("Header", () => {
  it("has no axe violations, with and without navigation", async () => {
    const { container, rerender } = render(<Header logo="Stalking response training" navigation={navigation} />);
    await expectNoAxeViolations(container);
    rerender(<Header logo="Action plans" fullWidth />);
    await expectNoAxeViolations(container);
  });

  it("holds a phase banner inside its landmark, below the bar", () => {
    render(
      <Header logo="Stalking response training">
        <p>Beta: this is a new service</p>
      </Header>,
    );
    expect(screen.getByRole("banner")).toContainElement(screen.getByText("Beta: this is a new service"));
  });

  it("is a banner with a home link and a navigation landmark marking the current section", () => {
    render(<Header logo="Stalking response training" homepageUrl="/home" navigation={navigation} />);
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Stalking response training" })).toHaveAttribute("href", "/home");
    expect(screen.getByRole("navigation", { name: "Menu" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Modules" })).toHaveAttribute("aria-current", "page");
    expect(document.querySelector("svg, .govuk-header__crown, .govuk-logo")).toBeNull();
  });

  it("opens the menu with Enter and closes it with Escape, returning focus to the button", async () => {
    const user = userEvent.setup();
    render(<Header logo="Training" navigation={navigation} />);
    const button = screen.getByRole("button", { name: "Menu" });
    const list = document.getElementById(button.getAttribute("aria-controls") ?? "");
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(list).toHaveAttribute("data-open", "false");
    await user.tab();
    await user.tab();
    expect(button).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(list).toHaveAttribute("data-open", "true");
    await user.tab();
    expect(screen.getByRole("link", { name: "Modules" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(button).toHaveFocus();
  });
});
