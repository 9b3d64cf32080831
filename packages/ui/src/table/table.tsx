import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Sort direction of a sortable {@link Table} column, as announced by `aria-sort`. */
export type SortDirection = "ascending" | "descending";

/** The column a {@link Table} is sorted by. */
export interface TableSort {
  key: string;
  direction: SortDirection;
}

/** A header cell of a {@link Table}. */
export interface TableHeadCell {
  content: ReactNode;
  /** Right-aligns numbers so their digits line up. */
  format?: "numeric" | undefined;
  /** Makes the column sortable: the header becomes a button that reports this key. */
  sortKey?: string | undefined;
  className?: string | undefined;
  colSpan?: number | undefined;
  rowSpan?: number | undefined;
}

/** A body cell of a {@link Table}; a bare node is shorthand for `{ content }`. */
export type TableCell =
  | ReactNode
  | {
      content: ReactNode;
      format?: "numeric" | undefined;
      className?: string | undefined;
      colSpan?: number | undefined;
      rowSpan?: number | undefined;
    };

/** Props for {@link Table}. */
export interface TableProps extends Omit<ComponentPropsWithRef<"table">, "children"> {
  /** Describes the table for everyone; GOV.UK asks for one on every table. */
  caption?: ReactNode;
  /** e.g. `govuk-table__caption--m` to size the caption. */
  captionClassName?: string | undefined;
  head?: readonly TableHeadCell[] | undefined;
  rows: readonly (readonly TableCell[])[];
  /** Makes the first cell of each row a row header. */
  firstCellIsHeader?: boolean | undefined;
  /** Stable keys for the rows (e.g. record ids), so React keeps focus and state on re-sort. */
  rowKeys?: readonly string[] | undefined;
  /** The current sort (the table never sorts rows itself: sort the data and pass it in). */
  sort?: TableSort | undefined;
  /** Called with the requested sort when a sortable header is activated. */
  onSortChange?: ((sort: TableSort) => void) | undefined;
}

function isCellObject(cell: TableCell): cell is Exclude<TableCell, ReactNode> {
  return typeof cell === "object" && cell !== null && !Array.isArray(cell) && "content" in cell;
}

/**
 * A GOV.UK table. Columns with a `sortKey` get a button in their header that reports the
 * requested sort through `onSortChange`, and announce the current order with `aria-sort`, the
 * pattern of MoJ's sortable table. Sorting is the caller's: the table shows rows as given.
 *
 * @example
 * ```tsx
 * <Table
 *   caption="Recommendations"
 *   head={[{ content: "Number", sortKey: "number", format: "numeric" }, { content: "Status", sortKey: "status" }]}
 *   rows={sorted.map((r) => [r.number, <Tag>{r.status}</Tag>])}
 *   sort={sort}
 *   onSortChange={setSort}
 * />
 * ```
 */
export function Table({
  caption,
  captionClassName,
  head,
  rows,
  firstCellIsHeader = false,
  rowKeys,
  sort,
  onSortChange,
  className,
  ...rest
}: TableProps) {
  return (
    <table className={classNames("govuk-table", className)} {...rest}>
      {caption !== undefined && (
        <caption className={classNames("govuk-table__caption", captionClassName)}>{caption}</caption>
      )}
      {head && (
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((cell, index) => {
              const sortable = cell.sortKey !== undefined;
              const direction =
                sortable && sort !== undefined && sort.key === cell.sortKey ? sort.direction : undefined;
              return (
                <th
                  key={cell.sortKey ?? index}
                  scope="col"
                  className={classNames(
                    "govuk-table__header",
                    cell.format === "numeric" && "govuk-table__header--numeric",
                    cell.className,
                  )}
                  colSpan={cell.colSpan}
                  rowSpan={cell.rowSpan}
                  aria-sort={sortable ? (direction ?? "none") : undefined}
                >
                  {sortable ? (
                    <button
                      type="button"
                      className="srt-table__sort-button"
                      data-direction={direction}
                      onClick={() =>
                        onSortChange?.({
                          key: cell.sortKey ?? "",
                          direction: direction === "ascending" ? "descending" : "ascending",
                        })
                      }
                    >
                      {cell.content}
                    </button>
                  ) : (
                    cell.content
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
      )}
      <tbody className="govuk-table__body">
        {rows.map((row, rowIndex) => (
          <tr key={rowKeys?.[rowIndex] ?? rowIndex} className="govuk-table__row">
            {row.map((cell, cellIndex) => {
              const {
                content,
                format,
                className: cellClass,
                colSpan,
                rowSpan,
              } = isCellObject(cell)
                ? cell
                : { content: cell, format: undefined, className: undefined, colSpan: undefined, rowSpan: undefined };
              if (cellIndex === 0 && firstCellIsHeader) {
                return (
                  <th
                    key={cellIndex}
                    scope="row"
                    className={classNames("govuk-table__header", cellClass)}
                    colSpan={colSpan}
                    rowSpan={rowSpan}
                  >
                    {content}
                  </th>
                );
              }
              return (
                <td
                  key={cellIndex}
                  className={classNames(
                    "govuk-table__cell",
                    format === "numeric" && "govuk-table__cell--numeric",
                    cellClass,
                  )}
                  colSpan={colSpan}
                  rowSpan={rowSpan}
                >
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
