import {
  summarisePlan,
  summaryStatuses,
  themeNames,
  themes,
  type ActionPlan,
  type Addressee,
  type IsoDate,
  type RecommendationProgress,
  type SummaryStatus,
  type Theme,
} from "@stalking-response/recommendations";
import { useId, useMemo, type ComponentPropsWithRef } from "react";
import { Button } from "../button/button";
import { formatCalendarDate } from "../internal/dates";
import { classNames } from "../internal/class-names";
import { Select } from "../select/select";
import { Table } from "../table/table";
import { Tag } from "../tag/tag";
import { planStatusLabels, planStatusTagColours } from "./action-plan-status";

/** The filters shown above the table. `overdue` selects recommendations with anything past its deadline. */
export interface ActionPlanFilters {
  readonly theme: Theme | "all";
  readonly status: SummaryStatus | "overdue" | "all";
}

/** No filtering: every recommendation in scope. */
export const noActionPlanFilters: ActionPlanFilters = { theme: "all", status: "all" };

/** Props for {@link ActionPlanTable}. */
export interface ActionPlanTableProps extends Omit<ComponentPropsWithRef<"div">, "children"> {
  readonly plan: ActionPlan;
  /** The day deadlines are judged against (`YYYY-MM-DD`), usually today; passed in so the table is repeatable. */
  readonly asOf: IsoDate;
  /** Whose recommendations the plan answers; chief constables unless stated. */
  readonly addressee?: Addressee | undefined;
  readonly filters: ActionPlanFilters;
  readonly onFiltersChange: (filters: ActionPlanFilters) => void;
  /** Links each recommendation, for example to its page in the app. */
  readonly getRecommendationHref?: ((progress: RecommendationProgress) => string) | undefined;
}

/**
 * The recommendations that match the filters, in report order. Exported so a server that pages
 * the table can filter exactly as the component does.
 */
export function filterRecommendationProgress(
  progress: readonly RecommendationProgress[],
  filters: ActionPlanFilters,
): RecommendationProgress[] {
  return progress.filter(
    (rec) =>
      (filters.theme === "all" || rec.recommendation.themes.includes(filters.theme)) &&
      (filters.status === "all" || (filters.status === "overdue" ? rec.overdue : rec.status === filters.status)),
  );
}

const themeItems = [
  { value: "all", text: "All themes" },
  ...themes.map((theme) => ({ value: theme, text: themeNames[theme] })),
];
const statusItems = [
  { value: "all", text: "All statuses" },
  { value: "overdue", text: "Overdue" },
  ...summaryStatuses.map((status) => ({ value: status, text: planStatusLabels[status] })),
];

const isTheme = (value: string): value is Theme => (themes as readonly string[]).includes(value);
const isStatus = (value: string): value is SummaryStatus => (summaryStatuses as readonly string[]).includes(value);

/** The newest dated progress update of any item, as of the table's date (a later one is not yet known then). */
export function latestUpdateOf(rec: RecommendationProgress, asOf: IsoDate) {
  let latest: { id: string; date: string; status: SummaryStatus } | undefined;
  for (const item of rec.items) {
    const update = item.latestUpdate;
    if (update && update.date <= asOf && (latest === undefined || update.date > latest.date)) {
      latest = { id: item.id, date: update.date, status: update.status };
    }
  }
  return latest;
}

function earliestDeadline(rec: RecommendationProgress): string | undefined {
  const dates = rec.items.flatMap((item) => (item.deadline ? [item.deadline.date] : [])).sort();
  return dates[0];
}

/**
 * A force's action plan as a table of recommendations: rolled-up status in words, an "Overdue"
 * flag judged on `asOf`, the latest dated progress update up to `asOf`, the earliest deadline, and theme
 * and status filters. The filters are
 * controlled, so the host can keep them in the address bar; changes are announced with the count.
 *
 * @throws RangeError when `asOf` is not a real `YYYY-MM-DD` date, rather than judge deadlines wrongly.
 *
 * @example
 * const [filters, setFilters] = useState(noActionPlanFilters);
 * <ActionPlanTable plan={essexActionPlan} asOf="2025-04-01" filters={filters} onFiltersChange={setFilters} />
 */
