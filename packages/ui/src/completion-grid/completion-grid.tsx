import {
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  type UIEvent,
} from "react";
import { classNames } from "../internal/class-names";
import { Tag } from "../tag/tag";
import { TextInput } from "../text-input/text-input";
import { completionStatusLabels, completionStatusTagColours, type CompletionStatus } from "./completion-status";
import { nextGridPosition, scrollTopToReveal, visibleRowRange, type GridPosition } from "./grid-navigation";

/** A module as a column of the grid. */
export interface CompletionGridModule {
  /** Stable id; the key into {@link CompletionGridRow.statuses} and the sort column. */
  readonly id: string;
  readonly title: string;
}

/** One learner as a row of the grid. */
export interface CompletionGridRow {
  readonly id: string;
  readonly name: string;
  /** Status per module id. A module missing here is shown as not started. */
  readonly statuses: Readonly<Record<string, CompletionStatus>>;
}

/** The column the rows are sorted by (`"learner"` or a module id) and the direction. */
export interface CompletionGridSort {
  readonly column: string;
  readonly direction: "ascending" | "descending";
}

/** Props for {@link CompletionGrid}. Rows arrive already filtered and sorted: the grid never reorders them. */
export interface CompletionGridProps extends Omit<ComponentPropsWithRef<"div">, "children"> {
  /** Names the grid for assistive technology and sighted users. */
  readonly caption: string;
  readonly modules: readonly CompletionGridModule[];
  readonly rows: readonly CompletionGridRow[];
  /** The current sort, shown with `aria-sort`. */
  readonly sort?: CompletionGridSort | undefined;
  /** Makes column headers sort buttons; the host re-sorts (or re-fetches) and passes new rows. */
  readonly onSortChange?: ((sort: CompletionGridSort) => void) | undefined;
  /**
   * The learner-name filter as typed. The host filters (often on the server) and passes the
   * matching rows; the grid only shows the box and announces how many rows match.
   */
  readonly filter?: string | undefined;
  /** Shows the filter box; called with each change of its text. */
  readonly onFilterChange?: ((filter: string) => void) | undefined;
  /** Makes each learner's name a link, for example to their record. */
  readonly getLearnerHref?: ((row: CompletionGridRow) => string) | undefined;
  /** Heading of the learner column. */
  readonly learnerHeader?: string | undefined;
  /** Shown in place of rows when there are none. */
  readonly emptyMessage?: ReactNode;
  /** Height of the scrolling area in CSS pixels. */
  readonly height?: number | undefined;
  /** Height of every body row in CSS pixels; fixed so rows can be windowed without measuring. */
  readonly rowHeight?: number | undefined;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  readonly overscan?: number | undefined;
}

const DEFAULT_HEIGHT = 480;
const DEFAULT_ROW_HEIGHT = 48;
const DEFAULT_OVERSCAN = 8;

const cellKey = (position: GridPosition): string => `${position.row}:${position.col}`;

const cellProps = (row: number, col: number, activeCol: number | null) => ({
  "data-grid-cell": cellKey({ row, col }),
  tabIndex: activeCol === col ? 0 : -1,
});

interface GridRowProps {
  row: CompletionGridRow;
  position: number;
  modules: readonly CompletionGridModule[];
  href: string | undefined;
  /** The column holding the tab stop when it is in this row. */
  activeCol: number | null;
}

// Memoised so a keystroke re-renders only the row the tab stop leaves and the one it enters.
const GridRow = memo(function GridRow({ row, position, modules, href, activeCol }: GridRowProps) {
  return (
    <tr className="govuk-table__row" aria-rowindex={position + 1}>
      <th
        scope="row"
        className="govuk-table__header srt-completion-grid__learner"
        {...(href === undefined ? cellProps(position, 0, activeCol) : {})}
      >
        {href === undefined ? (
          row.name
        ) : (
          <a className="govuk-link" href={href} {...cellProps(position, 0, activeCol)}>
            {row.name}
          </a>
        )}
      </th>
      {modules.map((module, moduleIndex) => {
        const status = row.statuses[module.id] ?? "not-started";
        return (
          <td
            key={module.id}
            role="gridcell"
            className="govuk-table__cell srt-completion-grid__cell"
            {...cellProps(position, moduleIndex + 1, activeCol)}
          >
            <Tag colour={completionStatusTagColours[status]}>{completionStatusLabels[status]}</Tag>
          </td>
        );
      })}
    </tr>
  );
});

/**
 * Learners × modules completion grid for trainers: every status cell says its status in words,
 * headers stay in view while scrolling, and the grid follows the WAI-ARIA grid pattern (one tab
 * stop, then arrow keys, Home/End, Ctrl+Home/End and Page Up/Down). Only the rows in view are in
 * the DOM, so 10,000 learners render as quickly as 20.
 *
 * @example
 * <CompletionGrid caption="Module completion" modules={modules} rows={rows}
 *   sort={sort} onSortChange={setSort} />
 */
