import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link Details}: every native `<details>` attribute (including `open` and `onToggle`). */
export interface DetailsProps extends Omit<ComponentPropsWithRef<"details">, "title"> {
  /** The always-visible link text, e.g. "Help with the screening questions". */
  summary: ReactNode;
  children: ReactNode;
}

/**
 * GOV.UK details: a native disclosure for help that only some users need. The browser
 * provides the keyboard behaviour (Enter and Space on the summary) and announces its state.
 *
 * @example
 * ```tsx
 * <Details summary="What counts as fixation?">Persistent thoughts about the victim, ...</Details>
 * ```
 */
export function Details({ summary, className, children, ...rest }: DetailsProps) {
  return (
    <details className={classNames("govuk-details", className)} {...rest}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
