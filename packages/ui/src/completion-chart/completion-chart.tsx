import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { classNames } from "../internal/class-names";
import { valueScale } from "./chart-scale";
import { ChartDataTable } from "./chart-data-table";

/** One named run of values, one per category (a missing or non-finite value is a gap). */
export interface CompletionChartSeries {
  readonly name: string;
  readonly values: readonly number[];
  /**
   * Which of the four series styles (colour, fill pattern, line dash and marker) to draw with. Give a measure
   * the same style in every chart, so "Overdue" looks the same wherever it appears; without it, series take the
   * styles in order.
   */
  readonly style?: 0 | 1 | 2 | 3 | undefined;
}

/** Props for {@link CompletionChart}. */
export interface CompletionChartProps extends Omit<ComponentPropsWithRef<"figure">, "children" | "title"> {
  /** Bars compare categories (modules, teams); a line shows change over ordered categories (weeks). */
  readonly kind: "bar" | "line";
  /** What the chart shows; it names the figure, the SVG and the data table. */
  readonly title: string;
  /** The point of the chart in a sentence, e.g. "Completion rose from 40% to 85% over six weeks". */
  readonly description: string;
  /** Names the categories: the x-axis title and the data table's first column. */
  readonly categoryLabel: string;
  /** Names the values: the y-axis title. */
  readonly valueLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly CompletionChartSeries[];
  /** Top of the value axis, e.g. 100 for percentages; otherwise a round number above the data. */
  readonly maxValue?: number | undefined;
  /** Writes a value for labels and the table, e.g. `(v) => \`${v}%\``. */
  readonly formatValue?: ((value: number) => string) | undefined;
  /** `details` hides the data table behind "Show data as a table"; `visible` always shows it. */
  readonly dataTable?: "details" | "visible" | undefined;
  /** Shown instead of the chart when there is nothing to plot. */
  readonly emptyMessage?: ReactNode;
}

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 16, bottom: 64, left: 72 } as const;
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Average glyph width at the 14px label size, for fitting category names under their band. */
const LABEL_CHAR_WIDTH = 7.5;

// Series differ by shape and line pattern as well as colour (WCAG 1.4.1), up to four apart.
const DASHES = [undefined, "10 5", "3 4", "14 4 3 4"] as const;
const MARKERS = ["circle", "square", "triangle", "diamond"] as const;
type Marker = (typeof MARKERS)[number];

const defaultFormat = (value: number) => value.toLocaleString("en-GB");
const isValue = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

/**
 * A category name in at most two lines that fit its band, broken between words; only a name that still does
 * not fit is shortened, at the end of its second line. (Cutting "North Command" and "North Team" each to
 * "North …" made two bars read the same.)
 */
export function labelLines(label: string, width: number): string[] {
  const max = Math.max(3, Math.floor(width / LABEL_CHAR_WIDTH));
  if (label.length <= max) return [label];
  const words = label.split(/\s+/);
  let first = "";
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= max) first = `${first} ${words.shift()}`.trim();
  // A first word longer than the band is split where the band ends.
  if (first === "") {
    first = label.slice(0, max);
    words.splice(0, words.length, ...label.slice(max).trim().split(/\s+/));
  }
  const rest = words.join(" ");
  if (rest === "") return [first];
  return [first, rest.length <= max ? rest : `${rest.slice(0, max - 1)}…`];
}

/** The style a series draws with: its own, else its place in the list. */
const styleOf = (series: CompletionChartSeries, index: number): number => series.style ?? index % 4;

function markerPath(marker: Marker, x: number, y: number, size = 5): string {
  switch (marker) {
    case "circle":
      return `M ${x - size} ${y} a ${size} ${size} 0 1 0 ${size * 2} 0 a ${size} ${size} 0 1 0 ${-size * 2} 0`;
    case "square":
      return `M ${x - size} ${y - size} h ${size * 2} v ${size * 2} h ${-size * 2} Z`;
    case "triangle":
      return `M ${x} ${y - size * 1.2} L ${x + size * 1.2} ${y + size} L ${x - size * 1.2} ${y + size} Z`;
    case "diamond":
      return `M ${x} ${y - size * 1.3} L ${x + size * 1.3} ${y} L ${x} ${y + size * 1.3} L ${x - size * 1.3} ${y} Z`;
  }
}

