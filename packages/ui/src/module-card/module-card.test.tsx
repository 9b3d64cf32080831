import { course, type Module } from "@stalking-response/curriculum";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { ModuleCard } from "./module-card";

const module = course.modules[1] as Module;

describe("ModuleCard", () => {
  it("has no axe violations in every status", async () => {
    const { container } = render(
      <>
        <ModuleCard module={module} href="/m" status="not-started" dueOn="2027-03-01" />
        <ModuleCard module={module} href="/m" status="in-progress" />
        <ModuleCard module={module} href="/m" status="completed" passedOn="2026-11-27" recertifyBy="2027-11-27" />
        <ModuleCard module={module} href="/m" status="overdue" dueOn="2026-01-01" />
      </>,
    );
    await expectNoAxeViolations(container);
  });

  it("is an article named by its title, which links to the module", async () => {
    const user = userEvent.setup();
    render(<ModuleCard module={module} href="/modules/risk" status="in-progress" caption="Module 2 of 5" />);
    expect(screen.getByRole("article", { name: module.title })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: module.title })).toBeInTheDocument();
    await user.tab();
    expect(screen.getByRole("link", { name: module.title })).toHaveFocus();
    expect(screen.getByRole("link", { name: module.title })).toHaveAttribute("href", "/modules/risk");
    expect(screen.getByText("Module 2 of 5")).toBeInTheDocument();
    expect(screen.getByText("In progress")).toBeInTheDocument();
    expect(screen.getByText(`About ${module.estimatedMinutes} minutes`)).toBeInTheDocument();
  });

  it("shows the due date until the module is completed, then the pass and recertification dates", () => {
    const { rerender } = render(<ModuleCard module={module} href="/m" status="overdue" dueOn="2027-03-01" />);
    expect(screen.getByText("Overdue")).toBeInTheDocument();
    expect(screen.getByText("1 March 2027")).toBeInTheDocument();
    rerender(
      <ModuleCard
        module={module}
        href="/m"
        status="completed"
        dueOn="2027-03-01"
        passedOn="2026-11-27"
        recertifyBy="2027-11-27"
      />,
    );
    expect(screen.queryByText("1 March 2027")).not.toBeInTheDocument();
    expect(screen.getByText("27 November 2026")).toBeInTheDocument();
    expect(screen.getByText("27 November 2027")).toBeInTheDocument();
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLElement>();
    render(<ModuleCard module={module} href="/m" status="completed" ref={ref} data-testid="card" headingLevel={3} />);
    expect(ref.current).toBe(screen.getByTestId("card"));
    expect(screen.getByRole("heading", { level: 3 })).toBeInTheDocument();
  });
});
