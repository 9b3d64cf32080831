import type { ChangeEvent, ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "./class-names";
import { describedBy, groupField } from "./field";

/** One option in a set of radios or checkboxes. */
export interface ChoiceItem {
  value: string;
  /** The option's visible label. */
  label: ReactNode;
  /** Help for this option only, read out with it. */
  hint?: ReactNode;
  /** Overrides the generated id (the group's `idPrefix`, then `-2`, `-3`, …). */
  id?: string | undefined;
  disabled?: boolean | undefined;
  /** e.g. `govuk-label--s` for bold option labels. */
  labelClassName?: string | undefined;
  /** Follow-up question revealed below the option while it is selected. */
  conditional?: ReactNode;
}

/** A divider between options, such as "or" before a "None of these" option. */
export interface ChoiceDivider {
  divider: string;
}

/** Legend, hint and error options shared by {@link Radios} and {@link Checkboxes}. */
export interface ChoiceGroupOptions {
  /** Submitted name of every input in the group. */
  name: string;
  /** Prefix of the generated ids; defaults to `name`. */
  idPrefix?: string | undefined;
  /** The question. Without a legend no fieldset is drawn (use only for a single checkbox). */
  legend?: ReactNode;
  /** e.g. `govuk-fieldset__legend--l`. */
  legendClassName?: string | undefined;
  /** Puts the legend inside the page's `<h1>` when the group is the only question on the page. */
  legendIsPageHeading?: boolean | undefined;
  hint?: ReactNode;
  /** Shown above the options and announced with the group; also turns on the error styling. */
  errorMessage?: ReactNode;
  formGroupClassName?: string | undefined;
  /** Ids of other elements that describe the whole question, added to its `aria-describedby`. */
  describedBy?: string | undefined;
}

interface ChoiceGroupProps<Item extends ChoiceItem>
  extends ChoiceGroupOptions, Omit<ComponentPropsWithRef<"div">, "onChange" | "defaultValue"> {
  type: "radio" | "checkbox";
  items: ReadonlyArray<Item | ChoiceDivider>;
  isChecked: (item: Item) => boolean;
  onItemChange: (item: Item, event: ChangeEvent<HTMLInputElement>) => void;
  itemAttributes?: (item: Item) => Record<string, string | undefined>;
}

/** Tells a divider from an option. */
export function isDivider(item: ChoiceItem | ChoiceDivider): item is ChoiceDivider {
  return "divider" in item;
}

/**
 * The one renderer behind radios and checkboxes: their markup differs only in the block name
 * (`govuk-radios` / `govuk-checkboxes`) and the input type.
 */
export function ChoiceGroup<Item extends ChoiceItem>({
  type,
  name,
  idPrefix = name,
  items,
  isChecked,
  onItemChange,
  itemAttributes,
  className,
  ...props
}: ChoiceGroupProps<Item>) {
  const block = type === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const { groupDescribedBy, rest, wrap } = groupField({ idPrefix, ...props });
  // Without a fieldset nothing announces the group's hint or error, so (as GOV.UK's
  // checkboxes do) each checkbox carries them itself.
  const itemsCarryGroupDescription = props.legend === undefined && type === "checkbox";

  return wrap(
    <div className={classNames(block, className)} {...rest}>
      {items.map((item, index) => {
        if (isDivider(item)) {
          return (
            <div key={`divider-${index}`} className={`${block}__divider`}>
              {item.divider}
            </div>
          );
        }
        const itemId = item.id ?? (index === 0 ? idPrefix : `${idPrefix}-${index + 1}`);
        const itemHintId = item.hint === undefined ? undefined : `${itemId}-item-hint`;
        const conditionalId = item.conditional === undefined ? undefined : `conditional-${itemId}`;
        const checked = isChecked(item);
        return [
          <div key={itemId} className={`${block}__item`}>
            <input
              className={`${block}__input`}
              id={itemId}
              name={name}
              type={type}
              value={item.value}
              checked={checked}
              disabled={item.disabled}
              onChange={(event) => onItemChange(item, event)}
              aria-describedby={describedBy(itemsCarryGroupDescription && groupDescribedBy, itemHintId)}
              // GOV.UK's script also sets aria-expanded here, but ARIA does not allow it on
              // radios or checkboxes (axe: aria-allowed-attr), so only the relationship is kept.
              aria-controls={conditionalId}
              {...itemAttributes?.(item)}
            />
            <label className={classNames("govuk-label", `${block}__label`, item.labelClassName)} htmlFor={itemId}>
              {item.label}
            </label>
            {itemHintId !== undefined && (
              <div id={itemHintId} className={`govuk-hint ${block}__hint`}>
                {item.hint}
              </div>
            )}
          </div>,
          conditionalId !== undefined && (
            <div
              key={conditionalId}
              className={classNames(`${block}__conditional`, !checked && `${block}__conditional--hidden`)}
              id={conditionalId}
            >
              {item.conditional}
            </div>
          ),
        ];
      })}
    </div>,
  );
}
