import { useState } from "react";
import { Button, NotificationBanner, SummaryList, Table, type TableCell } from "@stalking-response/ui";
import type { JobsReport } from "../../../shared/notifications-api";
import { useResource } from "../../api/use-resource";
import { formatDateTime } from "../../format/dates";
import { Link } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { getJobsReport, retryJob } from "./admin-endpoints";
import { AdminLinks } from "./admin-links";

/** What each queue does, in the admin's words (a queue without one is shown by its name). */
const queueNames: Readonly<Record<string, string>> = {
  "reminder-scan": "Reminder scan (hourly)",
  "notification-delivery": "Email delivery (every 5 minutes)",
  "lrs-forward": "Forwarding records to your force's LRS",
};
const queueName = (name: string) => queueNames[name] ?? name;

/** pg-boss's job states, folded into what an admin asks: waiting, running, failed, done. */
const column = (state: string) =>
  state === "created" || state === "retry"
    ? "waiting"
    : state === "active"
      ? "running"
      : state === "failed"
        ? "failed"
        : "done";

type QueueRow = { name: string; waiting: number; running: number; failed: number; done: number };

function queueRows(report: JobsReport): QueueRow[] {
  const byName = new Map<string, QueueRow>();
  for (const { name, state, count } of report.queues) {
    const row = byName.get(name) ?? { name, waiting: 0, running: 0, failed: 0, done: 0 };
    row[column(state)] += count;
    byName.set(name, row);
  }
  return [...byName.values()].sort((a, b) => queueName(a.name).localeCompare(queueName(b.name)));
}

const sendResults: Readonly<Record<JobsReport["failedSends"][number]["result"], string>> = {
  failed: "Not sent yet (will be tried again)",
  rejected: "Refused: the address does not work",
  sent: "Sent",
};
const receipts: Readonly<Record<NonNullable<JobsReport["failedSends"][number]["receipt"]>, string>> = {
  delivered: "Delivered",
  "permanent-failure": "Bounced: GOV.UK Notify says the address does not work",
  "temporary-failure": "Not delivered: the inbox was full or unavailable for days",
  "technical-failure": "Not delivered: a fault at GOV.UK Notify",
};
const messageStates: Readonly<Record<string, string>> = {
  pending: "Waiting to be sent",
  sending: "Being sent",
  sent: "Sent",
  failed: "Not sent (gave up)",
  suppressed: "Not emailed (shown in the app only)",
};

/** The job queue: how much work is waiting, running and failed in each queue, and what failed and why. */
export function AdminJobsPage() {
  const [reload, setReload] = useState(0);
  const [report] = useResource(`admin-jobs:${reload}`, getJobsReport);
  const [banner, setBanner] = useState<{ success: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useDocumentTitle("Job queue");
  if (report.state === "failed") return <ProblemPage problem={report.problem} />;
  if (report.state === "loading") return <LoadingPage />;
  const { failedJobs, failedSends, messages } = report.data;
  const retry = async (jobId: string, name: string) => {
    setBusy(jobId);
    const result = await retryJob(jobId);
    setBusy(null);
    setBanner(
      result.ok
        ? { success: true, text: `${queueName(name)} will be tried again` }
        : { success: false, text: result.problem.detail ?? result.problem.title },
    );
    setReload((count) => count + 1);
  };
  const queues = queueRows(report.data);
  return (
    <>
      {banner === null ? null : banner.success ? (
        <NotificationBanner type="success" heading={banner.text} />
      ) : (
        <NotificationBanner role="alert" heading={banner.text} />
      )}
      <PageHeading caption="Admin">Job queue</PageHeading>
      <AdminLinks current={{ name: "admin-jobs" }} />
      <p className="govuk-body">
        Reminders are decided every hour and emails go out every few minutes. A job that fails is tried again with a
        growing wait; one that still fails is listed below.
      </p>
      {queues.length === 0 ? (
        <p className="govuk-body">No jobs have run yet.</p>
      ) : (
        <Table
          caption="Jobs in each queue"
          captionClassName="govuk-table__caption--m"
          className="govuk-table--small-text-until-tablet"
          firstCellIsHeader
          head={[
            { content: "Queue" },
            { content: "Waiting", format: "numeric" },
            { content: "Running", format: "numeric" },
            { content: "Failed", format: "numeric" },
          ]}
          rowKeys={queues.map((row) => row.name)}
          rows={queues.map((row): TableCell[] => [
            { content: queueName(row.name), className: "app-break-anywhere" },
            { content: row.waiting.toLocaleString("en-GB"), format: "numeric" },
            { content: row.running.toLocaleString("en-GB"), format: "numeric" },
            { content: row.failed.toLocaleString("en-GB"), format: "numeric" },
          ])}
        />
      )}
      <h2 className="govuk-heading-m">Failed jobs</h2>
      {failedJobs.length === 0 ? (
        <p className="govuk-body">No job has failed.</p>
      ) : (
        failedJobs.map((job) => (
          <SummaryList
            key={job.id}
            card={{ title: queueName(job.name), headingLevel: 3 }}
            rows={[
              { key: "Failed", value: job.failedAt === null ? "Not recorded" : formatDateTime(job.failedAt) },
              { key: "Tries", value: String(job.retryCount + 1) },
              { key: "Error", value: <span className="app-break-anywhere">{job.error ?? "No message"}</span> },
              {
                key: "Try again",
                value: (
                  <Button
                    type="button"
                    variant="secondary"
                    className="govuk-!-margin-bottom-0"
                    disabled={busy !== null}
                    onClick={() => void retry(job.id, job.name)}
                  >
                    Retry<span className="govuk-visually-hidden"> {queueName(job.name)} job that failed</span>
                  </Button>
                ),
              },
            ]}
          />
        ))
      )}
      <h2 className="govuk-heading-m">Your force&apos;s emails</h2>
      {messages.length === 0 ? (
        <p className="govuk-body">No emails have been decided yet.</p>
      ) : (
        <SummaryList
          rows={messages.map((row) => ({
            key: messageStates[row.state] ?? row.state,
            value: row.count.toLocaleString("en-GB"),
          }))}
        />
      )}
      <h2 className="govuk-heading-m">Emails that did not go</h2>
      {failedSends.length === 0 ? (
        <p className="govuk-body">Every email so far has been handed on.</p>
      ) : (
        failedSends.map((send, index) => (
          <SummaryList
            key={`${send.userId}-${send.at}-${index}`}
            card={{ title: send.displayName, headingLevel: 3 }}
            rows={[
              { key: "When", value: formatDateTime(send.at) },
              {
                key: "Outcome",
                value: send.receipt === null ? sendResults[send.result] : receipts[send.receipt],
              },
              { key: "Reason", value: send.error ?? "None given" },
              {
                key: "Person",
                value: (
                  <Link to={{ name: "admin-user", userId: send.userId }}>Open {send.displayName}&apos;s page</Link>
                ),
              },
            ]}
          />
        ))
      )}
    </>
  );
}
