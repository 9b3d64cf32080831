import { CompletionChart } from "@stalking-response/ui";
import type { ChartsResponse } from "../../../shared/trainer-api";
import { useResource } from "../../api/use-resource";
import { Link } from "../../routing/router";
import { formatShortMonth } from "../../format/dates";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { countsAsOf } from "./counts-as-of";
import { getCharts } from "./trainer-endpoints";

/**
 * One look per measure across every chart: people in blue, completions in green (with dots), overdue in orange
 * (hatched), so "Overdue" is the same colour and pattern wherever it appears.
 */
const measureStyle = { people: 0, overdue: 1, completed: 2 } as const;

/**
 * Completion charts for the grid's filter. Each chart is drawn from the same server queries as the grid and
 * its counts, and carries its numbers as a table, so nothing is only shown as a picture.
 */
export function TrainerChartsPage({ query = "" }: { query?: string | undefined }) {
  const search = query === "" ? "" : `?${query}`;
  const [charts] = useResource(`trainer-charts${search}`, () => getCharts(filterOnly(search)));
  useDocumentTitle("Training charts");
  if (charts.state === "loading") return <LoadingPage />;
  if (charts.state === "failed") return <ProblemPage problem={charts.problem} />;
  return (
    <>
      <PageHeading caption="Trainer">Training charts</PageHeading>
      <p className="govuk-body">
        Every number counts distinct people: someone is counted once however many modules or attempts they have.{" "}
        <Link to={query === "" ? { name: "trainer-grid" } : { name: "trainer-grid", query }}>
          Back to the training records for this filter
        </Link>
      </p>
      {countsAsOf(charts.data) === null ? null : (
        <p className="govuk-hint" id="counts-as-of">
          {countsAsOf(charts.data)}
        </p>
      )}
      <Charts data={charts.data} />
    </>
  );
}

/** The charts endpoint takes the filter only, never a grid page cursor or sort. */
function filterOnly(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of ["after", "before", "sort", "direction", "limit"]) params.delete(key);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function Charts({ data }: { data: ChartsResponse }) {
  const first = data.overTime[0];
  const last = data.overTime.at(-1);
  return (
    <>
      <CompletionChart
        kind="bar"
        title="Completion by module"
        description="People with a current completion of each module, and people overdue on it."
        categoryLabel="Module"
        valueLabel="People"
        categories={data.byModule.map((module) => module.title)}
        series={[
          {
            name: "Completed (still valid)",
            values: data.byModule.map((m) => m.completed + m.dueForRenewal),
            style: measureStyle.completed,
          },
          { name: "Overdue", values: data.byModule.map((m) => m.overdue), style: measureStyle.overdue },
        ]}
        dataTable="visible"
        emptyMessage="No modules to show."
      />
      <CompletionChart
        kind="bar"
        title="Completion by unit"
        description="People in each unit, how many hold at least one current completion, and how many are overdue."
        categoryLabel="Unit"
        valueLabel="People"
        categories={data.byUnit.map((row) => row.unit?.name ?? "No unit")}
        series={[
          { name: "People", values: data.byUnit.map((row) => row.learners), style: measureStyle.people },
          {
            name: "Completed at least one module",
            values: data.byUnit.map((row) => row.completedAny),
            style: measureStyle.completed,
          },
          { name: "Overdue", values: data.byUnit.map((row) => row.overdue), style: measureStyle.overdue },
        ]}
        dataTable="visible"
        emptyMessage="No one matches this filter."
      />
      <CompletionChart
        kind="line"
        title="Completions over time"
        description={
          first && last
            ? `People given a certificate each month, from ${formatShortMonth(first.month)} to ${formatShortMonth(last.month)}.`
            : "People given a certificate each month."
        }
        categoryLabel="Month"
        valueLabel="People"
        categories={data.overTime.map((point) => formatShortMonth(point.month))}
        series={[
          {
            name: "People given a certificate",
            values: data.overTime.map((point) => point.people),
            style: measureStyle.completed,
          },
        ]}
        dataTable="visible"
        emptyMessage="No certificates in the last 12 months."
      />
    </>
  );
}
