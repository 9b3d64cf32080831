import {
  course,
  learnerQuestions,
  scoreAttempt,
  type LearnerQuestion,
  type QuestionResult,
} from "@stalking-response/curriculum";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { KnowledgeCheck, type KnowledgeCheckProps } from "./knowledge-check";

const all = course.modules.flatMap((module) => learnerQuestions(module).map((question) => ({ module, question })));
function pick(kind: LearnerQuestion["kind"]) {
  const found = all.find((entry) => entry.question.kind === kind);
  if (!found) throw new Error(`the course has no ${kind} question`);
  return found;
}

// The marking comes from the real scorer, as the training app's server would send it.
function marked(kind: LearnerQuestion["kind"], choose: (correctIds: readonly string[]) => string[]): QuestionResult {
  const { module, question } = pick(kind);
  const correct = module.knowledgeCheck.questions.find((q) => q.id === question.id)?.correctOptionIds ?? [];
  const result = scoreAttempt(module, { [question.id]: choose(correct) });
  const marking = result.ok ? result.value.perQuestion.find((q) => q.questionId === question.id) : undefined;
  if (!marking) throw new Error("could not mark the example answer");
  return marking;
}

function Interactive(props: KnowledgeCheckProps) {
  const [value, setValue] = useState(props.value);
  return <KnowledgeCheck {...props} value={value} onChange={setValue} />;
}

const meta = {
  title: "Domain/KnowledgeCheck",
  component: KnowledgeCheck,
  args: {
    question: pick("single-choice").question,
    questionNumber: 1,
    questionCount: 10,
    value: [],
    onChange: () => {},
    onSubmit: () => {},
  },
  render: (args) => <Interactive {...args} />,
} satisfies Meta<typeof KnowledgeCheck>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SingleChoice: Story = {};
export const MultipleChoice: Story = { args: { question: pick("multiple-choice").question } };
export const TrueFalse: Story = { args: { question: pick("true-false").question } };
export const Scenario: Story = { args: { question: pick("scenario").question } };
export const AsPageHeading: Story = { args: { isPageHeading: true } };
export const WithError: Story = { args: { errorMessage: "Select an answer" } };

export const MarkedCorrect: Story = {
  args: { feedback: marked("single-choice", (correct) => [...correct]) },
};
export const MarkedNotCorrect: Story = {
  args: {
    question: pick("multiple-choice").question,
    feedback: marked("multiple-choice", (correct) => correct.slice(0, 1)),
  },
};
export const MarkedNotAnswered: Story = {
  args: { question: pick("true-false").question, feedback: marked("true-false", () => []) },
};

export const LongContent: Story = {
  args: {
    question: {
      id: "long-question",
      kind: "single-choice",
      multipleAnswers: false,
      sources: ["example"],
      prompt:
        "A victim tells the call handler that her former partner has turned up at her workplace, her gym and her parents' house over the last three weeks, and has sent flowers with no message. What should the call handler consider first?",
      options: [
        {
          id: "a",
          text: "Whether the behaviour fits the FOUR pattern (fixated, obsessive, unwanted, repeated) and so should be treated as possible stalking rather than a series of separate incidents",
        },
        { id: "b", text: "Whether the flowers were delivered by a florist" },
        { id: "c", text: "Whether she has told her employer" },
      ],
    },
  },
};
