import { useState, type FormEvent } from "react";
import {
  Button,
  Details,
  ErrorSummary,
  Panel,
  Radios,
  SummaryList,
  Table,
  Tag,
  WarningText,
  type TableCell,
  type TagColour,
} from "@stalking-response/ui";
import {
  COMPLETION_COLUMNS,
  PEOPLE_COLUMNS,
  type ImportPreview,
  type ImportResult,
  type LoadType,
  type PreviewRow,
  type RowOutcome,
} from "../../../shared/import-api";
import { fieldErrorsFrom, type FieldError, type Problem } from "../../api/problem";
import { Link } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { ScrollRegion } from "../trainer/scroll-region";
import { applyImport, previewImport } from "./admin-endpoints";
import { FormErrors, messageFor } from "./check-answers";

type Kind = "people" | "completions";

const TITLES: Record<Kind, string> = {
  people: "Import people from HR",
  completions: "Import prior completions",
};

const OUTCOMES: Record<RowOutcome, { label: string; colour: TagColour }> = {
  create: { label: "Create", colour: "green" },
  update: { label: "Update", colour: "blue" },
  disable: { label: "Disable", colour: "orange" },
  unchanged: { label: "Unchanged", colour: "grey" },
  error: { label: "Error", colour: "red" },
};

/** The most rows the preview table shows; the counts above it cover every row. */
const SHOWN_ROWS = 500;
/** The most errors the summary lists; the table holds the rest. */
const SUMMARY_ERRORS = 50;

const FIELD_IDS = { file: "import-file", "query.load": "load", "header.content-type": "import-file" };

type Step =
  | { name: "upload"; errors: FieldError[]; attempt: number }
  | { name: "preview"; file: File; load: LoadType; preview: ImportPreview; problem: Problem | null; busy: boolean }
  | { name: "done"; result: ImportResult };

/**
 * An import as three steps on one address: upload a file (and, for people, say whether it is everyone), check
 * what each row would do, then apply exactly that. The file stays in the browser between the steps and is sent
 * again to apply, which the server refuses if the outcome would no longer be the one shown.
 */
