import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link ErrorMessage}. */
export interface ErrorMessageProps extends ComponentPropsWithRef<"p"> {
  /**
   * Read before the message so screen reader users hear it is an error, not a hint. Pass an
   * empty string to drop it when the message already says so.
   */
  visuallyHiddenText?: string | undefined;
  children: ReactNode;
}

/**
 * The red message beside a field that failed validation. Give it an id and reference it from
 * the control's `aria-describedby` (the field components do both for you).
 *
 * @example
 * ```tsx
 * <ErrorMessage id="date-error">Enter the date of the incident</ErrorMessage>
 * ```
 */
export function ErrorMessage({ visuallyHiddenText = "Error", className, children, ...rest }: ErrorMessageProps) {
  return (
    <p className={classNames("govuk-error-message", className)} {...rest}>
      {visuallyHiddenText !== "" && <span className="govuk-visually-hidden">{visuallyHiddenText}:</span>}
      {visuallyHiddenText !== "" && " "}
      {children}
    </p>
  );
}
