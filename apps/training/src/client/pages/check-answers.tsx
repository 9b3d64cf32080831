import { useState, type FormEvent } from "react";
import { BackLink, Button, ErrorSummary } from "@stalking-response/ui";
import type { AttemptDraw, ModuleDetailResponse } from "../../shared/api";
import { submitAttempt } from "../api/endpoints";
import type { FieldError } from "../api/problem";
import { useResource } from "../api/use-resource";
import { clearDraft, readDraft } from "../knowledge-check/draft";
import { clearDraw, readDraw } from "../knowledge-check/draw";
import { keepResult } from "../knowledge-check/results";
import { linkTo, navigate } from "../routing/router";
import { href } from "../routing/routes";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { loadModule, updateProgress } from "../training/module-store";
import { NotStarted } from "./question";

/** GOV.UK "check your answers" before the attempt is submitted and scored on the server. */
export function CheckAnswersPage({ moduleId }: { moduleId: string }) {
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId));
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const draw = readDraw(moduleId);
  if (!draw) return <NotStarted moduleId={moduleId} />;
  return <CheckAnswers module={module.data} draw={draw} />;
}

function CheckAnswers({ module, draw }: { module: ModuleDetailResponse; draw: AttemptDraw }) {
  const [draft] = useState(() => readDraft(module.id));
  // The draw's id: if the answer is lost and the officer presses submit again, the server records one attempt.
  const { attemptId, questions } = draw;
  const [errors, setErrors] = useState<FieldError[]>([]);
  // Each refused submit remounts the summary, so it takes focus again even when the messages repeat.
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(`Check your answers – ${module.title}`, errors.length > 0);
  const last = questions.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    const unanswered = questions.flatMap((question, index) =>
      (draft[question.id] ?? []).length === 0
        ? [{ fieldId: `change-${index + 1}`, message: `Answer question ${index + 1}` }]
        : [],
    );
    if (unanswered.length > 0) return setErrors(unanswered);
    setBusy(true);
    const result = await submitAttempt(module.id, {
      attemptId,
      answers: questions.map((question) => ({ questionId: question.id, optionIds: draft[question.id] ?? [] })),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors([{ fieldId: "submit-answers", message: `Your answers were not submitted. ${result.problem.title}` }]);
      return;
    }
    keepResult(result.data);
    updateProgress(module.id, result.data.progress);
    clearDraft(module.id);
    clearDraw(module.id);
    navigate({ name: "result", moduleId: module.id, attemptId: result.data.attemptId }, { replace: true });
  };

  return (
    <>
      <BackLink href={href({ name: "question", moduleId: module.id, number: last })} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.length === 0 ? null : (
            <ErrorSummary
              key={attempts}
              errors={errors.map(({ fieldId, message }) => ({ text: message, href: `#${fieldId}` }))}
            />
          )}
          <PageHeading caption={`Knowledge check: ${module.title}`}>Check your answers</PageHeading>
          <dl className="govuk-summary-list">
            {questions.map((question, index) => {
              const chosen = draft[question.id] ?? [];
              const texts = question.options
                .filter((option) => chosen.includes(option.id))
                .map((option) => option.text);
              return (
                <div className="govuk-summary-list__row" key={question.id}>
                  <dt className="govuk-summary-list__key">
                    {/* A scenario question cannot be checked without the situation it asks about. */}
                    {question.scenario === undefined ? null : (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">
                        Scenario (fictional): {question.scenario}
                      </span>
                    )}
                    {index + 1}. {question.prompt}
                  </dt>
                  <dd className="govuk-summary-list__value">
                    {texts.length === 0 ? (
                      "Not answered"
                    ) : texts.length === 1 ? (
                      texts[0]
                    ) : (
                      <ul className="govuk-list">
                        {texts.map((text) => (
                          <li key={text}>{text}</li>
                        ))}
                      </ul>
                    )}
                  </dd>
                  <dd className="govuk-summary-list__actions">
                    <a
                      className="govuk-link"
                      id={`change-${index + 1}`}
                      {...linkTo({ name: "question", moduleId: module.id, number: index + 1, fromCheckAnswers: true })}
                    >
                      Change<span className="govuk-visually-hidden"> your answer to question {index + 1}</span>
                    </a>
                  </dd>
                </div>
              );
            })}
          </dl>
          <h2 className="govuk-heading-m">Submit your answers</h2>
          <p className="govuk-body">
            Your answers are marked when you submit them. You need {module.passMarkPercent}% to pass.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <Button id="submit-answers" disabled={busy} preventDoubleClick>
              Submit answers
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}
