import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link WarningText}. */
export interface WarningTextProps extends ComponentPropsWithRef<"div"> {
  /** Read out in place of the "!" icon, which is hidden from assistive technology. */
  iconFallbackText?: string | undefined;
  children: ReactNode;
}

/**
 * GOV.UK warning text, for something users must know to avoid harm or a legal consequence
 * (e.g. that a screening result is an example, not an official risk assessment).
 *
 * @example
 * ```tsx
 * <WarningText>Call 999 if the victim is in immediate danger.</WarningText>
 * ```
 */
export function WarningText({ iconFallbackText = "Warning", className, children, ...rest }: WarningTextProps) {
  return (
    <div className={classNames("govuk-warning-text", className)} {...rest}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        {iconFallbackText !== "" && <span className="govuk-visually-hidden">{iconFallbackText}</span>}
        {iconFallbackText !== "" && " "}
        {children}
      </strong>
    </div>
  );
}
