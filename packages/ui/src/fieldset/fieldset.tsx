import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link Fieldset}. */
export interface FieldsetProps extends Omit<ComponentPropsWithRef<"fieldset">, "children"> {
  /** The question the grouped fields answer. */
  legend?: ReactNode;
  /** e.g. `govuk-fieldset__legend--l` to size the legend. */
  legendClassName?: string | undefined;
  /** Puts the legend inside the page's `<h1>` when the group is the only question on the page. */
  legendIsPageHeading?: boolean | undefined;
  children?: ReactNode;
}

/**
 * Groups related fields (an address, a date, a set of radios) under one legend that screen
 * readers announce before each field in the group.
 *
 * @example
 * ```tsx
 * <Fieldset legend="Where did the incident happen?" legendClassName="govuk-fieldset__legend--l" legendIsPageHeading>
 *   <TextInput label="Town or city" name="town" />
 * </Fieldset>
 * ```
 */
export function Fieldset({
  legend,
  legendClassName,
  legendIsPageHeading = false,
  className,
  children,
  ...rest
}: FieldsetProps) {
  return (
    <fieldset className={classNames("govuk-fieldset", className)} {...rest}>
      {legend !== undefined && (
        <legend className={classNames("govuk-fieldset__legend", legendClassName)}>
          {legendIsPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
      )}
      {children}
    </fieldset>
  );
}
