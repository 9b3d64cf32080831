import { Details } from "../details/details";
import { Table } from "../table/table";
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
    <Table
      className="srt-chart__table"
      caption={caption}
      captionClassName="govuk-table__caption--s"
      head={[{ content: categoryLabel }, ...series.map((s) => ({ content: s.name, format: "numeric" as const }))]}
      firstCellIsHeader
      rowKeys={categories}
      rows={categories.map((category, index) => [
        category,
        ...series.map((s) => {
          const value = s.values[index];
          return {
            content: value !== undefined && Number.isFinite(value) ? formatValue(value) : "No data",
            format: "numeric" as const,
          };
        }),
      ])}
    />
  );
  return display === "visible" ? table : <Details summary="Show data as a table">{table}</Details>;
}
