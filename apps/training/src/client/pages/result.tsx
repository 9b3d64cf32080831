import { ButtonLink } from "@stalking-response/ui";
import type { AttemptResult, QuestionResult } from "../../shared/api";
import { Tag } from "../govuk/display";
import { readResult } from "../knowledge-check/results";
import { Link, linkTo } from "../routing/router";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { ProblemPage } from "../shell/status-pages";

/** The scored attempt: pass or not, and why each answer was right or wrong. */
export function ResultPage({ moduleId, attemptId }: { moduleId: string; attemptId: string }) {
  const result = readResult(attemptId);
  if (!result) {
    return (
      <ProblemPage
        problem={{
          status: 410,
          title: "This result is no longer available here",
          detail:
            "Results are shown once, in the browser tab where the answers were submitted. Your score is saved on the module page.",
          fieldErrors: [],
        }}
      />
    );
  }
  return <Result moduleId={moduleId} result={result} />;
}

function Result({ moduleId, result }: { moduleId: string; result: AttemptResult }) {
  const heading = result.passed ? "You passed the knowledge check" : "You did not pass this time";
  useDocumentTitle(heading);
  const right = result.questions.filter((question) => question.correct).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {result.passed ? (
          <div className="govuk-panel govuk-panel--confirmation">
            <PageHeading className="govuk-panel__title">{heading}</PageHeading>
            <div className="govuk-panel__body">Your score: {result.scorePercent}%</div>
          </div>
        ) : (
          <PageHeading>{heading}</PageHeading>
        )}
        <p className="govuk-body">
          You answered {right} of {result.questions.length} questions correctly ({result.scorePercent}%). The pass mark
          is {result.passMarkPercent}%. This was attempt {result.attemptNumber}.
        </p>
        {result.passed ? (
          result.certificateId === null ? null : (
            <ButtonLink {...linkTo({ name: "certificate", certificateId: result.certificateId })}>
              View your certificate
            </ButtonLink>
          )
        ) : (
          <>
            <h2 className="govuk-heading-m">Review and try again</h2>
            <p className="govuk-body">
              Read the explanations below, then look again at the lessons on the questions you got wrong. You can take
              the knowledge check again whenever you are ready.
            </p>
            <ul className="govuk-list">
              <li>
                <Link to={{ name: "module", moduleId }}>Review the lessons</Link>
              </li>
              <li>
                <Link to={{ name: "knowledge-check", moduleId }}>Take the knowledge check again</Link>
              </li>
            </ul>
          </>
        )}
        <h2 className="govuk-heading-l">Your answers</h2>
        {result.questions.map((question, index) => (
          <QuestionFeedback key={question.questionId} question={question} number={index + 1} />
        ))}
        <p className="govuk-body">
          <Link to={{ name: "my-training" }}>Back to my training</Link>
        </p>
      </div>
    </div>
  );
}

function QuestionFeedback({ question, number }: { question: QuestionResult; number: number }) {
  const picked = new Set(question.selectedOptionIds);
  // Explain what the officer chose and what was right; the other distractors would only add noise.
  const explained = question.options.filter((option) => option.correct || picked.has(option.id));
  return (
    <section className="app-question-feedback">
      <h3 className="govuk-heading-m">
        Question {number}: {question.prompt}
      </h3>
      <p className="govuk-body">
        {question.correct ? <Tag colour="green">Correct</Tag> : <Tag colour="red">Incorrect</Tag>}
      </p>
      <dl className="govuk-summary-list">
        {explained.map((option) => (
          <div className="govuk-summary-list__row" key={option.id}>
            <dt className="govuk-summary-list__key">
              {option.text}
              <span className="govuk-body-s app-option-verdict">
                {[picked.has(option.id) ? "Your answer" : null, option.correct ? "Correct answer" : null]
                  .filter(Boolean)
                  .join(", ")}
              </span>
            </dt>
            <dd className="govuk-summary-list__value">{option.explanation}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
