import type { CompletionChartSeries } from "./completion-chart";

interface ChartDataTableProps {
  readonly display: "details" | "visible";
  readonly caption: string;
  readonly categoryLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly CompletionChartSeries[];
  readonly formatValue: (value: number) => string;
}

/** The chart's numbers as a table: one row per category, one column per series. */
export function ChartDataTable({
  display,
  caption,
  categoryLabel,
  categories,
  series,
  formatValue,
}: ChartDataTableProps) {
  const table = (
    <table className="govuk-table srt-chart__table">
      <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            {categoryLabel}
          </th>
          {series.map((s) => (
            <th key={s.name} scope="col" className="govuk-table__header govuk-table__header--numeric">
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {categories.map((category, index) => (
          <tr key={category} className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {category}
            </th>
            {series.map((s) => {
              const value = s.values[index];
              return (
                <td key={s.name} className="govuk-table__cell govuk-table__cell--numeric">
                  {value !== undefined && Number.isFinite(value) ? formatValue(value) : "No data"}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (display === "visible") return table;
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Show data as a table</span>
      </summary>
      <div className="govuk-details__text">{table}</div>
    </details>
  );
}
