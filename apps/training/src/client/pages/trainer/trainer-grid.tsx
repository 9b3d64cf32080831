import { overdueLabel, trainingStatusLabels } from "@stalking-response/curriculum";
import { useState, type FormEvent } from "react";
import {
  Button,
  ErrorSummary,
  Pagination,
  Select,
  StatusTag,
  Table,
  TextInput,
  type TableCell,
} from "@stalking-response/ui";
import { JobRoleSchema, type TrainingStatus, jobRoleLabels } from "../../../shared/api";
import {
  GridStatusFilterSchema,
  MODULE_SORTS,
  trainerQuery,
  type GridSort,
  type GridResponse,
  type GridStatusFilter,
  type GridSummaryResponse,
} from "../../../shared/trainer-api";
import type { ApiResult } from "../../api/client";
import type { Problem } from "../../api/problem";
import { useResource } from "../../api/use-resource";
import { formatDay } from "../../format/dates";
import { Link, linkTo, navigate } from "../../routing/router";
import {
  DEFAULT_WITHIN_DAYS,
  filterKeys,
  gridRoute,
  readGridQuery,
  withinDaysError,
  type Filter,
  type Order,
} from "./grid-filter";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { getGrid, getGridSummary, getUnits, gridCsvHref } from "./trainer-endpoints";
import { CsvExportLink } from "./csv-export-link";
import { countsAsOf } from "./counts-as-of";
import { ScrollRegion } from "./scroll-region";
import { TrainerTools } from "./trainer-tools";

const statusFilterLabels: Record<GridStatusFilter, string> = {
  ...trainingStatusLabels,
  overdue: overdueLabel,
  "renewal-due": "Renewal due within a number of days",
};

const sortOptions: { value: string; text: string; needsModule: boolean }[] = [
  { value: "name:asc", text: "Name (A to Z)", needsModule: false },
  { value: "name:desc", text: "Name (Z to A)", needsModule: false },
  { value: "collarNumber:asc", text: "Collar number", needsModule: false },
  { value: "overdue:asc", text: "Most overdue first", needsModule: false },
  { value: "status:asc", text: "Status on the chosen module", needsModule: true },
  { value: "completedAt:desc", text: "Completed on the chosen module (newest first)", needsModule: true },
  { value: "expiresAt:asc", text: "Expiry on the chosen module (soonest first)", needsModule: true },
  { value: "score:desc", text: "Score on the chosen module (highest first)", needsModule: true },
];

/** Problems with the filter form as submitted, by field id, and which refused submit they came from. */
type FormErrors = { attempt: number; fields: Partial<Record<"withinDays" | "order", string>> };

type GridData = { grid: GridResponse; summary: GridSummaryResponse; units: { id: string; text: string }[] };

async function loadGrid(
  filter: Filter,
  order: Order,
  cursors: { after: string | undefined; before: string | undefined },
): Promise<ApiResult<GridData>> {
  const filterQuery = trainerQuery(filter);
  const [grid, summary, units] = await Promise.all([
    getGrid(trainerQuery({ ...filter, ...order, ...cursors })),
    getGridSummary(filterQuery),
    getUnits(),
  ]);
  if (!grid.ok) return grid;
  if (!summary.ok) return summary;
  if (!units.ok) return units;
  const names = new Map(units.data.map((unit) => [unit.id, unit.name]));
  const unitItems = units.data.map((unit) => {
    const parent = unit.parentId === null ? undefined : names.get(unit.parentId);
    return { id: unit.id, text: parent === undefined ? unit.name : `${unit.name} (${parent})` };
  });
  return { ok: true, data: { grid: grid.data, summary: summary.data, units: unitItems } };
}

/**
 * Training records: who has completed what, filtered by unit, job role, module, status or name. The filter
 * is a GET form, so every view has its own address that can be bookmarked or shared; the counts, the grid
 * and the CSV export all read the same filter on the server.
 */
