import { BackLink, ButtonLink, SummaryList, Tag, TaskList, type SummaryListRow } from "@stalking-response/ui";
import { useResource } from "../api/use-resource";
import { formatDateTime } from "../format/dates";
import { Link, linkTo } from "../routing/router";
import { href } from "../routing/routes";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { lessonsDone, passedStatuses, resumeRoute } from "../training/journey";
import { loadModule } from "../training/module-store";
import { StatusTag } from "../training/status-tag";

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
  const facts: SummaryListRow[] = [
    { key: "Status", value: <StatusTag status={progress.status} /> },
    { key: "Lessons", value: `${seen.size} of ${data.lessons.length} seen` },
  ];
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
            <p className="govuk-body">
              <Link to={{ name: "certificate", certificateId: progress.certificateId }}>View your certificate</Link>
            </p>
          ) : (
            <ButtonLink {...linkTo(resume.route)}>{resume.label}</ButtonLink>
          )}
          <h2 className="govuk-heading-m">Lessons</h2>
          <TaskList
            idPrefix="module-tasks"
            items={[
              ...data.lessons.map((lesson) => ({
                title: lesson.title,
                href: href({ name: "lesson", moduleId, lessonId: lesson.id }),
                hint: lesson.summary,
                status: seen.has(lesson.id) ? "Seen" : <Tag colour="blue">Not seen yet</Tag>,
              })),
              {
                title: "Knowledge check",
                ...(checkOpen ? { href: href({ name: "knowledge-check", moduleId }) } : {}),
                hint: `${data.questions.length} questions. You need ${data.passMarkPercent}% to pass.`,
                status: passed ? "Passed" : checkOpen ? <Tag colour="blue">Ready to take</Tag> : "Cannot start yet",
                ...(checkOpen || passed ? {} : { statusClassName: "govuk-task-list__status--cannot-start-yet" }),
              },
            ]}
          />
          {checkOpen ? null : <p className="govuk-body">The knowledge check opens when you have seen every lesson.</p>}
        </div>
      </div>
    </>
  );
}
