import type { ComponentPropsWithRef } from "react";
import { classNames } from "../internal/class-names";
import { useField } from "../internal/field";
import type { FieldOptions } from "../internal/field";

/** One option of a {@link Select}. */
export interface SelectItem {
  value: string;
  text: string;
  disabled?: boolean | undefined;
}

/** Props for {@link Select}: every native `<select>` attribute plus the GOV.UK field options. */
export interface SelectProps extends FieldOptions, Omit<ComponentPropsWithRef<"select">, "children" | "multiple"> {
  items: readonly SelectItem[];
}

/**
 * A labelled GOV.UK select. GOV.UK research finds selects hard to use, so prefer radios for
 * fewer than about ten options; use this for long known lists such as police forces.
 * Control it with `value` and `onChange`, or leave it uncontrolled with `defaultValue`.
 *
 * @example
 * ```tsx
 * <Select label="Sort by" name="sort" items={[{ value: "due", text: "Due date" }, { value: "status", text: "Status" }]} />
 * ```
 */
export function Select({ items, className, ...props }: SelectProps) {
  const field = useField(props);
  return field.wrap(
    <select
      className={classNames("govuk-select", field.hasError && "govuk-select--error", className)}
      id={field.id}
      name={field.name}
      aria-describedby={field.ariaDescribedBy}
      {...field.rest}
    >
      {items.map((item) => (
        <option key={item.value} value={item.value} disabled={item.disabled}>
          {item.text}
        </option>
      ))}
    </select>,
  );
}
