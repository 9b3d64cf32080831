import { useId } from "react";
import type { ReactNode } from "react";
import { ErrorMessage } from "../error-message/error-message";
import { Fieldset } from "../fieldset/fieldset";
import type { ChoiceGroupOptions } from "./choices";
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

/** The hint and error message under a question's label or legend, and the ids that reference them. */
function messagesOf(idPrefix: string, hint: ReactNode, errorMessage: ReactNode) {
  const hintId = hint === undefined ? undefined : `${idPrefix}-hint`;
  const errorId = errorMessage === undefined ? undefined : `${idPrefix}-error`;
  const messages = (
    <>
      {hintId !== undefined && <Hint id={hintId}>{hint}</Hint>}
      {errorId !== undefined && <ErrorMessage id={errorId}>{errorMessage}</ErrorMessage>}
    </>
  );
  return { hintId, errorId, hasError: errorId !== undefined, messages };
}

/** What a single-control field takes besides its control's own attributes. */
type FieldProps = FieldOptions & {
  id?: string | undefined;
  name?: string | undefined;
  "aria-describedby"?: string | undefined;
};

/**
 * Splits a single-control field's props into the GOV.UK options and the control's own
 * attributes, and gives the control its id, name and `aria-describedby`. `wrap` draws the
 * form group with the label, hint and error message in GOV.UK's order above the control.
 * One piece so every field announces the same way.
 */
export function useField<Props extends FieldProps>({
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  errorMessage,
  formGroupClassName,
  id,
  name,
  "aria-describedby": ownDescribedBy,
  ...rest
}: Props) {
  const fieldId = useFieldId(id, name);
  const { hintId, errorId, hasError, messages } = messagesOf(fieldId, hint, errorMessage);
  const wrap = (control: ReactNode) => (
    <FormGroup hasError={hasError} className={formGroupClassName}>
      <Label htmlFor={fieldId} className={labelClassName} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {messages}
      {control}
    </FormGroup>
  );
  return { id: fieldId, name, ariaDescribedBy: describedBy(ownDescribedBy, hintId, errorId), hasError, rest, wrap };
}

/** Legend, hint and error options of a question answered with several controls, and the prefix of their ids. */
type GroupOptions = Omit<ChoiceGroupOptions, "name" | "idPrefix"> & { idPrefix: string };

/**
 * Splits a grouped question's props into the legend, hint and error options and the rest,
 * which go to the controls' container. `wrap` draws the form group, fieldset, legend, hint and
 * error message around the controls; the fieldset is a `group` where it holds the parts of
 * one answer (a date) rather than options.
 */
export function groupField<Props extends GroupOptions>(
  {
    idPrefix,
    legend,
    legendClassName,
    legendIsPageHeading,
    hint,
    errorMessage,
    formGroupClassName,
    describedBy: ownDescribedBy,
    ...rest
  }: Props,
  fieldsetRole?: "group",
) {
  const { hintId, errorId, hasError, messages } = messagesOf(idPrefix, hint, errorMessage);
  const groupDescribedBy = describedBy(ownDescribedBy, hintId, errorId);
  const wrap = (controls: ReactNode) => (
    <FormGroup hasError={hasError} className={formGroupClassName}>
      {legend === undefined ? (
        <>
          {messages}
          {controls}
        </>
      ) : (
        <Fieldset
          role={fieldsetRole}
          legend={legend}
          legendClassName={legendClassName}
          legendIsPageHeading={legendIsPageHeading ?? false}
          aria-describedby={groupDescribedBy}
        >
          {messages}
          {controls}
        </Fieldset>
      )}
    </FormGroup>
  );
  return { hasError, groupDescribedBy, rest, wrap };
}
