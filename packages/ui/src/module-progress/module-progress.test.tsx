import { course, type Module } from "@stalking-response/curriculum";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { ModuleProgress } from "./module-progress";

const module = course.modules[0] as Module;
const [first, second] = module.lessons;
const href = (lesson: { id: string }) => `/lessons/${lesson.id}`;

describe("ModuleProgress", () => {
  it("has no axe violations", async () => {
    const { container } = render(
      <ModuleProgress
        module={module}
        completedLessonIds={[first?.id ?? ""]}
        knowledgeCheck={{ status: "cannot-start-yet" }}
        getLessonHref={href}
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("lists each lesson with its status in words and counts the lessons done", () => {
    render(
      <ModuleProgress
        module={module}
        completedLessonIds={[first?.id ?? ""]}
        knowledgeCheck={{ status: "cannot-start-yet" }}
        getLessonHref={href}
      />,
    );
    const lessons = module.lessons.length;
    const bar = screen.getByRole("progressbar", { name: `Your progress on ${module.title}` });
    expect(bar).toHaveAttribute("aria-valuenow", "1");
    expect(bar).toHaveAttribute("aria-valuemax", String(lessons));
    expect(bar).toHaveAttribute("aria-valuetext", `1 of ${lessons} lessons`);

    const firstLink = screen.getByRole("link", { name: first?.title ?? "missing" });
    expect(firstLink).toHaveAttribute("href", `/lessons/${first?.id}`);
    expect(firstLink).toHaveAccessibleDescription(expect.stringContaining("Completed"));
    if (second) {
      expect(screen.getByRole("link", { name: second.title })).toHaveAccessibleDescription(
        expect.stringContaining("Not started"),
      );
    }
    // A knowledge check that cannot start yet is plain text, not a link.
    expect(screen.queryByRole("link", { name: "Knowledge check" })).not.toBeInTheDocument();
    expect(screen.getByText("Cannot start yet")).toBeInTheDocument();
  });

  it("links to the knowledge check once it can be taken, and again after a fail", async () => {
    const user = userEvent.setup();
    const all = module.lessons.map((lesson) => lesson.id);
    const { rerender } = render(
      <ModuleProgress
        module={module}
        completedLessonIds={all}
        knowledgeCheck={{ status: "not-started", href: "/check" }}
        getLessonHref={href}
      />,
    );
    for (let index = 0; index <= module.lessons.length; index++) await user.tab();
    expect(screen.getByRole("link", { name: "Knowledge check" })).toHaveFocus();

    rerender(
      <ModuleProgress
        module={module}
        completedLessonIds={all}
        knowledgeCheck={{ status: "not-passed", percent: 60, href: "/check" }}
        getLessonHref={href}
      />,
    );
    expect(screen.getByRole("link", { name: "Knowledge check" })).toHaveAccessibleDescription(
      "You can take it again. Not passed (60%)",
    );

    rerender(
      <ModuleProgress
        module={module}
        completedLessonIds={all}
        knowledgeCheck={{ status: "passed", percent: 90 }}
        getLessonHref={href}
      />,
    );
    const list = screen.getByRole("list");
    expect(within(list).getByText("Passed (90%)")).toBeInTheDocument();
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuetext", `${all.length} of ${all.length} lessons`);
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <ModuleProgress
        ref={ref}
        data-testid="progress"
        module={module}
        completedLessonIds={[]}
        knowledgeCheck={{ status: "cannot-start-yet" }}
        getLessonHref={href}
      />,
    );
    expect(ref.current).toBe(screen.getByTestId("progress"));
  });
});
