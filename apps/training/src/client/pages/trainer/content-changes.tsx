import { useState, type FormEvent } from "react";
import { Button, ErrorSummary, NotificationBanner, Table, TextInput, type TableCell } from "@stalking-response/ui";
import type { ContentChangesResponse } from "../../../shared/trainer-api";
import { fieldErrorsFrom, type FieldError } from "../../api/problem";
import { useResource } from "../../api/use-resource";
import { formatDay } from "../../format/dates";
import { Link } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { ScrollRegion } from "./scroll-region";
import { getContentChanges, setGracePeriod } from "./trainer-endpoints";

const graceFieldId = "graceDays";

/**
 * Who must renew a pass because the law or guidance a module teaches changed materially since they passed, and
 * by when; and the force's grace period for renewing, which a trainer can change.
 */
export function ContentChangesPage() {
  const [saved, setSaved] = useState<number | null>(null);
  // Renew-by dates are worked out from the grace period, so a saved change loads the list again.
  const [resource] = useResource(`trainer-content-changes:${saved ?? "initial"}`, getContentChanges);
  useDocumentTitle("Content changes to renew");
  if (resource.state === "loading") return <LoadingPage />;
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  const changes = resource.data;
  return (
    <>
      {saved === null ? null : (
        <NotificationBanner type="success" heading="Grace period saved">
          Learners affected by a content change now have {days(saved)} to renew.
        </NotificationBanner>
      )}
      <PageHeading caption="Trainer">Content changes to renew</PageHeading>
      <p className="govuk-body">
        When the law or guidance a module teaches changes in a way that matters, everyone who passed an earlier version
        must take the module again. Their pass counts until the end of the day in the &lsquo;Renew by&rsquo; column;
        after that it shows as expired, in their training and in the records.
      </p>
      <AffectedLearners changes={changes} />
      <GracePeriodForm current={changes.graceDays} onSaved={setSaved} />
    </>
  );
}

const days = (count: number) => (count === 1 ? "1 day" : `${count.toLocaleString("en-GB")} days`);

function AffectedLearners({ changes }: { changes: ContentChangesResponse }) {
  if (changes.total === 0) {
    return <p className="govuk-body">No one has a pass that a content change has reopened.</p>;
  }
  const shown = changes.learners.length;
  return (
    <>
      <p className="govuk-body">
        {changes.total === 1 ? "1 person needs" : `${changes.total.toLocaleString("en-GB")} people need`} to renew a
        module. {shown < changes.total ? `The first ${shown.toLocaleString("en-GB")}, by name, are listed.` : null}
      </p>
      <ScrollRegion labelledBy="content-changes-caption">
        <Table
          caption={<span id="content-changes-caption">People who must renew after a content change</span>}
          captionClassName="govuk-table__caption--m"
          firstCellIsHeader
          head={[
            { content: "Name" },
            { content: "Module" },
            { content: "Passed version" },
            { content: "Changed in version" },
            { content: "Renew by" },
          ]}
          rowKeys={changes.learners.map((learner) => `${learner.userId}:${learner.moduleId}`)}
          rows={changes.learners.map((learner): TableCell[] => [
            {
              content: (
                <>
                  <Link to={{ name: "trainer-learner", userId: learner.userId }}>{learner.displayName}</Link>
                  {learner.collarNumber === null ? null : (
                    <span className="govuk-body-s govuk-!-display-block">Collar {learner.collarNumber}</span>
                  )}
                </>
              ),
            },
            learner.moduleTitle,
            learner.passedVersion,
            `${learner.changedVersion} (${formatDay(learner.changedOn)})`,
            formatDay(learner.renewBy),
          ])}
        />
      </ScrollRegion>
    </>
  );
}

function GracePeriodForm({ current, onSaved }: { current: number; onSaved: (graceDays: number) => void }) {
  const [value, setValue] = useState(String(current));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = value.trim();
    // The server checks the same bounds; checking here first gives the GOV.UK message without a round trip.
    const problem =
      text === ""
        ? "Enter the number of days learners have to renew"
        : !/^\d+$/.test(text)
          ? "The number of days must be a whole number, like 90"
          : Number(text) > 366
            ? "The number of days must be 366 or fewer"
            : null;
    if (problem !== null) {
      setErrors([{ fieldId: graceFieldId, message: problem }]);
      return;
    }
    setSaving(true);
    const result = await setGracePeriod({ graceDays: Number(text) });
    setSaving(false);
    if (!result.ok) {
      const fieldErrors = fieldErrorsFrom(result.problem, { graceDays: graceFieldId });
      setErrors(fieldErrors.length > 0 ? fieldErrors : [{ fieldId: graceFieldId, message: result.problem.title }]);
      return;
    }
    setErrors([]);
    onSaved(result.data.graceDays);
  };

  const message = errors.find((error) => error.fieldId === graceFieldId)?.message;
  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 className="govuk-heading-m">Grace period</h2>
      {errors.length === 0 ? null : (
        <ErrorSummary errors={errors.map((error) => ({ text: error.message, href: `#${error.fieldId}` }))} />
      )}
      <TextInput
        id={graceFieldId}
        name={graceFieldId}
        label="Days learners have to renew after a content change"
        labelClassName="govuk-label--s"
        hint="From the day the changed module is published. Between 0 and 366 days. Changing it moves everyone's renew-by date."
        className="govuk-input--width-3"
        inputMode="numeric"
        spellCheck={false}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        errorMessage={message}
        suffix="days"
      />
      <Button type="submit" disabled={saving}>
        Save grace period
      </Button>
    </form>
  );
}