function SeriesPattern({ id, index }: { id: string; index: number }) {
  const series = `srt-chart__series--${index % 4}`;
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" className={`srt-chart__fill ${series}`} />
      {index % 4 === 1 && <line x1="0" y1="0" x2="0" y2="8" className="srt-chart__hatch" strokeWidth="3" />}
      {index % 4 === 2 && <circle cx="4" cy="4" r="1.6" className="srt-chart__dot" />}
      {index % 4 === 3 && <path d="M 0 4 H 8 M 4 0 V 8" className="srt-chart__hatch" strokeWidth="2" fill="none" />}
    </pattern>
  );
}

function LegendSwatch({ kind, index, patternId }: { kind: "bar" | "line"; index: number; patternId: string }) {
  const series = `srt-chart__series--${index % 4}`;
  return (
    <svg className="srt-chart__swatch" width="32" height="16" viewBox="0 0 32 16" aria-hidden="true" focusable="false">
      {kind === "bar" ? (
        <rect x="4" y="1" width="24" height="14" fill={`url(#${patternId})`} className="srt-chart__bar-outline" />
      ) : (
        <>
          <line
            x1="0"
            y1="8"
            x2="32"
            y2="8"
            className={`srt-chart__line ${series}`}
            strokeDasharray={DASHES[index % 4]}
          />
          <path d={markerPath(MARKERS[index % 4] ?? "circle", 16, 8)} className={`srt-chart__marker ${series}`} />
        </>
      )}
    </svg>
  );
}

/**
 * A bar or line chart for completion figures, drawn as SVG with a `<title>` and `<desc>`, and
 * always paired with the same numbers as a data table: the chart is for seeing a shape, the table
 * is for reading values and for anyone who cannot see the chart. Series are told apart by fill
 * pattern, dash and marker shape, never by colour alone.
 *
 * @example
 * <CompletionChart kind="line" title="Completion by week" description="Completion rose to 85%."
 *   categoryLabel="Week" valueLabel="Completed (%)" categories={["1", "2"]} maxValue={100}
 *   series={[{ name: "All learners", values: [40, 85] }]} formatValue={(v) => `${v}%`} />
 */
