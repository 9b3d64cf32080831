import { useId } from "react";
import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link ProgressBar}. */
export interface ProgressBarProps extends Omit<ComponentPropsWithRef<"div">, "children"> {
  /** What is progressing, e.g. "Modules completed"; names the progress bar. */
  label: ReactNode;
  value: number;
  /** Defaults to 100. */
  max?: number | undefined;
  /**
   * How the value is read out and shown, e.g. "3 of 5 modules"; defaults to a percentage.
   * Always shown as text, so the bar's length is never the only way to read progress.
   */
  valueText?: string | undefined;
}

/**
 * A labelled progress bar (`role="progressbar"` with `aria-valuenow`, `aria-valuemin`,
 * `aria-valuemax` and `aria-valuetext`). GOV.UK Frontend has no progress bar, so this one is
 * drawn with its colours and spacing; values outside 0…max are clamped.
 *
 * @example
 * ```tsx
 * <ProgressBar label="Course progress" value={3} max={5} valueText="3 of 5 modules completed" />
 * ```
 */
export function ProgressBar({ label, value, max = 100, valueText, className, ...rest }: ProgressBarProps) {
  const labelId = useId();
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const percent = Math.round((clamped / safeMax) * 100);
  const text = valueText ?? `${percent}%`;
  return (
    <div className={classNames("srt-progress-bar", className)} {...rest}>
      <p className="govuk-body govuk-!-margin-bottom-1" id={labelId}>
        {label}
      </p>
      <div
        className="srt-progress-bar__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuenow={clamped}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuetext={text}
      >
        <div className="srt-progress-bar__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" aria-hidden="true">
        {text}
      </p>
    </div>
  );
}
