import type { ChangeEvent, ComponentPropsWithRef } from "react";
import { ChoiceGroup, isDivider } from "../internal/choices";
import type { ChoiceDivider, ChoiceGroupOptions, ChoiceItem } from "../internal/choices";
import { useControllable } from "../internal/use-controllable";

/** One option of {@link Checkboxes}. */
export interface CheckboxItem extends ChoiceItem {
  /** A "None of these" option: selecting it clears the others, and selecting another clears it. */
  exclusive?: boolean | undefined;
}

/** Props for {@link Checkboxes}. Other attributes go to the `govuk-checkboxes` container. */
export interface CheckboxesProps
  extends ChoiceGroupOptions, Omit<ComponentPropsWithRef<"div">, "onChange" | "defaultValue"> {
  items: ReadonlyArray<CheckboxItem | ChoiceDivider>;
  /** The selected values when controlled. */
  value?: readonly string[] | undefined;
  /** The initially selected values when uncontrolled. */
  defaultValue?: readonly string[] | undefined;
  onChange?: ((values: readonly string[], event: ChangeEvent<HTMLInputElement>) => void) | undefined;
}

const NONE: readonly string[] = [];

/**
 * GOV.UK checkboxes: any number of answers from a list, in a fieldset whose legend is the
 * question. Space toggles the focused option; an option's `conditional` content is revealed
 * while it is selected, and an `exclusive` option behaves as "None of these".
 *
 * @example
 * ```tsx
 * <Checkboxes
 *   name="behaviours"
 *   legend="Which behaviours has the victim reported?"
 *   hint="Select all that apply."
 *   items={[{ value: "following", label: "Following" }, { divider: "or" }, { value: "none", label: "None of these", exclusive: true }]}
 *   value={behaviours}
 *   onChange={setBehaviours}
 * />
 * ```
 */
export function Checkboxes({ value, defaultValue = NONE, onChange, items, ...rest }: CheckboxesProps) {
  const [selected, setSelected] = useControllable(value, defaultValue);
  const exclusiveValues = new Set(
    items.flatMap((item) => (!isDivider(item) && item.exclusive === true ? [item.value] : [])),
  );
  return (
    <ChoiceGroup<CheckboxItem>
      type="checkbox"
      items={items}
      isChecked={(item) => selected.includes(item.value)}
      itemAttributes={(item) => (item.exclusive === true ? { "data-behaviour": "exclusive" } : {})}
      onItemChange={(item, event) => {
        let next: readonly string[];
        if (!event.target.checked) next = selected.filter((v) => v !== item.value);
        else if (exclusiveValues.has(item.value)) next = [item.value];
        else next = [...selected.filter((v) => !exclusiveValues.has(v)), item.value];
        setSelected(next);
        onChange?.(next, event);
      }}
      {...rest}
    />
  );
}
