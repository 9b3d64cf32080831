import type { ChangeEvent, ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";
import { groupField } from "../internal/field";
import { useControllable } from "../internal/use-controllable";

/** The three parts of a date as typed: strings, because validation (and its error messages) belongs to the form. */
export interface DateInputValue {
  day: string;
  month: string;
  year: string;
}

/** One of the three inputs of a {@link DateInput}. */
export type DateInputPart = keyof DateInputValue;

/** Props for {@link DateInput}. Other attributes go to the `govuk-date-input` container. */
export interface DateInputProps extends Omit<ComponentPropsWithRef<"div">, "onChange" | "defaultValue" | "id"> {
  /** Id of the container; the inputs get `<id>-day`, `<id>-month` and `<id>-year`. */
  id: string;
  /** Inputs are named `<namePrefix>-day` etc.; without it, `day`, `month` and `year`. */
  namePrefix?: string | undefined;
  /** The question, e.g. "When did the behaviour start?". Omit only when the date sits in a fieldset of its own. */
  legend?: ReactNode;
  legendClassName?: string | undefined;
  legendIsPageHeading?: boolean | undefined;
  /** GOV.UK asks for an example date here, e.g. "For example, 27 3 2024". */
  hint?: ReactNode;
  errorMessage?: ReactNode;
  /** Which inputs to mark as wrong; all shown inputs when there is an error message and this is omitted. */
  errorParts?: readonly DateInputPart[] | undefined;
  /** The inputs to show, e.g. `["month", "year"]` for a card expiry; all three by default. */
  parts?: readonly DateInputPart[] | undefined;
  /** Ids of other elements that describe the question, added to its `aria-describedby`. */
  describedBy?: string | undefined;
  formGroupClassName?: string | undefined;
  value?: DateInputValue | undefined;
  defaultValue?: DateInputValue | undefined;
  onChange?: ((value: DateInputValue, event: ChangeEvent<HTMLInputElement>) => void) | undefined;
}

const ALL_PARTS: readonly DateInputPart[] = ["day", "month", "year"];
const EMPTY: DateInputValue = { day: "", month: "", year: "" };
const PARTS: ReadonlyArray<{ part: DateInputPart; label: string; width: string }> = [
  { part: "day", label: "Day", width: "govuk-input--width-2" },
  { part: "month", label: "Month", width: "govuk-input--width-2" },
  { part: "year", label: "Year", width: "govuk-input--width-4" },
];

/**
 * GOV.UK date input: day, month and year as three numeric text inputs in a group, the
 * pattern for memorable or known dates (a drop-down or calendar is slower for these).
 *
 * @example
 * ```tsx
 * <DateInput id="first-incident" legend="When did the first incident happen?" hint="For example, 27 3 2024"
 *   value={date} onChange={setDate} errorMessage={errors.date} errorParts={["year"]} />
 * ```
 */
export function DateInput({
  id,
  namePrefix,
  errorParts,
  parts = ALL_PARTS,
  value,
  defaultValue = EMPTY,
  onChange,
  className,
  ...props
}: DateInputProps) {
  const [date, setDate] = useControllable(value, defaultValue);
  const { hasError, rest, wrap } = groupField({ idPrefix: id, ...props }, "group");
  return wrap(
    <div className={classNames("govuk-date-input", className)} id={id} {...rest}>
      {PARTS.filter(({ part }) => parts.includes(part)).map(({ part, label, width }) => {
        const partHasError = errorParts === undefined ? hasError : errorParts.includes(part);
        return (
          <div key={part} className="govuk-date-input__item">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part}`}>
                {label}
              </label>
              <input
                className={classNames(
                  "govuk-input",
                  "govuk-date-input__input",
                  partHasError && "govuk-input--error",
                  width,
                )}
                id={`${id}-${part}`}
                name={namePrefix === undefined ? part : `${namePrefix}-${part}`}
                type="text"
                inputMode="numeric"
                value={date[part]}
                onChange={(event) => {
                  const next = { ...date, [part]: event.target.value };
                  setDate(next);
                  onChange?.(next, event);
                }}
              />
            </div>
          </div>
        );
      })}
    </div>,
  );
}
