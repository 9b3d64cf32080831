import type { ChangeEvent, ComponentPropsWithRef } from "react";
import { ChoiceGroup } from "../internal/choices";
import type { ChoiceDivider, ChoiceGroupOptions, ChoiceItem } from "../internal/choices";
import { useControllable } from "../internal/use-controllable";

/** One option of {@link Radios}. */
export type RadioItem = ChoiceItem;

/** Props for {@link Radios}. Other attributes go to the `govuk-radios` container. */
export interface RadiosProps
  extends ChoiceGroupOptions, Omit<ComponentPropsWithRef<"div">, "onChange" | "defaultValue"> {
  items: ReadonlyArray<RadioItem | ChoiceDivider>;
  /** The selected value when controlled; `null` for none selected. */
  value?: string | null | undefined;
  /** The initially selected value when uncontrolled. */
  defaultValue?: string | null | undefined;
  onChange?: ((value: string, event: ChangeEvent<HTMLInputElement>) => void) | undefined;
}

/**
 * GOV.UK radios: one answer from a short list, in a fieldset whose legend is the question.
 * Arrow keys move between options (native radio behaviour); an option's `conditional`
 * content is revealed while it is selected.
 *
 * @example
 * ```tsx
 * <Radios
 *   name="fixated"
 *   legend="Is the suspect fixated on the victim?"
 *   items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]}
 *   value={answer}
 *   onChange={setAnswer}
 * />
 * ```
 */
export function Radios({ value, defaultValue = null, onChange, ...rest }: RadiosProps) {
  const [selected, setSelected] = useControllable(value, defaultValue);
  return (
    <ChoiceGroup<RadioItem>
      type="radio"
      isChecked={(item) => item.value === selected}
      onItemChange={(item, event) => {
        setSelected(item.value);
        onChange?.(item.value, event);
      }}
      {...rest}
    />
  );
}
