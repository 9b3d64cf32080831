import { isCurrent } from "@stalking-response/curriculum";
import {
  BackLink,
  ButtonLink,
  ModuleProgress,
  StatusTag,
  SummaryList,
  type KnowledgeCheckStatus,
  type SummaryListRow,
} from "@stalking-response/ui";
import type { ModuleDetailResponse } from "../../shared/api";
import { useResource } from "../api/use-resource";
import { formatDateTime } from "../format/dates";
import { Link, linkTo } from "../routing/router";
import { href } from "../routing/routes";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { lessonsDone, resumeRoute } from "../training/journey";
import { loadModule } from "../training/module-store";

/** A module's overview: where the officer stands, the lessons as a task list, and the knowledge check. */
export function ModulePage({ moduleId }: { moduleId: string }) {
  // Always fresh here: this is where progress made on another device shows up.
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId, true));
  useDocumentTitle(module.state === "ready" ? module.data.title : "Module");
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const { data } = module;
  const { progress } = data;
  const passed = isCurrent(progress.status);
  const resume = resumeRoute(data);
  const facts: SummaryListRow[] = [{ key: "Status", value: <StatusTag status={progress.status} /> }];
  if (progress.scorePercent !== null) facts.push({ key: "Latest score", value: `${progress.scorePercent}%` });
  if (progress.completedAt !== null) facts.push({ key: "Completed", value: formatDateTime(progress.completedAt) });
  if (progress.expiresAt !== null)
    facts.push({
      key: progress.status === "expired" ? "Expired" : "Valid until",
      value: formatDateTime(progress.expiresAt),
    });
  facts.push({ key: "Time needed", value: `About ${data.estimatedMinutes} minutes` });

  return (
    <>
      <BackLink href={href({ name: "my-training" })}>Back to my training</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading caption="Module">{data.title}</PageHeading>
          <p className="govuk-body-l">{data.summary}</p>
          <SummaryList rows={facts} />
          {passed && progress.certificateId !== null ? (
            <ul className="govuk-list">
              <li>
                <Link to={{ name: "certificate", certificateId: progress.certificateId }}>View your certificate</Link>
              </li>
              {progress.status === "due-for-renewal" ? (
                <li>
                  <Link to={{ name: "knowledge-check", moduleId }}>
                    Renew it now by taking the knowledge check again
                  </Link>
                </li>
              ) : null}
            </ul>
          ) : (
            <ButtonLink {...linkTo(resume.route)}>{resume.label}</ButtonLink>
          )}
          <h2 className="govuk-heading-m">Lessons</h2>
          <ModuleProgress
            module={data}
            completedLessonIds={progress.experiencedLessonIds}
            knowledgeCheck={checkStatus(data)}
            getLessonHref={(lesson) => href({ name: "lesson", moduleId, lessonId: lesson.id })}
          />
        </div>
      </div>
    </>
  );
}

/** The knowledge check's line in the task list, from what the server says about the officer's progress. */
function checkStatus(module: ModuleDetailResponse): KnowledgeCheckStatus {
  const { progress } = module;
  const checkHref = href({ name: "knowledge-check", moduleId: module.id });
  if (isCurrent(progress.status) && progress.scorePercent !== null) {
    return { status: "passed", percent: progress.scorePercent };
  }
  if (!lessonsDone(module)) return { status: "cannot-start-yet" };
  // An expired pass is taken again from scratch, so it reads as not started rather than as a fail.
  if (progress.status === "expired" || progress.scorePercent === null)
    return { status: "not-started", href: checkHref };
  return { status: "not-passed", percent: progress.scorePercent, href: checkHref };
}