export function CompletionChart({
  kind,
  title,
  description,
  categoryLabel,
  valueLabel,
  categories,
  series,
  maxValue,
  formatValue = defaultFormat,
  dataTable = "details",
  emptyMessage = "No data to show yet.",
  className,
  ...rest
}: CompletionChartProps) {
  // React's ids contain characters that are awkward inside url(#…) references.
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const captionId = `${uid}-caption`;
  const patternId = (index: number) => `${uid}-pattern-${index}`;
  const hasData = categories.length > 0 && series.some((s) => s.values.some(isValue));

  const figureClass = classNames("srt-chart", className);
  const caption = (
    <figcaption className="srt-chart__caption">
      <span id={captionId} className="govuk-heading-s srt-chart__title">
        {title}
      </span>
      <span className="govuk-body srt-chart__description">{description}</span>
    </figcaption>
  );

  if (!hasData) {
    return (
      <figure className={figureClass} aria-labelledby={captionId} {...rest}>
        {caption}
        <p className="govuk-body srt-chart__empty">{emptyMessage}</p>
      </figure>
    );
  }

  const scale = valueScale(
    series.flatMap((s) => s.values),
    maxValue,
  );
  const band = PLOT_WIDTH / categories.length;
  const y = (value: number) => MARGIN.top + PLOT_HEIGHT - (Math.min(value, scale.max) / scale.max) * PLOT_HEIGHT;
  const bandStart = (index: number) => MARGIN.left + band * index;
  const barWidth = (band * 0.8) / series.length;

  const bars = series.flatMap((s, seriesIndex) =>
    categories.flatMap((category, index) => {
      const value = s.values[index];
      if (!isValue(value)) return [];
      const x = bandStart(index) + band * 0.1 + barWidth * seriesIndex;
      const top = y(Math.max(0, value));
      return [
        <g key={`${s.name}-${category}`}>
          <rect
            x={x}
            y={top}
            width={barWidth}
            height={MARGIN.top + PLOT_HEIGHT - top}
            fill={`url(#${patternId(seriesIndex)})`}
            className="srt-chart__bar-outline"
          />
          {barWidth >= 28 && (
            <text x={x + barWidth / 2} y={top - 4} textAnchor="middle" className="srt-chart__value">
              {formatValue(value)}
            </text>
          )}
        </g>,
      ];
    }),
  );

  const lines = series.map((s, seriesIndex) => {
    const points = categories.map((_, index) => {
      const value = s.values[index];
      return isValue(value) ? { x: bandStart(index) + band / 2, y: y(value) } : undefined;
    });
    // A gap in the data is a gap in the line, not a slope drawn across missing weeks.
    const d = points
      .map((point, index) => (point ? `${points[index - 1] ? "L" : "M"} ${point.x} ${point.y}` : ""))
      .join(" ");
    const style = styleOf(s, seriesIndex);
    const seriesClass = `srt-chart__series--${style}`;
    const marker = MARKERS[style] ?? "circle";
    return (
      <g key={s.name}>
        <path d={d} className={`srt-chart__line ${seriesClass}`} strokeDasharray={DASHES[style]} />
        {points.map((point, index) =>
          point ? (
            <path key={index} d={markerPath(marker, point.x, point.y)} className={`srt-chart__marker ${seriesClass}`} />
          ) : null,
        )}
      </g>
    );
  });

  return (
    <figure className={figureClass} aria-labelledby={captionId} {...rest}>
      {caption}
      {series.length > 1 && (
        <ul className="srt-chart__legend" aria-label="Key">
          {series.map((s, index) => (
            <li key={s.name} className="srt-chart__legend-item">
              <LegendSwatch kind={kind} index={styleOf(s, index)} patternId={patternId(index)} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <svg
        className="srt-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        focusable="false"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        <defs>
          {series.map((s, index) => (
            <SeriesPattern key={s.name} id={patternId(index)} index={styleOf(s, index)} />
          ))}
        </defs>
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="srt-chart__grid" />
            <text
              x={MARGIN.left - 8}
              y={y(tick)}
              textAnchor="end"
              dominantBaseline="middle"
              className="srt-chart__tick"
            >
              {formatValue(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, index) => (
          <text
            key={category}
            x={bandStart(index) + band / 2}
            y={MARGIN.top + PLOT_HEIGHT + 20}
            textAnchor="middle"
            className="srt-chart__tick"
          >
            {labelLines(category, band).map((line, lineIndex) => (
              <tspan key={lineIndex} x={bandStart(index) + band / 2} dy={lineIndex === 0 ? 0 : 16}>
                {line}
              </tspan>
            ))}
          </text>
        ))}
        <text x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 8} textAnchor="middle" className="srt-chart__axis-title">
          {categoryLabel}
        </text>
        <text
          x={-(MARGIN.top + PLOT_HEIGHT / 2)}
          y={16}
          transform="rotate(-90)"
          textAnchor="middle"
          className="srt-chart__axis-title"
        >
          {valueLabel}
        </text>
        {kind === "bar" ? bars : lines}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + PLOT_HEIGHT}
          y2={MARGIN.top + PLOT_HEIGHT}
          className="srt-chart__axis"
        />
      </svg>
      <ChartDataTable
        display={dataTable}
        caption={title}
        categoryLabel={categoryLabel}
        categories={categories}
        series={series}
        formatValue={formatValue}
      />
    </figure>
  );
}
