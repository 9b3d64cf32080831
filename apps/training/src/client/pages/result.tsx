import { useRef } from "react";
import { ButtonLink, KnowledgeCheck, Panel } from "@stalking-response/ui";
import type { AttemptResult, ModuleDetailResponse } from "../../shared/api";
import { getAttempt } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { toLearnerQuestion, toMarking } from "../knowledge-check/adapt";
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
        {result.questions.map((marking, index) => {
          const question = module.questions.find((candidate) => candidate.id === marking.questionId);
          return question ? (
            <KnowledgeCheck
              key={marking.questionId}
              question={toLearnerQuestion(question)}
              questionNumber={index + 1}
              questionCount={result.questions.length}
              feedback={toMarking(marking)}
              value={marking.selectedOptionIds}
              onChange={ignore}
              onSubmit={ignore}
            />
          ) : null;
        })}
        <p className="govuk-body">
          <Link to={{ name: "my-training" }}>Back to my training</Link>
        </p>
      </div>
    </div>
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
