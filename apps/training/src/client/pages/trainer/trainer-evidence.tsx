import { useState } from "react";
import { ActionPlanTable, noActionPlanFilters, planStatusLabels, Table, type TableCell } from "@stalking-response/ui";
import type { EvidenceItem, EvidenceResponse, PublishedPlan } from "../../../shared/trainer-api";
import type { ApiResult } from "../../api/client";
import { useResource } from "../../api/use-resource";
import { formatDateTime, formatDay, londonDayOf } from "../../format/dates";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { ScrollRegion } from "./scroll-region";
import { getEvidence, getPublishedPlan } from "./trainer-endpoints";
import { jobRoleLabels } from "../../../shared/api";
import { trainerPaths } from "../../../shared/trainer-api";

type EvidenceData = { evidence: EvidenceResponse; published: PublishedPlan };

async function loadEvidence(): Promise<ApiResult<EvidenceData>> {
  const [evidence, published] = await Promise.all([getEvidence(), getPublishedPlan()]);
  if (!evidence.ok) return evidence;
  if (!published.ok) return published;
  return { ok: true, data: { evidence: evidence.data, published: published.data } };
}

/**
 * The force's action plan beside the live training evidence for its training recommendations: which modules
 * answer each one, and how many distinct people were assigned and hold a current completion, by job role.
 */
export function TrainerEvidencePage() {
  const [resource] = useResource("trainer-evidence", loadEvidence);
  useDocumentTitle("Evidence against the action plan");
  if (resource.state === "loading") return <LoadingPage />;
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  return <Evidence {...resource.data} />;
}

/** The newest dated entry of the force's updates history for this response, its date first. */
function LatestUpdate({ response }: { response: EvidenceItem["response"] }) {
  if (response === null) return <span className="govuk-body-s">Not answered in the plan</span>;
  const update = response.latestUpdate;
  if (update === null) return <span className="govuk-body-s">No dated update yet</span>;
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-0">
      <strong>{formatDay(update.date)}</strong>: {planStatusLabels[update.status]}. {update.note}
      {update.sourceTitle === null ? null : update.sourceUrl === null ? (
        ` (${update.sourceTitle})`
      ) : (
        <>
          {" "}
          (
          <a className="govuk-link" href={update.sourceUrl}>
            {update.sourceTitle}
          </a>
          )
        </>
      )}
    </p>
  );
}

function Evidence({ evidence, published }: EvidenceData) {
  const [filters, setFilters] = useState(noActionPlanFilters);
  const count = (value: number): TableCell => ({ content: value.toLocaleString("en-GB"), format: "numeric" });
  return (
    <>
      <PageHeading caption={evidence.force.name}>Evidence against the action plan</PageHeading>
      <p className="govuk-body">
        {evidence.people.toLocaleString("en-GB")} people in the force could be trained. Every number counts distinct
        people. Figures as at {formatDateTime(evidence.generatedAt)}.
      </p>
      {evidence.plan === null ? (
        <p className="govuk-body">This force has no action plan in the toolkit yet.</p>
      ) : (
        <p className="govuk-body">
          Plan: {evidence.plan.sourceTitle}
          {evidence.plan.sourceUrl === null ? null : (
            <>
              {" "}
              (
              <a className="govuk-link" href={evidence.plan.sourceUrl}>
                source<span className="govuk-visually-hidden">: {evidence.plan.sourceTitle}</span>
              </a>
              )
            </>
          )}
        </p>
      )}
      <nav aria-labelledby="evidence-contents" className="govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-s" id="evidence-contents">
          Contents
        </h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href="#publish">
              Publish
            </a>
          </li>
          <li>
            <a className="govuk-link" href="#training-evidence">
              Training evidence by recommendation
            </a>
          </li>
          {published.plan === null ? null : (
            <li>
              <a className="govuk-link" href="#plan-progress">
                Progress on the action plan
              </a>
            </li>
          )}
        </ul>
      </nav>
      <h2 className="govuk-heading-m" id="publish">
        Publish
      </h2>
      <p className="govuk-body">
        Forces publish their plans and progress. Download the page to put on the force website, with the
        machine-readable data beside it (aggregate counts only, no names).
      </p>
      <p className="govuk-body">
        This view shows exact numbers. On the published page, any figure about fewer than{" "}
        {published.trainingEvidence.suppression.minGroupSize} people is shown as “fewer than{" "}
        {published.trainingEvidence.suppression.minGroupSize}”, so a small team or role cannot point to a person.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={trainerPaths.publishedHtml} download>
            Download the plan as a web page (HTML)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={trainerPaths.publishedJson} download>
            Download the plan as data (JSON)
          </a>
        </li>
      </ul>
      <h2 className="govuk-heading-m" id="training-evidence">
        Training evidence by recommendation
      </h2>
      <ScrollRegion labelledBy="evidence-caption">
        <Table
          caption={<span id="evidence-caption">Training evidence by recommendation</span>}
          captionClassName="govuk-visually-hidden"
          firstCellIsHeader
          head={[
            { content: "Recommendation" },
            { content: "Modules that answer it" },
            { content: "People assigned", format: "numeric" },
            { content: "People completed", format: "numeric" },
            { content: "Completed by job role" },
            { content: "Latest progress update" },
          ]}
          rowKeys={evidence.items.map((item) => item.id)}
          rows={evidence.items.map((item): TableCell[] => [
            <>
              <span className="govuk-!-font-weight-bold">{item.id}</span> {item.summary}
            </>,
            item.modules.length === 0 ? "None yet" : item.modules.map((module) => module.title).join("; "),
            count(item.assigned),
            count(item.completed),
            <ul key="roles" className="govuk-list govuk-body-s">
              {item.byRole.map((role) => (
                <li key={role.jobRole}>
                  {jobRoleLabels[role.jobRole]}: {role.completed} of {role.people}
                  {role.percent === null ? "" : ` (${role.percent}%)`}
                </li>
              ))}
            </ul>,
            <LatestUpdate key="update" response={item.response} />,
          ])}
        />
      </ScrollRegion>
      {published.plan === null ? null : (
        <>
          <h2 className="govuk-heading-m" id="plan-progress">
            Progress on the action plan
          </h2>
          <ActionPlanTable
            plan={published.plan}
            asOf={londonDayOf(evidence.generatedAt)}
            filters={filters}
            onFiltersChange={setFilters}
          />
        </>
      )}
    </>
  );
}
