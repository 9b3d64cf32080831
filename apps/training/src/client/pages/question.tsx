import { useRef, useState } from "react";
import { BackLink, KnowledgeCheck, WarningText } from "@stalking-response/ui";
import type { ModuleDetailResponse, Question } from "../../shared/api";
import { saveAnswersSoFar } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { readDraft, saveAnswer } from "../knowledge-check/draft";
import { readDraw } from "../knowledge-check/draw";
import { Link, navigate } from "../routing/router";
import { href, type Route } from "../routing/routes";
import { PageHeading, useDocumentTitle, useHeadingFocus } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { loadModule } from "../training/module-store";

type QuestionPageProps = { moduleId: string; number: number; fromCheckAnswers: boolean };

/** One knowledge-check question on its own page (GOV.UK: one thing per page). */
export function QuestionPage(props: QuestionPageProps) {
  const [module] = useResource(`module:${props.moduleId}`, () => loadModule(props.moduleId));
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const draw = readDraw(props.moduleId);
  if (!draw) return <NotStarted moduleId={props.moduleId} />;
  const question = draw.questions[props.number - 1];
  if (!question) return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;
  return (
    <QuestionForm
      {...props}
      module={module.data}
      question={question}
      total={draw.questions.length}
      attemptId={draw.attemptId}
    />
  );
}

/** A question page opened without starting the check in this tab (a bookmark, another tab). */
export function NotStarted({ moduleId }: { moduleId: string }) {
  useDocumentTitle("Start the knowledge check");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Start the knowledge check</PageHeading>
        <p className="govuk-body">
          Each attempt asks its own questions.{" "}
          <Link to={{ name: "knowledge-check", moduleId }}>Start or resume the knowledge check</Link> to see yours.
        </p>
      </div>
    </div>
  );
}

function QuestionForm({
  module,
  question,
  number,
  total,
  fromCheckAnswers,
  attemptId,
}: QuestionPageProps & { module: ModuleDetailResponse; question: Question; total: number; attemptId: string }) {
  const [chosen, setChosen] = useState<readonly string[]>(() => readDraft(module.id)[question.id] ?? []);
  // The component shows its own error summary after an empty submit; the title must say so too.
  const [refused, setRefused] = useState(false);
  const [saveFailed, setSaveFailed] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  useHeadingFocus(container);
  useDocumentTitle(`Question ${number} of ${total} – ${module.title}`, refused);
  const last = fromCheckAnswers || number === total;

  const back: Route = fromCheckAnswers
    ? { name: "check-answers", moduleId: module.id }
    : number === 1
      ? { name: "knowledge-check", moduleId: module.id }
      : { name: "question", moduleId: module.id, number: number - 1 };
  return (
    <>
      <BackLink href={href(back)} />
      <div className="govuk-grid-row">
        <div
          className="govuk-grid-column-two-thirds"
          ref={container}
          onSubmitCapture={() => setRefused(chosen.length === 0)}
        >
          {saveFailed === null ? null : (
            <WarningText>
              Your answer could not be saved ({saveFailed}). It is kept on this device: try Continue again.
            </WarningText>
          )}
          <KnowledgeCheck
            question={question}
            questionNumber={number}
            questionCount={total}
            isPageHeading
            value={chosen}
            onChange={setChosen}
            submitLabel={last ? "Continue to check your answers" : "Continue"}
            onSubmit={(optionIds) => {
              const draft = saveAnswer(module.id, question.id, [...optionIds]);
              // Saved on the server before moving on, so leaving now loses nothing on any device.
              void saveAnswersSoFar(module.id, attemptId, draft).then((saved) => {
                if (!saved.ok) return setSaveFailed(saved.problem.title);
                navigate(
                  last
                    ? { name: "check-answers", moduleId: module.id }
                    : { name: "question", moduleId: module.id, number: number + 1 },
                );
              });
            }}
          />
        </div>
      </div>
    </>
  );
}
