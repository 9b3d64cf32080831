import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";
import { FormGroup, useFieldId, useFieldParts } from "../internal/field";
import type { FieldOptions } from "../internal/field";

/** Props for {@link TextInput}: every native `<input>` attribute plus the GOV.UK field options. */
export interface TextInputProps extends FieldOptions, Omit<ComponentPropsWithRef<"input">, "prefix"> {
  /** Shown before the input and hidden from screen readers, so say it in the label too (e.g. "£"). */
  prefix?: ReactNode;
  /** Shown after the input and hidden from screen readers, so say it in the label too (e.g. "per day"). */
  suffix?: ReactNode;
}

/**
 * A labelled GOV.UK text input with optional hint, error message, prefix and suffix. Pass
 * `value` and `onChange` to control it, as with a native input.
 *
 * @example
 * ```tsx
 * <TextInput label="Crime reference number" name="crn" hint="For example, 41/12345/24" errorMessage={errors.crn} />
 * ```
 */
export function TextInput({
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  errorMessage,
  formGroupClassName,
  prefix,
  suffix,
  id,
  name,
  type = "text",
  className,
  "aria-describedby": ownDescribedBy,
  ...rest
}: TextInputProps) {
  const fieldId = useFieldId(id, name);
  const { parts, hasError, ariaDescribedBy } = useFieldParts(
    fieldId,
    { label, labelClassName, labelIsPageHeading, hint, errorMessage },
    ownDescribedBy,
  );
  const input = (
    <input
      className={classNames("govuk-input", hasError && "govuk-input--error", className)}
      id={fieldId}
      name={name}
      type={type}
      aria-describedby={ariaDescribedBy}
      {...rest}
    />
  );
  return (
    <FormGroup hasError={hasError} className={formGroupClassName}>
      {parts}
      {prefix === undefined && suffix === undefined ? (
        input
      ) : (
        <div className="govuk-input__wrapper">
          {prefix !== undefined && (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          )}
          {input}
          {suffix !== undefined && (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          )}
        </div>
      )}
    </FormGroup>
  );
}
