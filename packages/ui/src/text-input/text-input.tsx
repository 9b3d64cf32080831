import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";
import { useField } from "../internal/field";
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
export function TextInput({ prefix, suffix, type = "text", className, ...props }: TextInputProps) {
  const field = useField(props);
  const input = (
    <input
      className={classNames("govuk-input", field.hasError && "govuk-input--error", className)}
      id={field.id}
      name={field.name}
      type={type}
      aria-describedby={field.ariaDescribedBy}
      {...field.rest}
    />
  );
  return field.wrap(
    prefix === undefined && suffix === undefined ? (
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
    ),
  );
}
