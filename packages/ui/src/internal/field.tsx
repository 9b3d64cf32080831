import { useId } from "react";
import type { ReactNode } from "react";
import { ErrorMessage } from "../error-message/error-message";
import { classNames } from "./class-names";

/** Label and message options shared by every single-control field (input, textarea, select). */
export interface FieldOptions {
  /** The question or field name; GOV.UK asks for a visible label on every field. */
  label: ReactNode;
  /** e.g. `govuk-label--l` to size the label. */
  labelClassName?: string | undefined;
  /** Wraps the label in the page's `<h1>` when the field is the only question on the page. */
  labelIsPageHeading?: boolean | undefined;
  /** Help that applies to most users, read out after the label. */
  hint?: ReactNode;
  /** Shown above the control and announced with it; also turns on the error styling. */
  errorMessage?: ReactNode;
  /** Extra classes for the surrounding `govuk-form-group`. */
  formGroupClassName?: string | undefined;
}

/** The control's id: GOV.UK derives it from `name`, and a generated one keeps labels working without either. */
export function useFieldId(id: string | undefined, name: string | undefined): string {
  const generated = useId();
  return id ?? name ?? generated;
}

/** Joins ids for `aria-describedby`, leaving the attribute off when there are none. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined === "" ? undefined : joined;
}

interface FormGroupProps {
  hasError: boolean;
  className?: string | undefined;
  children: ReactNode;
}

/** The `govuk-form-group` wrapper whose error modifier draws the red bar beside the question. */
export function FormGroup({ hasError, className, children }: FormGroupProps) {
  return (
    <div className={classNames("govuk-form-group", hasError && "govuk-form-group--error", className)}>{children}</div>
  );
}

interface LabelProps {
  htmlFor: string;
  className?: string | undefined;
  isPageHeading?: boolean | undefined;
  children: ReactNode;
}

/** A GOV.UK label, optionally doubling as the page heading. */
export function Label({ htmlFor, className, isPageHeading = false, children }: LabelProps) {
  const label = (
    <label className={classNames("govuk-label", className)} htmlFor={htmlFor}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}

interface HintProps {
  id: string;
  className?: string | undefined;
  children: ReactNode;
}

/** Hint text, referenced from the control's `aria-describedby` by its id. */
export function Hint({ id, className, children }: HintProps) {
  return (
    <div id={id} className={classNames("govuk-hint", className)}>
      {children}
    </div>
  );
}

/**
 * The label, hint and error message of a single-control field, in GOV.UK's order, and the
 * ids the control must reference. One piece so every field announces the same way.
 */
export function useFieldParts(fieldId: string, options: FieldOptions, ownDescribedBy: string | undefined) {
  const hintId = options.hint === undefined ? undefined : `${fieldId}-hint`;
  const errorId = options.errorMessage === undefined ? undefined : `${fieldId}-error`;
  const parts = (
    <>
      <Label htmlFor={fieldId} className={options.labelClassName} isPageHeading={options.labelIsPageHeading}>
        {options.label}
      </Label>
      {hintId !== undefined && <Hint id={hintId}>{options.hint}</Hint>}
      {errorId !== undefined && <ErrorMessage id={errorId}>{options.errorMessage}</ErrorMessage>}
    </>
  );
  return { parts, hasError: errorId !== undefined, ariaDescribedBy: describedBy(ownDescribedBy, hintId, errorId) };
}