export function AdminImportPage({ kind }: { kind: Kind }) {
  const [step, setStep] = useState<Step>({ name: "upload", errors: [], attempt: 0 });
  const [file, setFile] = useState<File | null>(null);
  const [load, setLoad] = useState<LoadType | null>(kind === "people" ? null : "change-only");
  const title = step.name === "upload" ? TITLES[kind] : step.name === "preview" ? "Check the import" : "Import applied";
  useDocumentTitle(title, step.name === "upload" && step.errors.length > 0);

  async function preview(event: FormEvent) {
    event.preventDefault();
    const errors: FieldError[] = [];
    if (file === null) errors.push({ fieldId: "import-file", message: "Select a CSV file" });
    if (load === null) errors.push({ fieldId: "load", message: "Select whether the file is everyone or only changes" });
    const attempt = step.name === "upload" ? step.attempt + 1 : 1;
    if (file === null || load === null || errors.length > 0) return setStep({ name: "upload", errors, attempt });
    const answer = await previewImport(kind, file, load);
    if (!answer.ok) {
      const named = fieldErrorsFrom(answer.problem, FIELD_IDS);
      return setStep({
        name: "upload",
        errors: named.length > 0 ? named : [{ fieldId: "import-file", message: answer.problem.title }],
        attempt,
      });
    }
    setStep({ name: "preview", file, load, preview: answer.data, problem: null, busy: false });
  }

  async function apply() {
    if (step.name !== "preview") return;
    setStep({ ...step, busy: true });
    const answer = await applyImport(kind, step.file, step.load, step.preview.fingerprint);
    if (answer.ok) setStep({ name: "done", result: answer.data });
    else setStep({ ...step, busy: false, problem: answer.problem });
  }

  if (step.name === "done") return <ImportDone kind={kind} result={step.result} />;
  if (step.name === "preview") {
    return (
      <ImportCheck
        kind={kind}
        fileName={step.file.name}
        preview={step.preview}
        problem={step.problem}
        busy={step.busy}
        onApply={() => void apply()}
        onBack={() => setStep({ name: "upload", errors: [], attempt: 0 })}
      />
    );
  }
  const fileError = messageFor(step.errors, "import-file");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={step.errors} attempt={step.attempt} />
        <PageHeading caption="Admin">{TITLES[kind]}</PageHeading>
        <p className="govuk-body">
          {kind === "people"
            ? "Upload your HR system's list of people. You will see what each row would do before anything changes."
            : "Upload completions your people earned on another platform, such as College Learn. You will see what each row would do before anything changes."}
        </p>
        <Details summary="The file's columns">
          <p className="govuk-body">A header row naming these columns, in any order:</p>
          <ul className="govuk-list govuk-list--bullet">
            {(kind === "people" ? PEOPLE_COLUMNS : COMPLETION_COLUMNS).map((column) => (
              <li key={column}>
                <code>{column}</code>
              </li>
            ))}
          </ul>
          <p className="govuk-body">
            {kind === "people"
              ? "employee_number, given_name, family_name, email and job_role must be there. The README describes each column."
              : "module, completion_date and source must be there, and collar_number or email on each row. The README describes each column."}
          </p>
        </Details>
        <form noValidate onSubmit={(event) => void preview(event)}>
          <div className={`govuk-form-group${fileError === undefined ? "" : " govuk-form-group--error"}`}>
            <label className="govuk-label govuk-label--m" htmlFor="import-file">
              Upload a CSV file
            </label>
            <div id="import-file-hint" className="govuk-hint">
              Saved as &ldquo;CSV UTF-8&rdquo;, with a header row
            </div>
            {fileError === undefined ? null : (
              <p id="import-file-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {fileError}
              </p>
            )}
            <input
              className={`govuk-file-upload${fileError === undefined ? "" : " govuk-file-upload--error"}`}
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby={`import-file-hint${fileError === undefined ? "" : " import-file-error"}`}
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
          </div>
          {kind === "people" ? (
            <Radios
              name="load"
              idPrefix="load"
              legend="What does the file hold?"
              legendClassName="govuk-fieldset__legend--m"
              errorMessage={messageFor(step.errors, "load")}
              value={load}
              onChange={(value) => setLoad(value as LoadType)}
              items={[
                {
                  value: "full",
                  label: "Everyone (a full load)",
                  hint: "People with an employee number who are not in the file will be disabled. Nobody is deleted.",
                },
                {
                  value: "change-only",
                  label: "Only people who changed (a change-only load)",
                  hint: "Nobody outside the file is touched. Disable a leaver with status “left”.",
                },
              ]}
            />
          ) : null}
          <Button type="submit">Preview the import</Button>
        </form>
      </div>
    </div>
  );
}

const changeText = (row: PreviewRow) =>
  row.outcome === "error"
    ? row.errors.map((error) => `${error.column}: ${error.reason}`).join("; ")
    : row.changes.length > 0
      ? row.changes
          .map(
            (change) => `${change.field}: ${change.from === null ? "" : `${change.from} → `}${change.to ?? "(none)"}`,
          )
          .join("; ")
      : (row.note ?? "");

