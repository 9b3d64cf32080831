import { course, type Block, type Lesson } from "@stalking-response/curriculum";
import { render, screen, within } from "@testing-library/react";
import { createRef } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { formatSourceDate } from "./citation";
import { LessonView } from "./lesson-view";

/** The block under a heading: blocks are headed divisions, not landmarks. */
const blockUnder = (name: string | RegExp) =>
  screen.getByRole("heading", { name }).closest(".srt-lesson__block") as HTMLElement;

const lessons = course.modules.flatMap((module) => module.lessons);
function blockOf<K extends Block["kind"]>(kind: K): Extract<Block, { kind: K }> {
  const found = lessons.flatMap((lesson) => lesson.blocks).find((block) => block.kind === kind);
  if (!found) throw new Error(`the course has no ${kind} block`);
  return found as Extract<Block, { kind: K }>;
}

// One lesson holding one real block of every kind the course uses, plus an image (the course has none yet).
const everyKind: Lesson = {
  id: "every-kind",
  title: "Every kind of block",
  summary: "A lesson assembled from the course's own blocks.",
  blocks: [
    blockOf("text"),
    blockOf("key-facts"),
    blockOf("law"),
    blockOf("scenario"),
    blockOf("checklist"),
    { ...blockOf("callout"), id: "info", variant: "information" },
    { ...blockOf("callout"), id: "warn", variant: "warning" },
    {
      id: "diagram",
      kind: "image",
      src: "images/four-behaviours.png",
      alt: "The FOUR behaviours: fixated, obsessive, unwanted, repeated",
      caption: "The FOUR mnemonic",
      sources: [],
    },
    blockOf("practice-screening"),
  ],
};

describe("LessonView", () => {
  it("has no axe violations for every block kind", async () => {
    const { container } = render(<LessonView lesson={everyKind} sources={course.sources} />);
    await expectNoAxeViolations(container);
  });

  it("renders every lesson in the course without axe violations", async () => {
    for (const lesson of lessons) {
      const { container, unmount } = render(<LessonView lesson={lesson} sources={course.sources} />);
      expect(screen.getByRole("heading", { level: 1, name: lesson.title })).toBeInTheDocument();
      await expectNoAxeViolations(container);
      unmount();
    }
  });

  it("titles the lesson and nests block headings beneath it", () => {
    render(<LessonView lesson={everyKind} sources={course.sources} />);
    expect(screen.getByRole("article", { name: "Every kind of block" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Every kind of block");
    expect(screen.getByRole("heading", { level: 2, name: blockOf("key-facts").title })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "What the law says" })).toBeInTheDocument();
  });

  it("gives the law's section reference, where it applies and its source", () => {
    render(<LessonView lesson={everyKind} sources={course.sources} />);
    const law = blockOf("law");
    const region = blockUnder("What the law says");
    expect(region).toHaveTextContent(`${law.legislation}, ${law.section}`);
    expect(region).toHaveTextContent("Applies in England and Wales.");
    const source = course.sources.find((candidate) => candidate.id === law.sources[0]);
    expect(within(region).getByRole("link", { name: source?.title ?? "missing" })).toHaveAttribute(
      "href",
      source?.url ?? "missing",
    );
  });

  it("marks scenarios as fictional and lists their prompts", () => {
    render(<LessonView lesson={everyKind} sources={course.sources} />);
    const scenario = blockOf("scenario");
    const region = blockUnder(/Scenario \(fictional\)/);
    expect(region).toHaveTextContent(scenario.title);
    for (const prompt of scenario.prompts) expect(region).toHaveTextContent(prompt);
  });

  it("shows warnings as GOV.UK warning text and information as inset text", () => {
    const { container } = render(<LessonView lesson={everyKind} sources={course.sources} />);
    const callout = blockOf("callout");
    const warning = container.querySelector(".govuk-warning-text");
    expect(warning).toHaveTextContent(callout.title);
    expect(within(warning as HTMLElement).getByText("Warning")).toBeInTheDocument();
    // The title is a line of its own, not run into the body's first words.
    const title = within(warning as HTMLElement).getByText(callout.title);
    expect(title).toHaveClass("govuk-!-display-block");
    expect(title.textContent).toBe(callout.title);
    expect(container.querySelector(".govuk-inset-text")).toHaveTextContent(callout.body);
  });

  it("shows images with their alt text under the host's asset base", () => {
    render(<LessonView lesson={everyKind} sources={course.sources} imageBaseUrl="/assets/curriculum/" />);
    const image = screen.getByRole("img", { name: "The FOUR behaviours: fixated, obsessive, unwanted, repeated" });
    expect(image).toHaveAttribute("src", "/assets/curriculum/images/four-behaviours.png");
    expect(image.closest("figure")).toHaveTextContent("The FOUR mnemonic");
  });

  it("hands practice screenings to the host to run", () => {
    const practice = blockOf("practice-screening");
    render(
      <LessonView
        lesson={everyKind}
        sources={course.sources}
        renderPracticeScreening={(block) => <p>Running {block.scenarioId}</p>}
      />,
    );
    const region = blockUnder(practice.title);
    expect(region).toHaveTextContent(practice.briefing);
    expect(region).toHaveTextContent(`Running ${practice.scenarioId}`);
  });

  it("shows a citation it cannot resolve instead of dropping it", () => {
    const lesson: Lesson = { ...everyKind, blocks: [{ ...blockOf("text"), sources: ["not-in-the-list"] }] };
    render(<LessonView lesson={lesson} sources={course.sources} />);
    expect(screen.getByText(/unlisted source "not-in-the-list"/)).toBeInTheDocument();
  });

  it("can sit below a page heading", () => {
    render(<LessonView lesson={everyKind} sources={course.sources} headingLevel={2} />);
    expect(screen.queryByRole("heading", { level: 1 })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 3, name: "What the law says" })).toBeInTheDocument();
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLElement>();
    render(<LessonView lesson={everyKind} sources={course.sources} ref={ref} data-testid="lesson" />);
    expect(ref.current).toBe(screen.getByTestId("lesson"));
  });
});

describe("formatSourceDate", () => {
  it("keeps the precision the publisher gave", () => {
    expect(formatSourceDate("2019")).toBe("2019");
    expect(formatSourceDate("2024-04")).toBe("April 2024");
    expect(formatSourceDate("2019-03-15")).toBe("15 March 2019");
  });
});
