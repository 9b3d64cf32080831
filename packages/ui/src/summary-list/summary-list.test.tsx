import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { SummaryList } from "./summary-list";

// jsdom's accessible-name algorithm drops the space that starts the visually hidden span
// ("Change" + " fixated"), which browsers keep; the patterns accept both.
const rows = [
  { key: "Fixated", value: "Yes", actions: [{ href: "#fixated", text: "Change", visuallyHiddenText: "fixated" }] },
  { key: "Obsessive", value: "No", actions: [{ href: "#obsessive", text: "Change", visuallyHiddenText: "obsessive" }] },
  { key: "Reference", value: "SC-0042" },
];

describe("SummaryList", () => {
  it("has no axe violations, plain and as a card", async () => {
    const { container } = render(
      <>
        <SummaryList rows={rows} />
        <SummaryList card={{ title: "Victim", actions: [{ href: "#remove", text: "Remove" }] }} rows={rows} />
      </>,
    );
    await expectNoAxeViolations(container);
  });

  it("names each change link after its question, and a card's links after the card", () => {
    render(<SummaryList card={{ title: "Victim", actions: [{ href: "#remove", text: "Remove" }] }} rows={rows} />);
    expect(screen.getByRole("link", { name: /^Change ?fixated \(Victim\)$/ })).toHaveAttribute("href", "#fixated");
    expect(screen.getByRole("link", { name: /^Remove ?\(Victim\)$/ })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Victim" })).toBeInTheDocument();
  });

  it("pairs keys and values as terms and definitions, marking rows without actions", () => {
    render(<SummaryList rows={rows} />);
    expect(screen.getAllByRole("term").map((term) => term.textContent)).toEqual(["Fixated", "Obsessive", "Reference"]);
    expect(screen.getByText("SC-0042").closest(".govuk-summary-list__row")).toHaveClass(
      "govuk-summary-list__row--no-actions",
    );
  });

  it("tabs through the change links in order", async () => {
    const user = userEvent.setup();
    render(<SummaryList rows={rows} />);
    await user.tab();
    expect(screen.getByRole("link", { name: /^Change ?fixated$/ })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("link", { name: /^Change ?obsessive$/ })).toHaveFocus();
  });
});
