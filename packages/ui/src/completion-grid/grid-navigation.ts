/** A cell position in a grid: row 0 is the header row, column 0 the row-header column. */
export interface GridPosition {
  readonly row: number;
  readonly col: number;
}

/** What the key handler needs to know about the grid to move within it. */
export interface GridBounds {
  /** Rows including the header row. */
  readonly rowCount: number;
  readonly colCount: number;
  /** How many rows one Page Up or Page Down moves. */
  readonly pageSize: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * The cell a key moves to under the WAI-ARIA grid pattern, or `undefined` when the key is not a
 * grid navigation key (so the caller leaves it alone and, for example, Enter still activates a button).
 */
export function nextGridPosition(
  from: GridPosition,
  key: { key: string; ctrlKey: boolean; metaKey: boolean },
  bounds: GridBounds,
): GridPosition | undefined {
  const lastRow = bounds.rowCount - 1;
  const lastCol = bounds.colCount - 1;
  const toCorner = key.ctrlKey || key.metaKey;
  let next: GridPosition;
  switch (key.key) {
    case "ArrowRight":
      next = { row: from.row, col: from.col + 1 };
      break;
    case "ArrowLeft":
      next = { row: from.row, col: from.col - 1 };
      break;
    case "ArrowDown":
      next = { row: from.row + 1, col: from.col };
      break;
    case "ArrowUp":
      next = { row: from.row - 1, col: from.col };
      break;
    case "Home":
      next = toCorner ? { row: 0, col: 0 } : { row: from.row, col: 0 };
      break;
    case "End":
      next = toCorner ? { row: lastRow, col: lastCol } : { row: from.row, col: lastCol };
      break;
    case "PageDown":
      next = { row: from.row + bounds.pageSize, col: from.col };
      break;
    case "PageUp":
      next = { row: from.row - bounds.pageSize, col: from.col };
      break;
    default:
      return undefined;
  }
  return { row: clamp(next.row, 0, lastRow), col: clamp(next.col, 0, lastCol) };
}

/** The rows to render for a scroll offset: the visible ones plus `overscan` either side. */
export function visibleRowRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan: number,
): { start: number; end: number } {
  const start = clamp(Math.floor(scrollTop / rowHeight) - overscan, 0, rowCount);
  const end = clamp(Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan, start, rowCount);
  return { start, end };
}

/**
 * The scroll offset that shows body row `index` whole below a sticky header of `headerHeight`,
 * moving as little as possible (WCAG 2.4.11: focus must not hide under the sticky header).
 */
export function scrollTopToReveal(
  index: number,
  current: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = headerHeight + (index + 1) * rowHeight;
  if (top < current) return top;
  if (bottom > current + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return current;
}
