import type { LearnerQuestion, QuestionResult } from "@stalking-response/curriculum";
import { useId, useState, type ComponentPropsWithRef, type FormEvent } from "react";
import { Button } from "../button/button";
import { Checkboxes } from "../checkboxes/checkboxes";
import { ErrorSummary } from "../error-summary/error-summary";
import { InsetText } from "../inset-text/inset-text";
import { classNames } from "../internal/class-names";
import { Radios } from "../radios/radios";
import { Tag } from "../tag/tag";

/** Props for {@link KnowledgeCheck}. */
export interface KnowledgeCheckProps extends Omit<ComponentPropsWithRef<"div">, "children" | "onSubmit" | "onChange"> {
  /** The question as the learner may see it: no correct answers, no explanations. */
  readonly question: LearnerQuestion;
  /** Shown as "Question 3 of 10" when both are given. */
  readonly questionNumber?: number | undefined;
  readonly questionCount?: number | undefined;
  /** The selected option ids. */
  readonly value: readonly string[];
  readonly onChange: (optionIds: readonly string[]) => void;
  /** Called with the answer once one is chosen; an empty answer is stopped with an error first. */
  readonly onSubmit: (optionIds: readonly string[]) => void;
  /**
   * The server's marking of this question. When given, the question is shown marked, with every
   * option's explanation, instead of as a form.
   */
  readonly feedback?: QuestionResult | undefined;
  /** A problem the host found with the answer (for example the server rejected it). */
  readonly errorMessage?: string | undefined;
  /** Puts the question in the page's `<h1>`: GOV.UK asks one question per page. */
  readonly isPageHeading?: boolean | undefined;
  readonly submitLabel?: string | undefined;
}

const emptyAnswerMessage = (question: LearnerQuestion) =>
  question.kind === "multiple-choice" ? "Select all the answers that apply" : "Select an answer";

function Progress({ number, count }: { number: number | undefined; count: number | undefined }) {
  if (number === undefined || count === undefined) return null;
  return (
    <span className="govuk-caption-m">
      Question {number} of {count}
    </span>
  );
}

function Scenario({ question }: { question: LearnerQuestion }) {
  const { scenario } = question;
  if (scenario === undefined) return null;
  return (
    <InsetText>
      <strong>Scenario (fictional):</strong> {scenario}
    </InsetText>
  );
}

function Feedback({
  question,
  feedback,
  number,
  count,
}: {
  question: LearnerQuestion;
  feedback: QuestionResult;
  number: number | undefined;
  count: number | undefined;
}) {
  const headingId = useId();
  const verdict = !feedback.answered ? "Not answered" : feedback.correct ? "Correct" : "Not correct";
  const tag = !feedback.answered ? "grey" : feedback.correct ? "green" : "red";
  return (
    <section className="srt-knowledge-check__feedback" aria-labelledby={headingId}>
      <Progress number={number} count={count} />
      <h2 id={headingId} className="govuk-heading-m">
        {question.prompt}
      </h2>
      <Scenario question={question} />
      <p className="govuk-body">
        <Tag colour={tag}>{verdict}</Tag>
      </p>
      <ul className="govuk-list srt-knowledge-check__options" aria-label="Answers explained">
        {feedback.options.map((option) => (
          <li key={option.id} className="srt-knowledge-check__option">
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              {option.text}
              {option.selected && (
                <>
                  {" "}
                  <Tag colour="blue">Your answer</Tag>
                </>
              )}
              {option.correct && (
                <>
                  {" "}
                  <Tag colour="green">Correct answer</Tag>
                </>
              )}
            </p>
            <p className="govuk-body">{option.explanation}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One knowledge-check question, GOV.UK style: the question as the legend (radios for one answer,
 * checkboxes for "select all that apply", the fictional scenario above the question when there is
 * one), an error summary when submitted empty, and — once the server has marked the attempt — the
 * verdict with every option's explanation, marked "Your answer" and "Correct answer" in words.
 * The answer is controlled; the component never scores anything itself.
 *
 * @example
 * <KnowledgeCheck question={questions[0]} questionNumber={1} questionCount={10}
 *   value={answer} onChange={setAnswer} onSubmit={save} />
 */
export function KnowledgeCheck({
  question,
  questionNumber,
  questionCount,
  value,
  onChange,
  onSubmit,
  feedback,
  errorMessage,
  isPageHeading = false,
  submitLabel = "Save and continue",
  className,
  ...rest
}: KnowledgeCheckProps) {
  const fieldId = `${useId().replace(/[^a-zA-Z0-9_-]/g, "")}-answer`;
  // GOV.UK keeps an error until the form is sent again, so choosing an answer does not hide it.
  // Keyed by question id so moving to the next question starts clean without an effect.
  const [emptySubmitOf, setEmptySubmitOf] = useState<string | null>(null);
  const error = errorMessage ?? (emptySubmitOf === question.id ? emptyAnswerMessage(question) : undefined);

  if (feedback) {
    return (
      <div className={classNames("srt-knowledge-check", className)} {...rest}>
        <Feedback question={question} feedback={feedback} number={questionNumber} count={questionCount} />
      </div>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value.length === 0) {
      setEmptySubmitOf(question.id);
      return;
    }
    setEmptySubmitOf(null);
    onSubmit(value);
  };

  const legend = (
    <>
      <Progress number={questionNumber} count={questionCount} />
      {question.prompt}
    </>
  );
  const { scenario } = question;
  const items = question.options.map((option) => ({ value: option.id, label: option.text }));
  const shared = {
    name: fieldId,
    idPrefix: fieldId,
    legend,
    legendClassName: isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--m",
    legendIsPageHeading: isPageHeading,
    errorMessage: error,
    items,
  };

  return (
    <div className={classNames("srt-knowledge-check", className)} {...rest}>
      {error !== undefined && <ErrorSummary errors={[{ text: error, href: `#${fieldId}` }]} />}
      <form noValidate onSubmit={submit}>
        {question.kind === "multiple-choice" ? (
          <Checkboxes
            {...shared}
            // The scenario is part of the question here too; "Select all that apply." only once, if the
            // prompt does not already say it.
            hint={
              [
                scenario === undefined ? undefined : `Scenario (fictional): ${scenario}`,
                /select all that apply/i.test(question.prompt) ? undefined : "Select all that apply.",
              ]
                .filter((part) => part !== undefined)
                .join(" ") || undefined
            }
            value={value}
            onChange={(ids) => onChange(ids)}
          />
        ) : (
          <Radios
            {...shared}
            // The scenario is part of the question, so it sits in the hint and is read out with it.
            hint={scenario === undefined ? undefined : `Scenario (fictional): ${scenario}`}
            value={value[0] ?? null}
            onChange={(id) => onChange([id])}
          />
        )}
        <Button>{submitLabel}</Button>
      </form>
    </div>
  );
}