export function TrainerGridPage({ query = "" }: { query?: string | undefined }) {
  const { filter, order, after, before } = readGridQuery(query);
  const [resource] = useResource(`trainer-grid?${query}`, () => loadGrid(filter, order, { after, before }));
  const [errors, setErrors] = useState<FormErrors>({ attempt: 0, fields: {} });
  // The number of days is only asked for once "renewal due" is the chosen status.
  const [status, setStatus] = useState(filter.status ?? "");
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const summaryErrors = [
    ...(["withinDays", "order"] as const).flatMap((field) => {
      const text = errors.fields[field];
      return text === undefined ? [] : [{ text, href: `#${field}` }];
    }),
    ...(exportProblem === null
      ? []
      : [{ text: `The export did not finish: ${exportProblem.detail ?? exportProblem.title}`, href: "#export-csv" }]),
  ];
  useDocumentTitle("Training records", summaryErrors.length > 0);
  if (resource.state === "loading") return <LoadingPage />;
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  const { grid, summary, units } = resource.data;
  const modules = filter.module === undefined ? grid.modules : grid.modules.filter((m) => m.id === filter.module);
  // Both cursors come from the server and go in the address, so a bookmarked or shared page goes either way.
  const { nextCursor, previousCursor } = grid;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: Filter = {};
    for (const key of filterKeys) {
      const value = data.get(key);
      if (typeof value === "string" && value.trim() !== "") next[key] = value.trim();
    }
    const chosenOrder = data.get("order");
    const [sort = "name", direction = "asc"] = (typeof chosenOrder === "string" ? chosenOrder : "").split(":");
    const fields: FormErrors["fields"] = {};
    if (next.status === "renewal-due") {
      const days = data.get("withinDays");
      const problem = withinDaysError(typeof days === "string" ? days : "");
      if (problem !== null) fields.withinDays = problem;
    } else delete next.withinDays;
    if (MODULE_SORTS.includes(sort as GridSort) && next.module === undefined) {
      fields.order = "Choose a module to sort by status, dates or score on it";
    }
    if (Object.keys(fields).length > 0) {
      // A new attempt number remounts the error summary, so it takes focus again on each refused submit.
      setErrors({ attempt: errors.attempt + 1, fields });
      return;
    }
    setErrors({ attempt: errors.attempt, fields: {} });
    navigate(gridRoute(next, sort === "name" && direction === "asc" ? {} : { sort, direction }));
  };

  const option = (value: string, text: string) => ({ value, text });
  return (
    <>
      <PageHeading caption="Trainer">Training records</PageHeading>
      {summaryErrors.length === 0 ? null : (
        <ErrorSummary key={`${errors.attempt}-${exportProblem === null ? "" : "export"}`} errors={summaryErrors} />
      )}
      <TrainerTools
        from="records"
        className="govuk-list app-inline-list"
        chartsQuery={Object.keys(filter).length === 0 ? "" : trainerQuery(filter).slice(1)}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter-from-desktop">
          <form method="get" action="/trainer" onSubmit={onSubmit} className="app-trainer-filter">
            <h2 className="govuk-heading-m">Filter</h2>
            <Select
              label="Unit"
              name="unit"
              defaultValue={filter.unit ?? ""}
              items={[option("", "All units"), ...units.map((unit) => option(unit.id, unit.text))]}
            />
            <Select
              label="Job role"
              name="jobRole"
              defaultValue={filter.jobRole ?? ""}
              items={[option("", "All job roles"), ...JobRoleSchema.options.map((r) => option(r, jobRoleLabels[r]))]}
            />
            <Select
              label="Module"
              name="module"
              defaultValue={filter.module ?? ""}
              items={[option("", "All modules"), ...grid.modules.map((m) => option(m.id, m.title))]}
            />
            <Select
              label="Status"
              name="status"
              hint="Without a module, matches a status on any module"
              defaultValue={filter.status ?? ""}
              onChange={(event) => setStatus(event.currentTarget.value)}
              items={[
                option("", "Any status"),
                ...GridStatusFilterSchema.options.map((s) => option(s, statusFilterLabels[s])),
              ]}
            />
            {status === "renewal-due" ? (
              // Revealed straight after the status it belongs to, as GOV.UK's conditional reveal does for radios.
              <div className="app-conditional">
                <TextInput
                  id="withinDays"
                  name="withinDays"
                  label="Renewal due within how many days?"
                  hint="Enter a number from 1 to 365, for example 30"
                  className="govuk-input--width-3"
                  inputMode="numeric"
                  spellCheck={false}
                  autoComplete="off"
                  defaultValue={filter.withinDays ?? String(DEFAULT_WITHIN_DAYS)}
                  errorMessage={errors.fields.withinDays}
                />
              </div>
            ) : null}
            <TextInput
              label="Name or collar number"
              name="q"
              className="govuk-input--width-20"
              defaultValue={filter.q ?? ""}
              spellCheck={false}
            />
            <Select
              id="order"
              label="Sort by"
              name="order"
              defaultValue={`${order.sort ?? "name"}:${order.direction ?? "asc"}`}
              errorMessage={errors.fields.order}
              items={sortOptions.map(({ value, text }) => ({ value, text }))}
            />
            <Button type="submit">Apply filters</Button>
          </form>
          {Object.keys(filter).length === 0 ? null : (
            <p className="govuk-body">
              <Link to={{ name: "trainer-grid" }}>Clear filters</Link>
            </p>
          )}
        </div>
        <div className="govuk-grid-column-three-quarters-from-desktop">
          <h2 className="govuk-heading-m" id="results">
            {summary.learners === 1 ? "1 person matches" : `${summary.learners.toLocaleString("en-GB")} people match`}
          </h2>
          <CountsHint summary={summary} />
          <CsvExportLink
            id="export-csv"
            href={gridCsvHref(trainerQuery({ ...filter, ...order }))}
            total={summary.learners}
            onProblem={setExportProblem}
          />
          <ScrollRegion labelledBy="grid-caption">
            <Table
              caption={<span id="grid-caption">Completion by learner</span>}
              captionClassName="govuk-table__caption--s"
              firstCellIsHeader
              head={[
                { content: "Name" },
                { content: "Collar number" },
                { content: "Unit" },
                { content: "Job role" },
                ...modules.map((module) => ({ content: module.title })),
              ]}
              rowKeys={grid.rows.map((row) => row.id)}
              rows={grid.rows.map((row) => [
                <Link key="name" to={{ name: "trainer-learner", userId: row.id }}>
                  {row.displayName}
                </Link>,
                row.collarNumber ?? "None",
                row.unit?.name ?? "No unit",
                jobRoleLabels[row.jobRole],
                ...modules.map((module): TableCell => {
                  const cell = row.cells.find((c) => c.moduleId === module.id);
                  if (!cell) return "Not assigned";
                  return <CellStatus key={module.id} status={cell.status} overdue={cell.overdue} due={cell.dueDate} />;
                }),
              ])}
            />
          </ScrollRegion>
          {grid.rows.length === 0 ? <p className="govuk-body">No one matches this filter.</p> : null}
          <Pagination
            landmarkLabel="Pages of training records"
            previous={
              previousCursor === null ? undefined : { ...linkTo(gridRoute(filter, order, { before: previousCursor })) }
            }
            next={nextCursor === null ? undefined : { ...linkTo(gridRoute(filter, order, { after: nextCursor })) }}
          />

          <ModuleCountsTable summary={summary} />
        </div>
      </div>
    </>
  );
}

