import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link PhaseBanner}. */
export interface PhaseBannerProps extends ComponentPropsWithRef<"div"> {
  /** The phase, e.g. "Beta". */
  tag: ReactNode;
  /** Usually a sentence with a feedback link. */
  children: ReactNode;
}

/**
 * GOV.UK phase banner, shown below the header while a service is in alpha or beta.
 *
 * @example
 * ```tsx
 * <PhaseBanner tag="Beta">This is a new service. Your <a className="govuk-link" href="/feedback">feedback</a> will help us improve it.</PhaseBanner>
 * ```
 */
export function PhaseBanner({ tag, className, children, ...rest }: PhaseBannerProps) {
  return (
    <div className={classNames("govuk-phase-banner", "govuk-width-container", className)} {...rest}>
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">{tag}</strong>
        <span className="govuk-phase-banner__text">{children}</span>
      </p>
    </div>
  );
}
