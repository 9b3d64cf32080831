import { jobRoleLabels } from "../../../shared/api";
import { BackLink, StatusTag, SummaryList, Table, type TableCell } from "@stalking-response/ui";
import type { LearnerRecordResponse } from "../../../shared/trainer-api";
import { useResource } from "../../api/use-resource";
import { formatDateTime, formatDay } from "../../format/dates";
import { certificateStates } from "../../certificates/certificate-state";
import { Link, linkTo } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { getLearnerRecord } from "./trainer-endpoints";
import { ScrollRegion } from "./scroll-region";

const verbLabels: Record<string, string> = {
  launched: "Started the module",
  experienced: "Worked through a lesson",
  answered: "Answered a question",
  passed: "Passed the knowledge check",
  failed: "Did not pass the knowledge check",
  completed: "Completed the module",
};

/** The last part of an xAPI verb IRI (`…/verbs/passed` → `passed`). */
const verbName = (verb: string) => verb.slice(verb.lastIndexOf("/") + 1);

/**
 * One learner's record as a trainer sees it: where they stand on each module, every knowledge-check attempt,
 * their certificates and the newest learning statements.
 */
export function LearnerRecordPage({ userId }: { userId: string }) {
  const [record] = useResource(`trainer-learner/${userId}`, () => getLearnerRecord(userId));
  const name = record.state === "ready" ? record.data.learner.displayName : "Learner record";
  useDocumentTitle(record.state === "ready" ? `${name} – Training record` : "Training record");
  if (record.state === "loading") return <LoadingPage />;
  if (record.state === "failed") return <ProblemPage problem={record.problem} />;
  return <Record record={record.data} />;
}

function Record({ record }: { record: LearnerRecordResponse }) {
  const { learner } = record;
  const title = (moduleId: string) => record.training.find((item) => item.moduleId === moduleId)?.title ?? moduleId;
  const dayOf = (iso: string | null) => (iso === null ? "None" : formatDateTime(iso));
  return (
    <>
      <BackLink {...linkTo({ name: "trainer-grid" })}>Training records</BackLink>
      <PageHeading caption="Training record">{learner.displayName}</PageHeading>
      <SummaryList
        rows={[
          { key: "Collar number", value: learner.collarNumber ?? "None" },
          { key: "Unit", value: learner.unit?.name ?? "No unit" },
          { key: "Job role", value: jobRoleLabels[learner.jobRole] },
        ]}
      />

      <ScrollRegion labelledBy="training-caption">
        <Table
          caption={<span id="training-caption">Modules</span>}
          captionClassName="govuk-table__caption--m"
          firstCellIsHeader
          head={[
            { content: "Module" },
            { content: "Status" },
            { content: "Due" },
            { content: "Attempts", format: "numeric" },
            { content: "Latest score", format: "numeric" },
            { content: "Completed" },
            { content: "Valid until" },
          ]}
          rowKeys={record.training.map((item) => item.moduleId)}
          rows={record.training.map((item): TableCell[] => [
            item.title,
            <>
              <StatusTag status={item.status} overdue={item.overdue} />
              {item.assigned ? null : <span className="govuk-body-s govuk-!-display-block">Not assigned</span>}
            </>,
            item.dueDate === null ? "None" : formatDay(item.dueDate),
            { content: item.attempts, format: "numeric" },
            { content: item.scorePercent === null ? "None" : `${item.scorePercent}%`, format: "numeric" },
            dayOf(item.completedAt),
            dayOf(item.expiresAt),
          ])}
        />
      </ScrollRegion>

      <h2 className="govuk-heading-m">Knowledge-check attempts</h2>
      {record.attempts.length === 0 ? (
        <p className="govuk-body">No attempts yet.</p>
      ) : (
        <ScrollRegion label="Knowledge-check attempts">
          <Table
            caption="Every attempt, oldest first within each module"
            firstCellIsHeader
            head={[
              { content: "Module" },
              { content: "Attempt", format: "numeric" },
              { content: "Result" },
              { content: "Score", format: "numeric" },
              { content: "When" },
            ]}
            rows={record.attempts.map((attempt): TableCell[] => [
              title(attempt.moduleId),
              { content: attempt.attemptNumber, format: "numeric" },
              attempt.passed ? "Passed" : "Not passed",
              { content: attempt.scorePercent === null ? "None" : `${attempt.scorePercent}%`, format: "numeric" },
              formatDateTime(attempt.at),
            ])}
          />
        </ScrollRegion>
      )}

      <h2 className="govuk-heading-m">Certificates</h2>
      {record.certificates.length === 0 ? (
        <p className="govuk-body">No certificates yet.</p>
      ) : (
        <ScrollRegion label="Certificates">
          <Table
            caption="Certificates issued"
            firstCellIsHeader
            head={[
              { content: "Certificate" },
              { content: "Module" },
              { content: "Score", format: "numeric" },
              { content: "Issued" },
              { content: "Valid until" },
              { content: "State" },
            ]}
            rows={record.certificates.map((certificate): TableCell[] => [
              <Link key="id" to={{ name: "certificate", certificateId: certificate.id }}>
                {certificate.id}
              </Link>,
              `${title(certificate.moduleId)} (version ${certificate.moduleVersion})`,
              { content: `${certificate.scorePercent}%`, format: "numeric" },
              formatDateTime(certificate.issuedAt),
              formatDateTime(certificate.expiresAt),
              certificateStates[certificate.state].label,
            ])}
          />
        </ScrollRegion>
      )}

      <h2 className="govuk-heading-m">Learning history</h2>
      {record.timeline.length === 0 ? (
        <p className="govuk-body">Nothing recorded yet.</p>
      ) : (
        <ScrollRegion label="Learning history">
          <Table
            caption={`The newest ${record.timeline.length} learning records, newest first`}
            head={[{ content: "When" }, { content: "What" }, { content: "Module" }]}
            rowKeys={record.timeline.map((entry) => entry.id)}
            rows={record.timeline.map((entry): TableCell[] => [
              formatDateTime(entry.timestamp),
              verbLabels[verbName(entry.verb)] ?? verbName(entry.verb),
              title(entry.moduleId),
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
