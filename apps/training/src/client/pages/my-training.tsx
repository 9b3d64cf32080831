import type { TrainingItem } from "../../shared/api";
import { getMyTraining } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { formatDateTime, formatDay } from "../format/dates";
import { contentChangedLabel } from "@stalking-response/curriculum";
import { StatusTag } from "@stalking-response/ui";
import { Link } from "../routing/router";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { NoticesBanner } from "./notices-banner";

/** "My training": the modules assigned to the officer, most urgent first, then the others they may take. */
export function MyTrainingPage() {
  const [training] = useResource("my-training", getMyTraining);
  useDocumentTitle("My training");
  if (training.state === "loading") return <LoadingPage />;
  if (training.state === "failed") return <ProblemPage problem={training.problem} />;
  const assigned = training.data.items.filter((item) => item.assigned).sort(byUrgency);
  const others = training.data.items.filter((item) => !item.assigned);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NoticesBanner />
        <PageHeading caption={training.data.learner.displayName}>My training</PageHeading>
        <h2 className="govuk-heading-m">Assigned to you</h2>
        {assigned.length === 0 ? (
          <p className="govuk-body">You have no training assigned at the moment.</p>
        ) : (
          <ModuleList items={assigned} />
        )}
        {others.length === 0 ? null : (
          <>
            <h2 className="govuk-heading-m">Other modules you can take</h2>
            <ModuleList items={others} />
          </>
        )}
      </div>
    </div>
  );
}

function ModuleList({ items }: { items: TrainingItem[] }) {
  return (
    <ul className="govuk-list app-module-list">
      {items.map((item) => (
        <li key={item.moduleId} className="app-module-list__item">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
            <Link to={{ name: "module", moduleId: item.moduleId }}>{item.title}</Link>
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-2">
            <StatusTag status={item.status} overdue={item.overdue} />
          </p>
          {item.contentChange === null ? null : (
            <p className="govuk-body govuk-!-margin-bottom-2">
              <strong>
                {contentChangedLabel} — renew by {formatDay(item.contentChange.renewBy)}
              </strong>
              <span className="govuk-body-s govuk-!-display-block">
                The module changed on {formatDay(item.contentChange.changedOn)} in a way that matters for your pass
                (version {item.contentChange.changedVersion}; you passed version {item.contentChange.passedVersion}).
                Take it again by then.
              </span>
            </p>
          )}
          <ul className="govuk-list govuk-body-s">
            {details(item).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The facts an officer needs to plan: when it is due, how far they are, how long it takes, until when it counts. */
function details(item: TrainingItem): string[] {
  const lines: string[] = [];
  // Work already done is not "due": a current pass says until when it counts, and by when to renew it.
  if (item.dueDate !== null && item.status === "due-for-renewal") lines.push(`Renew by ${formatDay(item.dueDate)}`);
  else if (item.dueDate !== null && item.status !== "completed")
    lines.push(`${item.overdue ? "Was due" : "Due"} by ${formatDay(item.dueDate)}`);
  if (item.status === "in-progress" || item.status === "not-started")
    lines.push(
      `${item.lessonsExperienced} of ${item.lessonsTotal} lessons, about ${item.estimatedMinutes} minutes in all`,
    );
  if (item.completedAt !== null) lines.push(`Completed on ${formatDateTime(item.completedAt)}`);
  if (item.expiresAt !== null)
    lines.push(`${item.status === "expired" ? "Expired on" : "Valid until"} ${formatDateTime(item.expiresAt)}`);
  return lines;
}

const urgency: Record<TrainingItem["status"], number> = {
  expired: 0,
  "due-for-renewal": 1,
  "in-progress": 2,
  "not-started": 3,
  completed: 4,
};

/** Overdue first, then what needs doing soonest, then what is done. */
function byUrgency(a: TrainingItem, b: TrainingItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if ((a.contentChange === null) !== (b.contentChange === null)) return a.contentChange === null ? 1 : -1;
  const rank = urgency[a.status] - urgency[b.status];
  if (rank !== 0) return rank;
  return (a.dueDate ?? "9999-12-31").localeCompare(b.dueDate ?? "9999-12-31");
}