/** When cached counts were taken; nothing for live ones. */
function CountsHint({ summary }: { summary: GridSummaryResponse }) {
  const text = countsAsOf(summary);
  return text === null ? null : (
    <p className="govuk-hint" id="counts-as-of">
      {text}
    </p>
  );
}

function CellStatus({ status, overdue, due }: { status: TrainingStatus; overdue: boolean; due: string | null }) {
  return (
    <>
      <StatusTag status={status} overdue={overdue} />
      {due === null ? null : <span className="govuk-body-s govuk-!-display-block">Due {formatDay(due)}</span>}
    </>
  );
}

/** Distinct people per module among those matching: each person is counted once per module. */
function ModuleCountsTable({ summary }: { summary: GridSummaryResponse }) {
  const numeric = (value: number): TableCell => ({ content: value.toLocaleString("en-GB"), format: "numeric" });
  return (
    <ScrollRegion labelledBy="counts-caption">
      <Table
        caption={<span id="counts-caption">People per module (each person counted once)</span>}
        captionClassName="govuk-table__caption--m"
        firstCellIsHeader
        head={[
          { content: "Module" },
          { content: "Assigned", format: "numeric" },
          { content: trainingStatusLabels.completed, format: "numeric" },
          { content: trainingStatusLabels["due-for-renewal"], format: "numeric" },
          { content: trainingStatusLabels.expired, format: "numeric" },
          { content: trainingStatusLabels["in-progress"], format: "numeric" },
          { content: trainingStatusLabels["not-started"], format: "numeric" },
          { content: overdueLabel, format: "numeric" },
        ]}
        rowKeys={summary.modules.map((module) => module.moduleId)}
        rows={summary.modules.map((module) => [
          module.title,
          numeric(module.assigned),
          numeric(module.completed),
          numeric(module.dueForRenewal),
          numeric(module.expired),
          numeric(module.inProgress),
          numeric(module.notStarted),
          numeric(module.overdue),
        ])}
      />
    </ScrollRegion>
  );
}
