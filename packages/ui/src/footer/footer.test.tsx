import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Footer } from "./footer";

const links = [
  { href: "/accessibility", text: "Accessibility statement" },
  { href: "/privacy", text: "Privacy" },
];

describe("Footer", () => {
  it("has no axe violations", async () => {
    const { container } = render(<Footer links={links} copyright="© College of Policing" />);
    await expectNoAxeViolations(container);
  });

  it("is the content-info landmark with its support links, and no GOV.UK branding", () => {
    render(
      <Footer
        links={links}
        contentLicence="Training content © College of Policing"
        copyright="© College of Policing"
      />,
    );
    expect(screen.getByRole("contentinfo")).toHaveTextContent("© College of Policing");
    expect(screen.getByRole("heading", { level: 2, name: "Support links" })).toHaveClass("govuk-visually-hidden");
    expect(screen.getByRole("link", { name: "Accessibility statement" })).toHaveAttribute("href", "/accessibility");
    expect(screen.getByRole("contentinfo")).not.toHaveTextContent(/Crown copyright|Open Government Licence/);
    expect(document.querySelector("svg")).toBeNull();
  });

  it("tabs through its links", async () => {
    const user = userEvent.setup();
    render(<Footer links={links} />);
    await user.tab();
    expect(screen.getByRole("link", { name: "Accessibility statement" })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("link", { name: "Privacy" })).toHaveFocus();
  });
});
