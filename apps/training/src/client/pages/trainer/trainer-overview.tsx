import { Table, type TableCell } from "@stalking-response/ui";
import { RENEWAL_WINDOW_DAYS } from "@stalking-response/curriculum";
import type { ChartsResponse, GridSummaryResponse } from "../../../shared/trainer-api";
import { trainerQuery } from "../../../shared/trainer-api";
import type { ApiResult } from "../../api/client";
import { useResource } from "../../api/use-resource";
import { Link } from "../../routing/router";
import type { Route } from "../../routing/routes";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { countsAsOf } from "./counts-as-of";
import { ScrollRegion } from "./scroll-region";
import { TrainerTools } from "./trainer-tools";
import { getCharts, getGridSummary } from "./trainer-endpoints";

type Overview = { overdue: GridSummaryResponse; dueSoon: GridSummaryResponse; charts: ChartsResponse };

/** Whole-force counts the overview needs: all three are the grid's own counts, cached as the grid's are. */
async function loadOverview(): Promise<ApiResult<Overview>> {
  const [overdue, dueSoon, charts] = await Promise.all([
    getGridSummary(trainerQuery({ status: "overdue" })),
    getGridSummary(trainerQuery({ status: "renewal-due", withinDays: RENEWAL_WINDOW_DAYS })),
    getCharts(""),
  ]);
  if (!overdue.ok) return overdue;
  if (!dueSoon.ok) return dueSoon;
  if (!charts.ok) return charts;
  return { ok: true, data: { overdue: overdue.data, dueSoon: dueSoon.data, charts: charts.data } };
}

/** The grid filtered to one status (and unit); the overdue links open with the most overdue people first. */
const gridOf = (filter: Record<string, string | number>): Route => ({
  name: "trainer-grid",
  query: trainerQuery(filter).slice(1),
});

const people = (count: number) => (count === 1 ? "1 person" : `${count.toLocaleString("en-GB")} people`);

/**
 * Where a trainer lands: who is overdue and whose training runs out soon, across the force and by unit, each
 * number a link to those people in the records; and the trainer's other tools, one click away.
 */
export function TrainerOverviewPage() {
  const [overview] = useResource("trainer-overview", loadOverview);
  useDocumentTitle("Training overview");
  if (overview.state === "loading") return <LoadingPage />;
  if (overview.state === "failed") return <ProblemPage problem={overview.problem} />;
  const { overdue, dueSoon, charts } = overview.data;
  const units = charts.byUnit.filter((unit) => unit.learners > 0);
  const asOf = countsAsOf(charts);
  return (
    <>
      <PageHeading caption="Trainer">Training overview</PageHeading>
      {asOf === null ? null : <p className="govuk-hint">{asOf}</p>}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <div className="app-overview-figure">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Overdue</h2>
            <p className="govuk-body govuk-!-font-size-36 govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              {people(overdue.learners)}
            </p>
            <p className="govuk-body">
              <Link to={gridOf({ status: "overdue", sort: "overdue" })}>
                See who is overdue<span className="govuk-visually-hidden"> in the training records</span>
              </Link>
            </p>
          </div>
        </div>
        <div className="govuk-grid-column-one-half">
          <div className="app-overview-figure">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
              Renewal due in the next {RENEWAL_WINDOW_DAYS} days
            </h2>
            <p className="govuk-body govuk-!-font-size-36 govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              {people(dueSoon.learners)}
            </p>
            <p className="govuk-body">
              <Link to={gridOf({ status: "renewal-due", withinDays: RENEWAL_WINDOW_DAYS })}>
                See whose training runs out soon<span className="govuk-visually-hidden"> in the training records</span>
              </Link>
            </p>
          </div>
        </div>
      </div>

      <h2 className="govuk-heading-m">Overdue by unit</h2>
      {units.length === 0 ? (
        <p className="govuk-body">No one is in a unit yet.</p>
      ) : (
        <ScrollRegion labelledBy="overview-units-caption">
          <Table
            caption={<span id="overview-units-caption">People with an overdue module, by unit</span>}
            captionClassName="govuk-visually-hidden"
            firstCellIsHeader
            head={[
              { content: "Unit" },
              { content: "People", format: "numeric" },
              { content: "Overdue", format: "numeric" },
            ]}
            rowKeys={units.map((unit) => unit.unit?.id ?? "none")}
            rows={units.map((unit): TableCell[] => [
              unit.unit?.name ?? "No unit",
              { content: unit.learners.toLocaleString("en-GB"), format: "numeric" },
              {
                content:
                  unit.overdue === 0 || unit.unit === null ? (
                    unit.overdue.toLocaleString("en-GB")
                  ) : (
                    <Link to={gridOf({ unit: unit.unit.id, status: "overdue", sort: "overdue" })}>
                      {unit.overdue.toLocaleString("en-GB")}
                      <span className="govuk-visually-hidden"> overdue in {unit.unit.name}</span>
                    </Link>
                  ),
                format: "numeric",
              },
            ])}
          />
        </ScrollRegion>
      )}

      <h2 className="govuk-heading-m">Your tools</h2>
      <TrainerTools from="overview" />
    </>
  );
}
