import { useRef } from "react";
import { hasAnswerKey } from "@stalking-response/curriculum";
import { ButtonLink, KnowledgeCheck, Panel } from "@stalking-response/ui";
import type { AttemptResult, ModuleDetailResponse } from "../../shared/api";
import { getAttempt } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { readResult } from "../knowledge-check/results";
import { Link, linkTo } from "../routing/router";
import { PageHeading, useDocumentTitle, useHeadingFocus } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { loadModule } from "../training/module-store";

/** The scored attempt: pass or not, and why each answer was right or wrong. */
export function ResultPage({ moduleId, attemptId }: { moduleId: string; attemptId: string }) {
  // The result kept from the submission in this tab, or else the attempt as the server recorded it.
  const [result] = useResource(`attempt:${moduleId}:${attemptId}`, () => {
    const kept = readResult(attemptId);
    return kept ? Promise.resolve({ ok: true as const, data: kept }) : getAttempt(moduleId, attemptId);
  });
  // The questions' wording and scenarios come with the module, which is usually already held.
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId));
  if (module.state === "loading" || result.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  if (result.state === "failed") return <ProblemPage problem={result.problem} />;
  return <Result module={module.data} result={result.data} />;
}

function Result({ module, result }: { module: ModuleDetailResponse; result: AttemptResult }) {
  const moduleId = module.id;
  const heading = result.passed ? "You passed the knowledge check" : "You did not pass this time";
  useDocumentTitle(heading);
  const right = result.questions.filter((question) => question.correct).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {result.passed ? (
          <PassPanel heading={heading} scorePercent={result.scorePercent} />
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
          <FailedReview moduleId={moduleId} result={result} />
        )}
        {result.passed ? (
          <>
            <h2 className="govuk-heading-l">Your answers</h2>
            {result.questions.map((marking, index) =>
              hasAnswerKey(marking) ? (
                <KnowledgeCheck
                  key={marking.questionId}
                  question={marking.question}
                  questionNumber={index + 1}
                  questionCount={result.questions.length}
                  feedback={marking}
                  value={marking.selectedOptionIds}
                  onChange={ignore}
                  onSubmit={ignore}
                />
              ) : null,
            )}
          </>
        ) : null}
        <p className="govuk-body">
          <Link to={{ name: "my-training" }}>Back to my training</Link>
        </p>
      </div>
    </div>
  );
}

/**
 * After a failed attempt: which questions were wrong and the lessons that cover them, without the answer key
 * (the server does not send it), so the next attempt tests what the officer has learned.
 */
function FailedReview({ moduleId, result }: { moduleId: string; result: AttemptResult }) {
  return (
    <>
      <h2 className="govuk-heading-m">Questions to revisit</h2>
      <dl className="govuk-summary-list">
        {result.questions.map((marking, index) => (
          <div className="govuk-summary-list__row" key={marking.questionId}>
            <dt className="govuk-summary-list__key">
              {index + 1}. {marking.prompt}
            </dt>
            <dd className="govuk-summary-list__value">
              {marking.correct ? (
                <strong className="govuk-tag govuk-tag--green">Correct</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--red">Not correct</strong>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <h2 className="govuk-heading-m">Lessons to read again</h2>
      <p className="govuk-body">
        These lessons cover the questions you got wrong. The next attempt asks different questions, so read them before
        you try again.
      </p>
      <ul className="govuk-list govuk-list--bullet">
        {result.lessonsToRevisit.map((lesson) => (
          <li key={lesson.id}>
            <Link to={{ name: "lesson", moduleId, lessonId: lesson.id }}>{lesson.title}</Link>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link to={{ name: "knowledge-check", moduleId }}>Take the knowledge check again</Link>
      </p>
    </>
  );
}

/** Marked questions are read-only: the component asks for handlers it never calls in feedback mode. */
function ignore() {}

/** The GOV.UK confirmation panel, whose h1 takes focus like any page heading. */
function PassPanel({ heading, scorePercent }: { heading: string; scorePercent: number }) {
  const container = useRef<HTMLDivElement>(null);
  useHeadingFocus(container);
  return (
    <div ref={container}>
      <Panel title={heading}>Your score: {scorePercent}%</Panel>
    </div>
  );
}