function ImportCheck(props: {
  kind: Kind;
  fileName: string;
  preview: ImportPreview;
  problem: Problem | null;
  busy: boolean;
  onApply: () => void;
  onBack: () => void;
}) {
  const { preview } = props;
  const errorRows = preview.rows.filter((row) => row.outcome === "error");
  // Errors first, so every link in the error summary has its row on the page.
  const shown = [...errorRows, ...preview.rows.filter((row) => row.outcome !== "unchanged" && row.outcome !== "error")];
  const toDo = preview.counts.create + preview.counts.update + preview.counts.disable;
  const rowId = (row: PreviewRow) => (row.row === null ? undefined : `row-${row.row}`);
  const tableRows: TableCell[][] = shown.slice(0, SHOWN_ROWS).map((row) => [
    row.row === null ? (
      "Not in file"
    ) : (
      <span id={rowId(row)} tabIndex={-1}>
        {row.row}
      </span>
    ),
    <Tag key="outcome" colour={OUTCOMES[row.outcome].colour}>
      {OUTCOMES[row.outcome].label}
    </Tag>,
    row.key,
    row.name ?? "",
    changeText(row),
  ]);
  return (
    <>
      {props.problem === null ? null : (
        <ErrorSummary
          title="The import was not applied"
          errors={[{ text: props.problem.detail ?? props.problem.title }]}
        />
      )}
      {errorRows.length === 0 ? null : (
        <ErrorSummary
          title={`${errorRows.length} ${errorRows.length === 1 ? "row has" : "rows have"} errors and will be skipped`}
          description="Nobody on these rows will be changed or disabled. Fix them in the file and upload it again, or apply the rest now."
          disableAutoFocus={props.problem !== null}
          errors={errorRows.slice(0, SUMMARY_ERRORS).flatMap((row) =>
            row.errors.map((error) => ({
              text: `Row ${row.row ?? ""}, ${error.column}: ${error.reason}`,
              href: `#row-${row.row ?? ""}`,
            })),
          )}
        />
      )}
      <PageHeading caption={TITLES[props.kind]}>Check the import</PageHeading>
      <SummaryList
        rows={[
          { key: "File", value: props.fileName },
          ...(props.kind === "people"
            ? [
                {
                  key: "Load",
                  value: preview.load === "full" ? "Everyone (full load)" : "Only changes (change-only load)",
                },
              ]
            : []),
          { key: "To create", value: String(preview.counts.create) },
          ...(props.kind === "people" ? [{ key: "To update", value: String(preview.counts.update) }] : []),
          ...(props.kind === "people" ? [{ key: "To disable", value: String(preview.counts.disable) }] : []),
          { key: "Unchanged", value: String(preview.counts.unchanged) },
          { key: "Errors (skipped)", value: String(preview.counts.error) },
        ]}
      />
      {preview.counts.disable > 0 ? (
        <WarningText>
          {preview.counts.disable} {preview.counts.disable === 1 ? "person is" : "people are"} not in the file and will
          be disabled. Their records are kept.
        </WarningText>
      ) : null}
      {shown.length === 0 ? (
        <p className="govuk-body">Every row is unchanged: applying this file would change nothing.</p>
      ) : (
        <ScrollRegion labelledBy="import-rows-caption">
          <Table
            caption={
              <span id="import-rows-caption">
                {shown.length > SHOWN_ROWS
                  ? `The first ${SHOWN_ROWS} of ${shown.length} rows that change something or have errors`
                  : "Rows that change something or have errors"}
              </span>
            }
            captionClassName="govuk-table__caption--m"
            head={[
              { content: "Row" },
              { content: "Outcome" },
              { content: props.kind === "people" ? "Employee number" : "Person and module" },
              { content: "Name" },
              { content: "What changes" },
            ]}
            rows={tableRows}
          />
        </ScrollRegion>
      )}
      <div className="govuk-button-group">
        <Button type="button" disabled={props.busy || toDo === 0} onClick={props.onApply}>
          Apply the import
        </Button>
        <Button type="button" variant="secondary" onClick={props.onBack}>
          Upload another file
        </Button>
      </div>
    </>
  );
}

function ImportDone({ kind, result }: { kind: Kind; result: ImportResult }) {
  const { counts } = result;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Import applied">
          {kind === "people"
            ? `${counts.create} created, ${counts.update} updated, ${counts.disable} disabled`
            : `${counts.create} completions imported`}
        </Panel>
        {counts.error > 0 ? (
          <p className="govuk-body">
            {counts.error} {counts.error === 1 ? "row with errors was" : "rows with errors were"} skipped.
          </p>
        ) : null}
        {kind === "people" ? (
          <p className="govuk-body">
            New people have no password here. They sign in with your force&apos;s single sign-on, or you can issue each
            of them a one-time reset link from their page.
          </p>
        ) : null}
        <ul className="govuk-list">
          <li>
            <Link to={{ name: "admin-users" }}>Go to users</Link>
          </li>
          <li>
            <Link to={{ name: "admin-import", kind }}>{TITLES[kind]} again</Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
