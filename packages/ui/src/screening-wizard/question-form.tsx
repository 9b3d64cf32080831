import type { Answers, Question, QuestionView, RejectionIssue } from "@stalking-response/risk-screening";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../button/button";
import { answersOf, draftOf, isShown, QuestionField, type Draft, type Drafts } from "./question-field";

/** The message for a question among a rejection's issues: by id, or by a payload path ending in it. */
export function issueFor(issues: readonly RejectionIssue[], questionId: string): string | undefined {
  return issues.find((issue) => issue.field === questionId || issue.field.endsWith(`.${questionId}`))?.message;
}

function initialDrafts(questions: readonly QuestionView[]): Drafts {
  const drafts: Record<string, Draft> = {};
  for (const question of questions) {
    const draft = draftOf(question, question.value);
    if (draft !== undefined) drafts[question.id] = draft;
  }
  return drafts;
}

interface QuestionFormProps {
  readonly questions: readonly QuestionView[];
  readonly issues: readonly RejectionIssue[];
  readonly submitLabel: string;
  readonly onSubmit: (answers: Answers) => void;
  /** Makes a lone question the page heading; otherwise the page has its own `<h1>`. */
  readonly loneQuestionIsHeading?: boolean | undefined;
  /** Shown above the lone question's heading, e.g. the step title. */
  readonly caption?: ReactNode;
  /** Extra controls after the submit button, e.g. a secondary action. */
  readonly children?: ReactNode;
}

/**
 * A page of screening questions. Answers are held as drafts until the page is sent, then the
 * machine validates them: the form never second-guesses its rules.
 */
export function QuestionForm({
  questions,
  issues,
  submitLabel,
  onSubmit,
  loneQuestionIsHeading = false,
  caption,
  children,
}: QuestionFormProps) {
  const [drafts, setDrafts] = useState<Drafts>(() => initialDrafts(questions));
  const shown = questions.filter((question) => isShown(question, drafts));
  const lone = loneQuestionIsHeading && shown.length === 1;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(answersOf(questions, drafts));
  };

  return (
    <form noValidate onSubmit={submit}>
      {lone && caption}
      {shown.map((question: Question) => (
        <QuestionField
          key={question.id}
          question={question}
          draft={drafts[question.id]}
          onChange={(draft) => setDrafts((current) => ({ ...current, [question.id]: draft }))}
          errorMessage={issueFor(issues, question.id)}
          isPageHeading={lone}
        />
      ))}
      <div className="govuk-button-group">
        <Button>{submitLabel}</Button>
        {children}
      </div>
    </form>
  );
}
