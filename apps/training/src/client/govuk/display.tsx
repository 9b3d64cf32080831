import type { ReactNode } from "react";
import type { TrainingStatus } from "../../shared/api";
import { statusTag } from "../format/status";
import { linkTo } from "../routing/router";
import type { Route } from "../routing/routes";

/** A GOV.UK tag. */
export function Tag({ colour, children }: { colour?: string | null; children: ReactNode }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

/** A training status as a tag with its words. */
export function StatusTag({ status }: { status: TrainingStatus }) {
  const { text, colour } = statusTag[status];
  return <Tag colour={colour}>{text}</Tag>;
}

/** A GOV.UK summary list of key–value rows. */
export function SummaryList({ rows, noBorder = false }: { rows: [string, ReactNode][]; noBorder?: boolean }) {
  return (
    <dl className={`govuk-summary-list${noBorder ? " govuk-summary-list--no-border" : ""}`}>
      {rows.map(([key, value]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The GOV.UK back link, going to a route of the app. */
export function BackLink({ to, children = "Back" }: { to: Route; children?: ReactNode }) {
  return (
    <a className="govuk-back-link" {...linkTo(to)}>
      {children}
    </a>
  );
}

/**
 * How far through a module the officer is, as text ("Lesson 2 of 5") and as a bar. The native progress
 * element carries the progressbar role and its value, so assistive technology reads the same numbers.
 */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  return (
    <div className="app-progress">
      <label className="govuk-body-s app-progress__label" htmlFor="module-progress">
        {label}
      </label>
      <progress id="module-progress" className="app-progress__bar" value={value} max={max}>
        {label}
      </progress>
    </div>
  );
}
