import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { NotificationBanner } from "./notification-banner";

describe("NotificationBanner", () => {
  it("has no axe violations, important and success", async () => {
    const { container } = render(
      <>
        <NotificationBanner heading="The course closes on 31 March." />
        <NotificationBanner type="success" heading="Action plan updated" disableAutoFocus />
      </>,
    );
    await expectNoAxeViolations(container);
  });

  it("is a region named by its title by default", () => {
    render(<NotificationBanner heading="The course closes on 31 March." />);
    const region = screen.getByRole("region", { name: "Important" });
    expect(region).toHaveTextContent("The course closes on 31 March.");
    expect(region).not.toHaveFocus();
  });

  it("announces and focuses a success banner as an alert", () => {
    render(<NotificationBanner type="success" heading="Action plan updated" />);
    const alert = screen.getByRole("alert", { name: "Success" });
    expect(alert).toHaveFocus();
    expect(alert).toHaveClass("govuk-notification-banner--success");
  });

  it("gives two banners on a page distinct title ids", () => {
    render(
      <>
        <NotificationBanner heading="One" />
        <NotificationBanner heading="Two" title="Also important" />
      </>,
    );
    expect(screen.getByRole("region", { name: "Also important" })).toHaveTextContent("Two");
    expect(screen.getByRole("region", { name: "Important" })).toHaveTextContent("One");
  });
});
