import type { ComponentPropsWithRef } from "react";
import { classNames } from "../internal/class-names";
import { FormGroup, useFieldId, useFieldParts } from "../internal/field";
import type { FieldOptions } from "../internal/field";

/** Props for {@link Textarea}: every native `<textarea>` attribute plus the GOV.UK field options. */
export interface TextareaProps extends FieldOptions, ComponentPropsWithRef<"textarea"> {}

/**
 * A labelled GOV.UK textarea for answers longer than a line, with optional hint and error
 * message. Five rows by default.
 *
 * @example
 * ```tsx
 * <Textarea label="Describe what happened" name="account" value={text} onChange={(e) => setText(e.target.value)} />
 * ```
 */
export function Textarea({
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  errorMessage,
  formGroupClassName,
  id,
  name,
  rows = 5,
  className,
  "aria-describedby": ownDescribedBy,
  ...rest
}: TextareaProps) {
  const fieldId = useFieldId(id, name);
  const { parts, hasError, ariaDescribedBy } = useFieldParts(
    fieldId,
    { label, labelClassName, labelIsPageHeading, hint, errorMessage },
    ownDescribedBy,
  );
  return (
    <FormGroup hasError={hasError} className={formGroupClassName}>
      {parts}
      <textarea
        className={classNames("govuk-textarea", hasError && "govuk-textarea--error", className)}
        id={fieldId}
        name={name}
        rows={rows}
        aria-describedby={ariaDescribedBy}
        {...rest}
      />
    </FormGroup>
  );
}
