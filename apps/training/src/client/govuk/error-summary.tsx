import { useEffect, useRef, type MouseEvent } from "react";

/** One error: the message and the id of the field it is about. */
export type FieldError = { fieldId: string; message: string };

/**
 * The GOV.UK error summary. It takes focus when it appears (after a failed submit and on arrival), so
 * screen reader users hear the errors at once; each link moves focus to its field.
 */
export function ErrorSummary({ errors, title = "There is a problem" }: { errors: FieldError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // A new errors array means a new submit: focus again even when the messages are the same as last time.
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-error-summary tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.fieldId}:${error.message}`}>
                <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)}>
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** Jumping to the field rather than following the hash keeps the router's URL and scrolls the label into view. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const legendOrLabel =
    field.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${fieldId}"]`);
  (legendOrLabel ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}
