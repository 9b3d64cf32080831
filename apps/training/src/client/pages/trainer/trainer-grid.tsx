import { useEffect, useState, type FormEvent } from "react";
import { Button, ErrorSummary, Pagination, Select, Table, Tag, TextInput, type TableCell } from "@stalking-response/ui";
import { JobRoleSchema, type TrainingStatus } from "../../../shared/api";
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
import { useResource } from "../../api/use-resource";
import { formatDay } from "../../format/dates";
import type { Route } from "../../routing/routes";
import { Link, linkTo, navigate } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { StatusTag } from "../../training/status-tag";
import { getGrid, getGridSummary, getUnits, gridCsvHref } from "./trainer-endpoints";
import { ScrollRegion } from "./scroll-region";
import { jobRoleLabels } from "./trainer-only";

/** The filter fields the page reads from its address, in the order the form shows them. */
const filterKeys = ["unit", "jobRole", "module", "status", "q"] as const;
type FilterKey = (typeof filterKeys)[number];
type Filter = Partial<Record<FilterKey, string>>;

const statusFilterLabels: Record<GridStatusFilter, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
  "due-for-renewal": "Due for renewal",
  expired: "Expired",
  overdue: "Overdue",
  "renewal-due": "Renewal due within 30 days",
};

/** The grid's order: a column and a direction, as the API names them (the default is name, A to Z). */
type Order = { sort?: string; direction?: string };

const sortOptions: { value: string; text: string; needsModule: boolean }[] = [
  { value: "name:asc", text: "Name (A to Z)", needsModule: false },
  { value: "name:desc", text: "Name (Z to A)", needsModule: false },
  { value: "collarNumber:asc", text: "Collar number", needsModule: false },
  { value: "status:asc", text: "Status on the chosen module", needsModule: true },
  { value: "completedAt:desc", text: "Completed on the chosen module (newest first)", needsModule: true },
  { value: "expiresAt:asc", text: "Expiry on the chosen module (soonest first)", needsModule: true },
  { value: "score:desc", text: "Score on the chosen module (highest first)", needsModule: true },
];

function readOrder(query: string): Order {
  const search = new URLSearchParams(query);
  const sort = search.get("sort");
  const direction = search.get("direction");
  return { ...(sort ? { sort } : {}), ...(direction ? { direction } : {}) };
}

function readFilter(query: string): { filter: Filter; after: string | undefined } {
  const search = new URLSearchParams(query);
  const filter: Filter = {};
  for (const key of filterKeys) {
    const value = search.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return { filter, after: search.get("after") ?? undefined };
}

/** The route of the grid for a filter and (optionally) a page cursor. */
function gridRoute(filter: Filter, order: Order = {}, after?: string): Route {
  const query = trainerQuery({ ...filter, ...order, after }).slice(1);
  return query === "" ? { name: "trainer-grid" } : { name: "trainer-grid", query };
}

// Keyset cursors only go forwards, so the page remembers which cursor led to which for its previous link.
const previousKey = (after: string) => `trainer-grid.previous.${after}`;

type GridData = { grid: GridResponse; summary: GridSummaryResponse; units: { id: string; text: string }[] };

async function loadGrid(filter: Filter, order: Order, after: string | undefined): Promise<ApiResult<GridData>> {
  const filterQuery = trainerQuery(filter);
  const [grid, summary, units] = await Promise.all([
    getGrid(trainerQuery({ ...filter, ...order, after })),
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
  const { filter, after } = readFilter(query);
  const order = readOrder(query);
  const [resource] = useResource(`trainer-grid?${query}`, () => loadGrid(filter, order, after));
  const [sortError, setSortError] = useState<string | null>(null);
  useDocumentTitle("Training records", sortError !== null);
  const nextCursor = resource.state === "ready" ? resource.data.grid.nextCursor : null;
  useEffect(() => {
    if (nextCursor !== null) sessionStorage.setItem(previousKey(nextCursor), after ?? "");
  }, [nextCursor, after]);
  if (resource.state === "loading") return <LoadingPage />;
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  const { grid, summary, units } = resource.data;
  const modules = filter.module === undefined ? grid.modules : grid.modules.filter((m) => m.id === filter.module);
  const previous = after === undefined ? null : sessionStorage.getItem(previousKey(after));

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
    if (MODULE_SORTS.includes(sort as GridSort) && next.module === undefined) {
      setSortError("Choose a module to sort by status, dates or score on it");
      return;
    }
    navigate(gridRoute(next, sort === "name" && direction === "asc" ? {} : { sort, direction }));
  };

  const option = (value: string, text: string) => ({ value, text });
  return (
    <>
      <PageHeading caption="Trainer">Training records</PageHeading>
      {sortError === null ? null : <ErrorSummary errors={[{ text: sortError, href: "#order" }]} />}
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
          items={[
            option("", "Any status"),
            ...GridStatusFilterSchema.options.map((s) => option(s, statusFilterLabels[s])),
          ]}
        />
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
          errorMessage={sortError ?? undefined}
          items={sortOptions.map(({ value, text }) => ({ value, text }))}
        />
        <Button type="submit">Apply filters</Button>
      </form>
      {Object.keys(filter).length === 0 ? null : (
        <p className="govuk-body">
          <Link to={{ name: "trainer-grid" }}>Clear filters</Link>
        </p>
      )}

      <h2 className="govuk-heading-m" id="results">
        {summary.learners === 1 ? "1 person matches" : `${summary.learners.toLocaleString("en-GB")} people match`}
      </h2>
      <p className="govuk-body">
        <a className="govuk-link" href={gridCsvHref(trainerQuery({ ...filter, ...order }))} download>
          Export CSV
          <span className="govuk-visually-hidden"> of the {summary.learners} people matching this filter</span>
        </a>
      </p>
      <p className="govuk-body">
        <Link
          to={{
            name: "trainer-charts",
            ...(Object.keys(filter).length === 0 ? {} : { query: trainerQuery(filter).slice(1) }),
          }}
        >
          Charts for this filter
        </Link>
      </p>
      <p className="govuk-body">
        <Link to={{ name: "trainer-evidence" }}>Evidence against the action plan</Link>
      </p>
      <p className="govuk-body">
        <Link to={{ name: "trainer-assignments" }}>Assignments</Link>
      </p>

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
          after === undefined
            ? undefined
            : previous === null
              ? { ...linkTo(gridRoute(filter, order)), text: "First page" }
              : { ...linkTo(gridRoute(filter, order, previous === "" ? undefined : previous)) }
        }
        next={nextCursor === null ? undefined : { ...linkTo(gridRoute(filter, order, nextCursor)) }}
      />

      <ModuleCountsTable summary={summary} />
    </>
  );
}

function CellStatus({ status, overdue, due }: { status: TrainingStatus; overdue: boolean; due: string | null }) {
  return (
    <>
      <StatusTag status={status} />
      {overdue ? (
        <>
          {" "}
          <Tag colour="red">Overdue</Tag>
        </>
      ) : null}
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
          { content: "Completed", format: "numeric" },
          { content: "Due for renewal", format: "numeric" },
          { content: "Expired", format: "numeric" },
          { content: "In progress", format: "numeric" },
          { content: "Not started", format: "numeric" },
          { content: "Overdue", format: "numeric" },
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
