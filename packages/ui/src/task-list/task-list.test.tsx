import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Tag } from "../tag/tag";
import { TaskList } from "./task-list";

const items = [
  { title: "What stalking is", href: "/modules/1", status: "Completed" },
  {
    title: "Recording stalking",
    href: "/modules/2",
    hint: "About 20 minutes",
    status: <Tag colour="blue">In progress</Tag>,
  },
  {
    title: "Protective orders",
    hint: "Complete module 2 first",
    status: "Cannot start yet",
    statusClassName: "govuk-task-list__status--cannot-start-yet",
  },
];

describe("TaskList", () => {
  it("has no axe violations", async () => {
    const { container } = render(<TaskList items={items} />);
    await expectNoAxeViolations(container);
  });

  it("describes each task link with its hint and status", () => {
    render(<TaskList items={items} />);
    expect(screen.getByRole("link", { name: "What stalking is" })).toHaveAccessibleDescription("Completed");
    expect(screen.getByRole("link", { name: "Recording stalking" })).toHaveAccessibleDescription(
      "About 20 minutes In progress",
    );
    expect(screen.queryByRole("link", { name: "Protective orders" })).toBeNull();
  });

  it("tabs only through tasks that can be started", async () => {
    const user = userEvent.setup();
    render(<TaskList items={items} />);
    await user.tab();
    expect(screen.getByRole("link", { name: "What stalking is" })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("link", { name: "Recording stalking" })).toHaveFocus();
    await user.tab();
    expect(document.body).toHaveFocus();
  });
});
