import { Button, ErrorSummary, SummaryList, type SummaryListRow } from "@stalking-response/ui";
import type { FieldError } from "../../api/problem";
import { PageHeading } from "../../shell/page";

/** The check step's usual title. */
export const CHECK_TITLE = "Check your answers";

/**
 * A check-answers step (the page sets the document title, as it is the page that knows which step shows) before an admin's change is saved: what will be saved, a way back
 * to change it, and the button that saves it. Any refusal from the server is shown by the form it returns to.
 */
export function CheckAnswers(props: {
  caption: string;
  title?: string;
  rows: readonly SummaryListRow[];
  submitText: string;
  busy: boolean;
  warning?: string | undefined;
  onBack: () => void;
  onSubmit: () => void;
}) {
  const title = props.title ?? CHECK_TITLE;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading caption={props.caption}>{title}</PageHeading>
        <SummaryList rows={props.rows} />
        {props.warning === undefined ? null : <p className="govuk-body">{props.warning}</p>}
        <div className="govuk-button-group">
          <Button type="button" disabled={props.busy} onClick={props.onSubmit}>
            {props.submitText}
          </Button>
          <Button type="button" variant="secondary" onClick={props.onBack}>
            Change your answers
          </Button>
        </div>
      </div>
    </div>
  );
}

/** A form's error summary; remounted on each refused submit (`attempt`) so it takes focus again. */
export function FormErrors({ errors, attempt }: { errors: FieldError[]; attempt: number }) {
  if (errors.length === 0) return null;
  return (
    <ErrorSummary key={attempt} errors={errors.map((error) => ({ text: error.message, href: `#${error.fieldId}` }))} />
  );
}

/** The message to show beside one field, if it has one. */
export const messageFor = (errors: readonly FieldError[], fieldId: string) =>
  errors.find((error) => error.fieldId === fieldId)?.message;

/** A form's own buttons: Continue submits it (to its check-answers step), Cancel leaves it unchanged. */
export function ContinueOrCancel({ onCancel }: { onCancel: () => void }) {
  return (
    <div className="govuk-button-group">
      <Button>Continue</Button>
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
