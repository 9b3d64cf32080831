import { BackLink, ButtonLink } from "@stalking-response/ui";
import { useResource } from "../api/use-resource";
import { linkTo } from "../routing/router";
import { href } from "../routing/routes";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { clearDraft } from "../knowledge-check/draft";
import { lessonsDone } from "../training/journey";
import { loadModule } from "../training/module-store";

/** Before the first question: how the check works, so nothing about it is a surprise. */
export function KnowledgeCheckStartPage({ moduleId }: { moduleId: string }) {
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId));
  useDocumentTitle(module.state === "ready" ? `Knowledge check – ${module.data.title}` : "Knowledge check");
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const { data } = module;
  const open = lessonsDone(data);
  return (
    <>
      <BackLink href={href({ name: "module", moduleId })}>Back to {data.title}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading caption={data.title}>Knowledge check</PageHeading>
          {open ? (
            <>
              <ul className="govuk-list govuk-list--bullet">
                <li>There are {data.questions.length} questions, one on each page.</li>
                <li>You need {data.passMarkPercent}% to pass.</li>
                <li>You can go back and change your answers before you submit them.</li>
                <li>After you submit, you will see why each answer is right or wrong.</li>
                <li>If you do not pass, you can review the lessons and try again.</li>
              </ul>
              <ButtonLink
                isStartButton
                {...linkTo({ name: "question", moduleId, number: 1 })}
                onClickCapture={() => clearDraft(moduleId)}
              >
                Start the knowledge check
              </ButtonLink>
            </>
          ) : (
            <p className="govuk-body">
              The knowledge check opens when you have seen every lesson in this module. Go back to the module to see
              which lessons are left.
            </p>
          )}
        </div>
      </div>
    </>
  );
}
