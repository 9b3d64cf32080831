import { useState } from "react";
import { BackLink, Button, ErrorSummary } from "@stalking-response/ui";
import type { ModuleDetailResponse } from "../../shared/api";
import { startAttempt } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { formatDateTime } from "../format/dates";
import { clearDraft, mergeSavedAnswers } from "../knowledge-check/draft";
import { keepDraw, readDraw } from "../knowledge-check/draw";
import { Link, navigate } from "../routing/router";
import { href } from "../routing/routes";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { lessonsDone } from "../training/journey";
import { loadModule } from "../training/module-store";

/** Before the first question: how the check works, so nothing about it is a surprise. */
export function KnowledgeCheckStartPage({ moduleId }: { moduleId: string }) {
  // Fresh: the allowance changes with each attempt and each lesson re-read.
  const [module] = useResource(`module-fresh:${moduleId}`, () => loadModule(moduleId, true));
  useDocumentTitle(module.state === "ready" ? `Knowledge check – ${module.data.title}` : "Knowledge check");
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  return <StartPage module={module.data} />;
}

function StartPage({ module }: { module: ModuleDetailResponse }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = lessonsDone(module);
  const allowance = module.attemptAllowance;
  const start = async () => {
    setBusy(true);
    const draw = await startAttempt(module.id);
    setBusy(false);
    if (!draw.ok) return setError(`The knowledge check could not start. ${draw.problem.title}`);
    // A new attempt starts with no answers; the same attempt resumed, here or on another device, keeps those
    // given so far and carries on at the first question not yet answered.
    if (readDraw(module.id)?.attemptId !== draw.data.attemptId) clearDraft(module.id);
    keepDraw(module.id, draw.data);
    const answered = mergeSavedAnswers(module.id, draw.data.answersSoFar);
    const next = draw.data.questions.findIndex((question) => !(answered[question.id]?.length ?? 0));
    navigate(
      next < 0
        ? { name: "check-answers", moduleId: module.id }
        : { name: "question", moduleId: module.id, number: next + 1 },
    );
  };
  return (
    <>
      <BackLink href={href({ name: "module", moduleId: module.id })}>Back to {module.title}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {error === null ? null : <ErrorSummary errors={[{ text: error, href: "#start-check" }]} />}
          <PageHeading caption={module.title}>Knowledge check</PageHeading>
          {!open ? (
            <p className="govuk-body">
              The knowledge check opens when you have seen every lesson in this module. Go back to the module to see
              which lessons are left.
            </p>
          ) : allowance.attemptsLeft === 0 ? (
            <>
              <p className="govuk-body">
                You have used your {allowance.attemptsPerDay} attempts at this knowledge check in the last 24 hours.
              </p>
              {allowance.lessonsToRevisit.length > 0 ? (
                <>
                  <p className="govuk-body">Read these lessons again to try once more straight away:</p>
                  <ul className="govuk-list govuk-list--bullet">
                    {allowance.lessonsToRevisit.map((lesson) => (
                      <li key={lesson.id}>
                        <Link to={{ name: "lesson", moduleId: module.id, lessonId: lesson.id }}>{lesson.title}</Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {allowance.nextAttemptAt === null ? null : (
                <p className="govuk-body">Or try again after {formatDateTime(allowance.nextAttemptAt)}.</p>
              )}
            </>
          ) : (
            <>
              <ul className="govuk-list govuk-list--bullet">
                <li>There are {module.questionsPerAttempt} questions, one on each page.</li>
                <li>You need {module.passMarkPercent}% to pass.</li>
                <li>You can go back and change your answers before you submit them.</li>
                <li>
                  If you pass, you will see why each answer is right or wrong. If you do not, you will see which
                  questions you got wrong and which lessons to read again.
                </li>
                <li>
                  You can start{" "}
                  {allowance.attemptsLeft === 1 ? "1 more attempt" : `${allowance.attemptsLeft} more attempts`} in 24
                  hours. Each attempt asks a different set of questions.
                </li>
              </ul>
              <Button
                id="start-check"
                type="button"
                isStartButton
                disabled={busy}
                preventDoubleClick
                onClick={() => void start()}
              >
                Start the knowledge check
              </Button>
            </>
          )}
        </div>
      </div>
    </>
  );
}
