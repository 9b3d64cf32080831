import {
  course,
  learnerQuestions,
  scoreAttempt,
  type LearnerQuestion,
  type Module,
  type QuestionResult,
} from "@stalking-response/curriculum";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { KnowledgeCheck, type KnowledgeCheckProps } from "./knowledge-check";

const module = course.modules[0] as Module;
const questions = learnerQuestions(module);
const ofKind = (kind: LearnerQuestion["kind"]) => {
  const found = course.modules.flatMap(learnerQuestions).find((question) => question.kind === kind);
  if (!found) throw new Error(`the course has no ${kind} question`);
  return found;
};
const startOf = (text: string) => new RegExp(text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
const moduleOf = (question: LearnerQuestion) =>
  course.modules.find((m) => m.knowledgeCheck.questions.some((q) => q.id === question.id)) as Module;

/** The server's marking of one answer, from the real scorer. */
function markingOf(question: LearnerQuestion, answer: string[]): QuestionResult {
  const result = scoreAttempt(moduleOf(question), { [question.id]: answer });
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join("; "));
  const marked = result.value.perQuestion.find((q) => q.questionId === question.id);
  if (!marked) throw new Error("question not marked");
  return marked;
}

function Answering(props: Omit<KnowledgeCheckProps, "value" | "onChange">) {
  const [value, setValue] = useState<readonly string[]>([]);
  return <KnowledgeCheck {...props} value={value} onChange={setValue} />;
}

describe("KnowledgeCheck", () => {
  it("has no axe violations when answering, in error and marked", async () => {
    const question = questions[0] as LearnerQuestion;
    const { container, rerender } = render(<Answering question={question} onSubmit={() => {}} />);
    await expectNoAxeViolations(container);
    await userEvent.setup().click(screen.getByRole("button", { name: "Save and continue" }));
    await expectNoAxeViolations(container);
    rerender(
      <KnowledgeCheck
        question={question}
        value={[]}
        onChange={() => {}}
        onSubmit={() => {}}
        feedback={markingOf(question, [question.options[0]?.id ?? ""])}
      />,
    );
    await expectNoAxeViolations(container);
  });

  it("asks a single-choice question as radios and submits the answer by keyboard", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const question = ofKind("single-choice");
    render(<Answering question={question} questionNumber={2} questionCount={10} onSubmit={onSubmit} />);
    const group = screen.getByRole("group", { name: /Question 2 of 10/ });
    expect(group).toHaveAccessibleName(startOf(question.prompt));
    const radios = within(group).getAllByRole("radio");
    expect(radios).toHaveLength(question.options.length);

    await user.tab();
    expect(radios[0]).toHaveFocus();
    await user.keyboard(" ");
    await user.keyboard("{ArrowDown}");
    expect(radios[1]).toBeChecked();
    await user.tab();
    expect(screen.getByRole("button", { name: "Save and continue" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(onSubmit).toHaveBeenCalledWith([question.options[1]?.id]);
  });

  it("asks a multiple-choice question as checkboxes", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const found = ofKind("multiple-choice");
    const question = { ...found, prompt: found.prompt.replace(/\s*Select all that apply\.?/i, "") };
    render(<Answering question={question} onSubmit={onSubmit} />);
    const boxes = screen.getAllByRole("checkbox");
    expect(screen.getByRole("group")).toHaveAccessibleDescription("Select all that apply.");
    await user.click(boxes[0] as HTMLElement);
    await user.click(boxes[1] as HTMLElement);
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(onSubmit).toHaveBeenCalledWith([question.options[0]?.id, question.options[1]?.id]);
  });

  it("says 'Select all that apply.' once, even when the prompt already says it, and keeps a scenario", () => {
    const found = ofKind("multiple-choice");
    const question = { ...found, prompt: found.prompt.replace(/\s*Select all that apply\.?/i, "") };
    const { rerender } = render(
      <Answering question={{ ...question, prompt: `${question.prompt} Select all that apply.` }} onSubmit={vi.fn()} />,
    );
    expect(screen.getByRole("group").textContent?.match(/Select all that apply/g)).toHaveLength(1);
    rerender(<Answering question={{ ...question, scenario: "A man waits outside her work." }} onSubmit={vi.fn()} />);
    expect(screen.getByRole("group")).toHaveAccessibleDescription(
      "Scenario (fictional): A man waits outside her work. Select all that apply.",
    );
  });

  it("reads a scenario question's situation out with the question", () => {
    const question = ofKind("scenario");
    render(<Answering question={question} onSubmit={() => {}} />);
    const scenario = "scenario" in question ? String(question.scenario) : "missing";
    expect(screen.getByRole("group", { name: startOf(question.prompt) })).toHaveAccessibleDescription(
      `Scenario (fictional): ${scenario}`,
    );
  });

  it("stops an empty answer with an error summary that links to the options", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const question = ofKind("true-false");
    render(<Answering question={question} onSubmit={onSubmit} />);
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(onSubmit).not.toHaveBeenCalled();
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("There is a problem");
    const link = within(alert).getByRole("link", { name: "Select an answer" });
    expect(screen.getByRole("group")).toHaveAccessibleDescription(/Select an answer/);
    await user.click(link);
    expect(screen.getByRole("radio", { name: "True" })).toHaveFocus();
    // The error stays until the answer is sent again, as GOV.UK asks.
    await user.keyboard(" ");
    expect(screen.getByRole("alert")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(onSubmit).toHaveBeenCalledWith(["true"]);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows a host's error, such as a rejected answer", () => {
    render(
      <Answering question={ofKind("true-false")} onSubmit={() => {}} errorMessage="Your answer could not be saved" />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Your answer could not be saved");
  });

  it("shows the marking with every option explained, in words not colour", () => {
    const question = ofKind("single-choice");
    const wrong = question.options.find(
      (option) =>
        !moduleOf(question)
          .knowledgeCheck.questions.find((q) => q.id === question.id)
          ?.correctOptionIds.includes(option.id),
    );
    const marking = markingOf(question, [wrong?.id ?? ""]);
    render(
      <KnowledgeCheck question={question} value={[]} onChange={() => {}} onSubmit={() => {}} feedback={marking} />,
    );
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByText("Not correct")).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "Answers explained" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(question.options.length);
    const chosen = items.find((item) => item.textContent?.includes("Your answer"));
    expect(chosen).toHaveTextContent(wrong?.text ?? "missing");
    const right = items.find((item) => item.textContent?.includes("Correct answer"));
    const rightOption = marking.options.find((option) => option.correct);
    expect(right).toHaveTextContent(rightOption?.explanation ?? "missing");
  });

  it("says when a marked question was not answered", () => {
    const question = ofKind("true-false");
    render(
      <KnowledgeCheck
        question={question}
        value={[]}
        onChange={() => {}}
        onSubmit={() => {}}
        feedback={markingOf(question, [])}
      />,
    );
    expect(screen.getByText("Not answered")).toBeInTheDocument();
    expect(screen.queryByText("Your answer")).not.toBeInTheDocument();
  });

  it("can make the question the page heading", () => {
    render(<Answering question={ofKind("true-false")} onSubmit={() => {}} isPageHeading />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(ofKind("true-false").prompt);
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLDivElement>();
    render(<Answering question={ofKind("true-false")} onSubmit={() => {}} ref={ref} data-testid="check" />);
    expect(ref.current).toBe(screen.getByTestId("check"));
  });
});