export function CompletionGrid({
  caption,
  modules,
  rows,
  sort,
  onSortChange,
  filter,
  onFilterChange,
  getLearnerHref,
  learnerHeader = "Learner",
  emptyMessage = "No learners to show.",
  height = DEFAULT_HEIGHT,
  rowHeight = DEFAULT_ROW_HEIGHT,
  overscan = DEFAULT_OVERSCAN,
  className,
  style,
  ...rest
}: CompletionGridProps) {
  const captionId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const headerHeight = useRef(0);
  const focusPending = useRef(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });

  const colCount = modules.length + 1;
  const rowCount = rows.length + 1;
  // A stored offset can outlive the rows it was for (a filter shrinks them before the browser
  // reports the clamped scroll), so never window past the end. Ignoring the header's height here
  // only widens the window by a row or two.
  const maxScrollTop = Math.max(0, rows.length * rowHeight - height);
  const windowTop = Math.min(scrollTop, maxScrollTop);
  const { start, end } = visibleRowRange(windowTop, height, rowHeight, rows.length, overscan);

  // The tab stop must always be a rendered cell: when mouse scrolling (or new rows) leaves the
  // active row outside the window, the nearest rendered row takes the tab stop instead.
  const current: GridPosition = {
    row: active.row === 0 || rows.length === 0 ? 0 : Math.min(Math.max(active.row, start + 1), end),
    col: Math.min(active.col, colCount - 1),
  };

  useLayoutEffect(() => {
    headerHeight.current = headRef.current?.offsetHeight ?? 0;
    if (!focusPending.current) return;
    focusPending.current = false;
    scrollerRef.current?.querySelector<HTMLElement>(`[data-grid-cell="${cellKey(current)}"]`)?.focus();
  });

  const moveTo = useCallback(
    (next: GridPosition) => {
      if (next.row > 0) {
        const target = scrollTopToReveal(next.row - 1, windowTop, height, rowHeight, headerHeight.current);
        if (target !== windowTop) {
          if (scrollerRef.current) scrollerRef.current.scrollTop = target;
          setScrollTop(target);
        }
      }
      focusPending.current = true;
      setActive(next);
    },
    [windowTop, height, rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const pageSize = Math.max(1, Math.floor((height - headerHeight.current) / rowHeight));
    const next = nextGridPosition(current, event, { rowCount: rows.length === 0 ? 1 : rowCount, colCount, pageSize });
    if (!next) return;
    event.preventDefault();
    moveTo(next);
  };

  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const cell = event.target.closest<HTMLElement>("[data-grid-cell]");
    const [row, col] = (cell?.dataset.gridCell ?? "").split(":").map(Number);
    if (row === undefined || col === undefined || Number.isNaN(row) || Number.isNaN(col)) return;
    if (row !== active.row || col !== active.col) setActive({ row, col });
  };

  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);

  const focusProps = (position: GridPosition) => ({
    "data-grid-cell": cellKey(position),
    tabIndex: position.row === current.row && position.col === current.col ? 0 : -1,
  });

  const sortDirection = (column: string) =>
    sort?.column === column ? sort.direction : onSortChange ? ("none" as const) : undefined;

  const headerCell = (column: string, title: string, col: number) => {
    const direction = sortDirection(column);
    const position = { row: 0, col };
    return (
      <th
        key={column}
        scope="col"
        className="govuk-table__header srt-completion-grid__header"
        aria-sort={direction}
        {...(onSortChange ? {} : focusProps(position))}
      >
        {onSortChange ? (
          <button
            type="button"
            className="srt-completion-grid__sort"
            {...focusProps(position)}
            onClick={() =>
              onSortChange({
                column,
                direction: sort?.column === column && sort.direction === "ascending" ? "descending" : "ascending",
              })
            }
          >
            {title}
            <span aria-hidden="true" className="srt-completion-grid__sort-icon">
              {direction === "ascending" ? " ▲" : direction === "descending" ? " ▼" : " ⇅"}
            </span>
          </button>
        ) : (
          title
        )}
      </th>
    );
  };

  const bodyRows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    const row = rows[index];
    if (!row) continue;
    const position = index + 1;
    bodyRows.push(
      <GridRow
        key={row.id}
        row={row}
        position={position}
        modules={modules}
        href={getLearnerHref?.(row)}
        activeCol={current.row === position ? current.col : null}
      />,
    );
  }

  const gridStyle = {
    "--srt-completion-grid-row-height": `${rowHeight}px`,
    "--srt-completion-grid-columns": modules.length,
  } as CSSProperties;

  return (
    <div className={classNames("srt-completion-grid", className)} style={style} {...rest}>
      {onFilterChange && (
        <TextInput
          id={`${captionId}-filter`}
          label="Filter learners by name"
          type="search"
          autoComplete="off"
          spellCheck={false}
          className="govuk-!-width-one-half"
          value={filter ?? ""}
          onChange={(event) => onFilterChange(event.target.value)}
        />
      )}
      <p className="govuk-body srt-completion-grid__count" role="status">
        {rows.length === 1 ? "1 learner" : `${rows.length.toLocaleString("en-GB")} learners`}
      </p>
      <div
        ref={scrollerRef}
        className="srt-completion-grid__scroller"
        style={{ maxHeight: `${height}px` }}
        onScroll={onScroll}
      >
        <table
          role="grid"
          className="govuk-table srt-completion-grid__table"
          style={gridStyle}
          aria-labelledby={captionId}
          aria-rowcount={rows.length === 0 ? 2 : rowCount}
          aria-colcount={colCount}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <caption id={captionId} className="govuk-table__caption govuk-table__caption--m">
            {caption}
          </caption>
          <thead ref={headRef} className="govuk-table__head">
            <tr className="govuk-table__row" aria-rowindex={1}>
              {headerCell("learner", learnerHeader, 0)}
              {modules.map((module, index) => headerCell(module.id, module.title, index + 1))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.length === 0 ? (
              <tr className="govuk-table__row" aria-rowindex={2}>
                <td className="govuk-table__cell" colSpan={colCount}>
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              <>
                {start > 0 && (
                  <tr aria-hidden="true" className="srt-completion-grid__spacer">
                    <td colSpan={colCount} style={{ height: `${start * rowHeight}px` }} />
                  </tr>
                )}
                {bodyRows}
                {end < rows.length && (
                  <tr aria-hidden="true" className="srt-completion-grid__spacer">
                    <td colSpan={colCount} style={{ height: `${(rows.length - end) * rowHeight}px` }} />
                  </tr>
                )}
              </>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
