import type { ChangeEvent, InputHTMLAttributes, ReactNode } from "react";

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
};

/** A GOV.UK text input with label, hint and inline error, all tied to the input by id. */
export function TextInput({ id, label, hint, error, ...input }: TextInputProps) {
  const described = [hint === undefined ? null : `${id}-hint`, error === undefined ? null : `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`govuk-form-group${error === undefined ? "" : " govuk-form-group--error"}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint === undefined ? null : (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error === undefined ? null : <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <input
        {...input}
        id={id}
        className={`govuk-input${error === undefined ? "" : " govuk-input--error"}`}
        aria-describedby={described === "" ? undefined : described}
      />
    </div>
  );
}

function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

type ChoiceFieldProps = {
  /** Used for the input name and, with the option index, the input ids; the first input's id is `idPrefix`. */
  idPrefix: string;
  /** Radios for one answer, checkboxes for any number. */
  type: "radio" | "checkbox";
  legend: ReactNode;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
};

/**
 * GOV.UK radios or checkboxes in a fieldset. The legend is the page heading when the question is the page
 * (one thing per page), so the question is read out once, with its options.
 */
export function ChoiceField({ idPrefix, type, legend, hint, error, options, value, onChange }: ChoiceFieldProps) {
  const described = [hint === undefined ? null : `${idPrefix}-hint`, error === undefined ? null : `${idPrefix}-error`]
    .filter(Boolean)
    .join(" ");
  const kind = type === "radio" ? "radios" : "checkboxes";
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const { value: option, checked } = event.target;
    if (type === "radio") onChange([option]);
    else onChange(checked ? [...value, option] : value.filter((chosen) => chosen !== option));
  };
  return (
    <div className={`govuk-form-group${error === undefined ? "" : " govuk-form-group--error"}`}>
      <fieldset className="govuk-fieldset" aria-describedby={described === "" ? undefined : described}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">{legend}</legend>
        {hint === undefined ? null : (
          <div id={`${idPrefix}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error === undefined ? null : <ErrorMessage id={`${idPrefix}-error`}>{error}</ErrorMessage>}
        <div className={`govuk-${kind}`} data-module={`govuk-${kind}`}>
          {options.map((option, index) => {
            const id = index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
            return (
              <div className={`govuk-${kind}__item`} key={option.value}>
                <input
                  className={`govuk-${kind}__input`}
                  id={id}
                  name={idPrefix}
                  type={type}
                  value={option.value}
                  checked={value.includes(option.value)}
                  onChange={change}
                />
                <label className={`govuk-label govuk-${kind}__label`} htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
