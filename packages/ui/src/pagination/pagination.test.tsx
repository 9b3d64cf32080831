import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Pagination } from "./pagination";

// jsdom's accessible-name algorithm drops the spaces around visually hidden spans, which
// browsers keep ("Next page"); the patterns accept both.
describe("Pagination", () => {
  it("has no axe violations, numbered and stacked", async () => {
    const { container } = render(
      <>
        <Pagination
          previous={{ href: "?page=1" }}
          next={{ href: "?page=3" }}
          items={[
            { number: 1, href: "?page=1" },
            { number: 2, href: "?page=2", current: true },
            { ellipsis: true },
            { number: 9, href: "?page=9" },
          ]}
        />
        <Pagination landmarkLabel="Lessons" next={{ href: "/lesson/2", labelText: "Lesson 2: Fixation" }} />
      </>,
    );
    await expectNoAxeViolations(container);
  });

  it("is a named navigation landmark marking the current page", () => {
    render(
      <Pagination
        next={{ href: "?page=3" }}
        items={[
          { number: 1, href: "?page=1" },
          { number: 2, href: "?page=2", current: true },
        ]}
      />,
    );
    expect(screen.getByRole("navigation", { name: "Pagination" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: /^Next ?page$/ })).toHaveAttribute("rel", "next");
  });

  it("reads a stacked link with its label and lets a client router handle it from the keyboard", async () => {
    const user = userEvent.setup();
    const onClick = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    render(<Pagination previous={{ href: "/lesson/1", labelText: "Lesson 1: Introduction", onClick }} />);
    const link = screen.getByRole("link", { name: /^Previous ?page ?: ?Lesson 1: Introduction$/ });
    await user.tab();
    expect(link).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
