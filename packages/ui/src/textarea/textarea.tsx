import type { ComponentPropsWithRef } from "react";
import { classNames } from "../internal/class-names";
import { useField } from "../internal/field";
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
export function Textarea({ rows = 5, className, ...props }: TextareaProps) {
  const field = useField(props);
  return field.wrap(
    <textarea
      className={classNames("govuk-textarea", field.hasError && "govuk-textarea--error", className)}
      id={field.id}
      name={field.name}
      rows={rows}
      aria-describedby={field.ariaDescribedBy}
      {...field.rest}
    />,
  );
}