export function ActionPlanTable({
  plan,
  asOf,
  addressee,
  filters,
  onFiltersChange,
  getRecommendationHref,
  className,
  ...rest
}: ActionPlanTableProps) {
  const id = useId();
  const asOfText = formatCalendarDate(asOf);
  if (asOfText === undefined) {
    throw new RangeError(`ActionPlanTable: asOf must be a calendar date as YYYY-MM-DD, got "${asOf}"`);
  }
  const summary = useMemo(
    () => summarisePlan(plan, addressee === undefined ? { asOf } : { asOf, addressee }),
    [plan, asOf, addressee],
  );
  const shown = filterRecommendationProgress(summary.recommendations, filters);
  const total = summary.recommendations.length;
  const filtered = filters.theme !== "all" || filters.status !== "all";

  return (
    <div className={classNames("srt-action-plan", className)} {...rest}>
      <div className="srt-action-plan__filters">
        <Select
          id={`${id}-theme`}
          label="Theme"
          items={themeItems}
          value={filters.theme}
          onChange={(event) => {
            const value = event.target.value;
            onFiltersChange({ ...filters, theme: isTheme(value) ? value : "all" });
          }}
        />
        <Select
          id={`${id}-status`}
          label="Status"
          items={statusItems}
          value={filters.status}
          onChange={(event) => {
            const value = event.target.value;
            onFiltersChange({ ...filters, status: value === "overdue" || isStatus(value) ? value : "all" });
          }}
        />
      </div>
      <p className="govuk-body" role="status">
        {filtered ? `Showing ${shown.length} of ${total} recommendations` : `Showing all ${total} recommendations`}
      </p>
      <Table
        className="srt-action-plan__table"
        caption={`${plan.force} action plan: progress as of ${asOfText}`}
        captionClassName="govuk-table__caption--m"
        head={[{ content: "Recommendation" }, { content: "Themes" }, { content: "Status" }, { content: "Deadline" }]}
        firstCellIsHeader={shown.length > 0}
        rowKeys={shown.length === 0 ? ["none"] : shown.map((rec) => String(rec.number))}
        rows={
          shown.length === 0
            ? [
                [
                  {
                    colSpan: 4,
                    content: (
                      <>
                        <p className="govuk-body">No recommendations match these filters.</p>
                        <Button type="button" variant="secondary" onClick={() => onFiltersChange(noActionPlanFilters)}>
                          Clear filters
                        </Button>
                      </>
                    ),
                  },
                ],
              ]
            : shown.map((rec) => {
                const href = getRecommendationHref?.(rec);
                const name = `Recommendation ${rec.number}`;
                const deadline = earliestDeadline(rec);
                const overdueIds = rec.items.filter((item) => item.overdue).map((item) => item.id);
                const update = latestUpdateOf(rec, asOf);
                return [
                  {
                    className: "srt-action-plan__recommendation",
                    content: (
                      <>
                        {href === undefined ? (
                          name
                        ) : (
                          <a className="govuk-link" href={href}>
                            {name}
                          </a>
                        )}{" "}
                        <span className="govuk-body-s srt-action-plan__title">
                          {rec.recommendation.confirmed ? rec.recommendation.title : "Wording not confirmed"}
                        </span>
                      </>
                    ),
                  },
                  rec.recommendation.themes.length === 0
                    ? "Not recorded"
                    : rec.recommendation.themes.map((theme) => themeNames[theme]).join(", "),
                  <>
                    <Tag colour={planStatusTagColours[rec.status]}>{planStatusLabels[rec.status]}</Tag>
                    {rec.overdue && (
                      <>
                        {" "}
                        <Tag colour="red">Overdue</Tag>
                        <span className="govuk-body-s srt-action-plan__overdue">
                          Past deadline: {overdueIds.join(", ")}
                        </span>
                      </>
                    )}
                    {update && (
                      <span className="govuk-body-s srt-action-plan__update">
                        Latest update: {formatCalendarDate(update.date) ?? update.date} ({update.id},{" "}
                        {planStatusLabels[update.status].toLowerCase()})
                      </span>
                    )}
                  </>,
                  deadline === undefined ? "Not known" : (formatCalendarDate(deadline) ?? deadline),
                ];
              })
        }
      />
    </div>
  );
}
