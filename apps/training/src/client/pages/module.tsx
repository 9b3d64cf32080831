import type { ReactNode } from "react";
import { ButtonLink } from "@stalking-response/ui";
import { useResource } from "../api/use-resource";
import { formatDateTime } from "../format/dates";
import { BackLink, StatusTag, SummaryList } from "../govuk/display";
import { Link, linkTo } from "../routing/router";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { lessonsDone, passedStatuses, resumeRoute } from "../training/journey";
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
  const seen = new Set(progress.experiencedLessonIds);
  const passed = passedStatuses.has(progress.status);
  const resume = resumeRoute(data);
  const checkOpen = lessonsDone(data);
  const facts: [string, ReactNode][] = [
    ["Status", <StatusTag key="status" status={progress.status} />],
    ["Lessons", `${seen.size} of ${data.lessons.length} seen`],
  ];
  if (progress.scorePercent !== null) facts.push(["Latest score", `${progress.scorePercent}%`]);
  if (progress.completedAt !== null) facts.push(["Completed", formatDateTime(progress.completedAt)]);
  if (progress.expiresAt !== null)
    facts.push([progress.status === "expired" ? "Expired" : "Valid until", formatDateTime(progress.expiresAt)]);
  facts.push(["Time needed", `About ${data.estimatedMinutes} minutes`]);

  return (
    <>
      <BackLink to={{ name: "my-training" }}>Back to my training</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading caption="Module">{data.title}</PageHeading>
          <p className="govuk-body-l">{data.summary}</p>
          <SummaryList rows={facts} />
          {passed && progress.certificateId !== null ? (
            <p className="govuk-body">
              <Link to={{ name: "certificate", certificateId: progress.certificateId }}>View your certificate</Link>
            </p>
          ) : (
            <ButtonLink {...linkTo(resume.route)}>{resume.label}</ButtonLink>
          )}
          <h2 className="govuk-heading-m">Lessons</h2>
          <ul className="govuk-task-list">
            {data.lessons.map((lesson, index) => (
              <li className="govuk-task-list__item govuk-task-list__item--with-link" key={lesson.id}>
                <div className="govuk-task-list__name-and-hint">
                  <a
                    className="govuk-link govuk-task-list__link"
                    aria-describedby={`lesson-${index}-status`}
                    {...linkTo({ name: "lesson", moduleId, lessonId: lesson.id })}
                  >
                    {lesson.title}
                  </a>
                  <div className="govuk-task-list__hint">{lesson.summary}</div>
                </div>
                <div className="govuk-task-list__status" id={`lesson-${index}-status`}>
                  {seen.has(lesson.id) ? "Seen" : <strong className="govuk-tag govuk-tag--blue">Not seen yet</strong>}
                </div>
              </li>
            ))}
            <li
              className={`govuk-task-list__item${checkOpen ? " govuk-task-list__item--with-link" : ""}`}
              key="knowledge-check"
            >
              <div className="govuk-task-list__name-and-hint">
                {checkOpen ? (
                  <a
                    className="govuk-link govuk-task-list__link"
                    aria-describedby="knowledge-check-status"
                    {...linkTo({ name: "knowledge-check", moduleId })}
                  >
                    Knowledge check
                  </a>
                ) : (
                  <div>Knowledge check</div>
                )}
                <div className="govuk-task-list__hint">
                  {data.questions.length} questions. You need {data.passMarkPercent}% to pass.
                </div>
              </div>
              <div
                className={`govuk-task-list__status${checkOpen ? "" : " govuk-task-list__status--cannot-start-yet"}`}
                id="knowledge-check-status"
              >
                {passed ? (
                  "Passed"
                ) : checkOpen ? (
                  <strong className="govuk-tag govuk-tag--blue">Ready to take</strong>
                ) : (
                  "Cannot start yet"
                )}
              </div>
            </li>
          </ul>
          {checkOpen ? null : <p className="govuk-body">The knowledge check opens when you have seen every lesson.</p>}
        </div>
      </div>
    </>
  );
}
