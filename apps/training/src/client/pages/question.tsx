import { useState, type FormEvent } from "react";
import { Button } from "@stalking-response/ui";
import type { ModuleDetailResponse, Question } from "../../shared/api";
import { useResource } from "../api/use-resource";
import { BackLink } from "../govuk/display";
import { ErrorSummary, type FieldError } from "../govuk/error-summary";
import { ChoiceField } from "../govuk/fields";
import { readDraft, saveAnswer } from "../knowledge-check/draft";
import { navigate } from "../routing/router";
import type { Route } from "../routing/routes";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { loadModule } from "../training/module-store";

type QuestionPageProps = { moduleId: string; number: number; fromCheckAnswers: boolean };

/** One knowledge-check question on its own page (GOV.UK: one thing per page). */
export function QuestionPage(props: QuestionPageProps) {
  const [module] = useResource(`module:${props.moduleId}`, () => loadModule(props.moduleId));
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const question = module.data.questions[props.number - 1];
  if (!question) return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;
  return <QuestionForm {...props} module={module.data} question={question} />;
}

function QuestionForm({
  module,
  question,
  number,
  fromCheckAnswers,
}: QuestionPageProps & { module: ModuleDetailResponse; question: Question }) {
  const [chosen, setChosen] = useState<string[]>(() => readDraft(module.id)[question.id] ?? []);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const total = module.questions.length;
  useDocumentTitle(`Question ${number} of ${total} – ${module.title}`, errors.length > 0);
  const fieldId = `answer-${question.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setErrors([{ fieldId, message: question.multipleAnswers ? "Select at least one answer" : "Select an answer" }]);
      return;
    }
    saveAnswer(module.id, question.id, chosen);
    const next: Route =
      fromCheckAnswers || number === total
        ? { name: "check-answers", moduleId: module.id }
        : { name: "question", moduleId: module.id, number: number + 1 };
    navigate(next);
  };

  const back: Route = fromCheckAnswers
    ? { name: "check-answers", moduleId: module.id }
    : number === 1
      ? { name: "knowledge-check", moduleId: module.id }
      : { name: "question", moduleId: module.id, number: number - 1 };
  const hint = [question.scenario, question.multipleAnswers ? "Select all that apply." : undefined]
    .filter((part) => part !== undefined)
    .join(" ");
  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">
            Question {number} of {total}
          </span>
          <form noValidate onSubmit={submit}>
            <ChoiceField
              idPrefix={fieldId}
              type={question.multipleAnswers ? "checkbox" : "radio"}
              legend={<PageHeading className="govuk-fieldset__heading">{question.prompt}</PageHeading>}
              {...(hint === "" ? {} : { hint })}
              error={errors[0]?.message}
              options={question.options.map((option) => ({ value: option.id, label: option.text }))}
              value={chosen}
              onChange={setChosen}
            />
            <Button>{fromCheckAnswers || number === total ? "Continue to check your answers" : "Continue"}</Button>
          </form>
        </div>
      </div>
    </>
  );
}
