import { useState, type FormEvent } from "react";
import {
  BackLink,
  Button,
  ButtonLink,
  DateInput,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  Table,
  type DateInputValue,
  type TableCell,
} from "@stalking-response/ui";
import { ModuleIdSchema } from "@stalking-response/curriculum";
import { JobRoleSchema, jobRoleLabels } from "../../../shared/api";
import type { Assignment } from "../../../shared/trainer-api";
import type { ApiResult } from "../../api/client";
import { useResource } from "../../api/use-resource";
import { formatDay } from "../../format/dates";
import { linkTo, navigate } from "../../routing/router";
import { href } from "../../routing/routes";
import type { AssignStep } from "../../routing/routes";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { ScrollRegion } from "./scroll-region";
import { createAssignment, getAssignments, getGrid, getUnits } from "./trainer-endpoints";

/** What the trainer has answered so far; kept for this tab only, so a reload does not lose it. */
type Draft = { moduleId?: string; jobRole?: string; unitId?: string; dueDate?: string };
const draftKey = "trainer-assignment.draft";
const createdKey = "trainer-assignment.created";

function readDraft(): Draft {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey) ?? "{}") as Draft;
  } catch {
    return {};
  }
}
const saveDraft = (draft: Draft) => sessionStorage.setItem(draftKey, JSON.stringify(draft));

type Choices = { modules: { id: string; title: string }[]; units: { id: string; name: string }[] };

async function loadChoices(): Promise<ApiResult<Choices>> {
  // The grid's first row-less page names the force's modules in course order.
  const [grid, units] = await Promise.all([getGrid("?limit=1"), getUnits()]);
  if (!grid.ok) return grid;
  if (!units.ok) return units;
  return { ok: true, data: { modules: grid.data.modules, units: units.data } };
}

/** The assignments in force, with how many people each covers, and a way to add one. */
export function AssignmentsPage() {
  const [assignments] = useResource("trainer-assignments", getAssignments);
  useDocumentTitle("Assignments");
  const [created] = useState(() => {
    const value = sessionStorage.getItem(createdKey);
    sessionStorage.removeItem(createdKey);
    return value;
  });
  if (assignments.state === "loading") return <LoadingPage />;
  if (assignments.state === "failed") return <ProblemPage problem={assignments.problem} />;
  const who = (a: Assignment) =>
    [a.jobRole === null ? null : jobRoleLabels[a.jobRole], a.unit?.name ?? null].filter(Boolean).join(" in ");
  return (
    <>
      {created === null ? null : (
        <NotificationBanner type="success" heading="Module assigned">
          {created}
        </NotificationBanner>
      )}
      <PageHeading caption="Trainer">Assignments</PageHeading>
      <ButtonLink {...linkTo({ name: "trainer-assign", step: "module" })}>Assign a module</ButtonLink>
      <ScrollRegion labelledBy="assignments-caption">
        <Table
          caption={<span id="assignments-caption">Modules assigned in the force</span>}
          captionClassName="govuk-table__caption--m"
          firstCellIsHeader
          head={[
            { content: "Module" },
            { content: "Assigned to" },
            { content: "Due" },
            { content: "Renew every" },
            { content: "People", format: "numeric" },
          ]}
          rowKeys={assignments.data.map((a) => a.id)}
          rows={assignments.data.map((a): TableCell[] => [
            a.moduleTitle,
            who(a),
            formatDay(a.dueDate),
            `${a.validityMonths} months`,
            { content: a.people.toLocaleString("en-GB"), format: "numeric" },
          ])}
        />
      </ScrollRegion>
    </>
  );
}

const steps: AssignStep[] = ["module", "job-role", "unit", "due-date", "check"];

/** Where each field of an assignment is answered, and its name in an error message ("The due date must be…"). */
const fieldSteps: Readonly<Record<string, { step: AssignStep; label: string }>> = {
  moduleId: { step: "module", label: "The module" },
  jobRole: { step: "job-role", label: "The job role" },
  unitId: { step: "unit", label: "The unit" },
  dueDate: { step: "due-date", label: "The due date" },
};
const titles: Record<AssignStep, string> = {
  module: "Which module do you want to assign?",
  "job-role": "Which job role should take it?",
  unit: "Which unit should take it?",
  "due-date": "When should it be completed by?",
  check: "Check the assignment before you save it",
};

/**
 * Assigning a module, one question per page (module, job role, unit, due date) and then check answers, as
 * GOV.UK forms do. A page reached from "Change" returns to check answers.
 */
export function AssignPage({ step, fromCheck }: { step: AssignStep; fromCheck: boolean }) {
  const [choices] = useResource("trainer-assign-choices", loadChoices);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(titles[step], error !== null);
  if (choices.state === "loading") return <LoadingPage />;
  if (choices.state === "failed") return <ProblemPage problem={choices.problem} />;
  const previous = steps[steps.indexOf(step) - 1];
  const back = fromCheck
    ? linkTo({ name: "trainer-assign", step: "check" })
    : linkTo(previous ? { name: "trainer-assign", step: previous } : { name: "trainer-assignments" });
  const goOn = () => {
    const next = steps[steps.indexOf(step) + 1];
    navigate({ name: "trainer-assign", step: fromCheck || next === undefined ? "check" : next });
  };
  return (
    <>
      <BackLink {...back}>Back</BackLink>
      {step === "check" ? (
        <CheckAssignment choices={choices.data} />
      ) : (
        <Question step={step} choices={choices.data} error={error} setError={setError} goOn={goOn} />
      )}
    </>
  );
}

type QuestionProps = {
  step: Exclude<AssignStep, "check">;
  choices: Choices;
  error: string | null;
  setError: (error: string | null) => void;
  goOn: () => void;
};

function Question({ step, choices, error, setError, goOn }: QuestionProps) {
  const draft = readDraft();
  // Each refused submit shows the error summary afresh, so it takes focus again even when one was showing.
  const [refusals, setRefusals] = useState(0);
  const refuse = (message: string) => {
    setRefusals((count) => count + 1);
    setError(message);
  };
  const [date, setDate] = useState<DateInputValue>(() => {
    const [year = "", month = "", day = ""] = (draft.dueDate ?? "").split("-");
    return { day, month, year };
  });
  const fieldId = step === "due-date" ? "dueDate-day" : step === "module" ? "moduleId" : step;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    if (step === "module") {
      if (!text("moduleId")) return refuse("Select the module to assign");
      saveDraft({ ...draft, moduleId: text("moduleId") });
    } else if (step === "job-role") {
      saveDraft({ ...draft, jobRole: text("jobRole") });
    } else if (step === "unit") {
      if (!text("unitId") && !draft.jobRole) return refuse("Select a unit, or go back and select a job role");
      saveDraft({ ...draft, unitId: text("unitId") });
    } else {
      const iso = `${date.year.trim().padStart(4, "0")}-${date.month.trim().padStart(2, "0")}-${date.day.trim().padStart(2, "0")}`;
      const parsed = new Date(`${iso}T00:00:00Z`);
      if (!date.day.trim() || !date.month.trim() || !date.year.trim())
        return refuse("Enter the date it should be completed by, including a day, month and year");
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso)
        return refuse("The date it should be completed by must be a real date");
      // The server refuses a past date (by the UTC day, as it counts days); saying so here keeps the mistake on
      // this page instead of the check page.
      if (iso < new Date().toISOString().slice(0, 10))
        return refuse("The date it should be completed by must be today or in the future");
      saveDraft({ ...draft, dueDate: iso });
    }
    setError(null);
    goOn();
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      {error === null ? null : <ErrorSummary key={refusals} errors={[{ text: error, href: `#${fieldId}` }]} />}
      <PageHeading caption="Assign a module">{titles[step]}</PageHeading>
      {step === "module" ? (
        <Radios
          name="moduleId"
          idPrefix="moduleId"
          legend="Module"
          legendClassName="govuk-visually-hidden"
          defaultValue={draft.moduleId ?? null}
          errorMessage={error ?? undefined}
          items={choices.modules.map((module) => ({ value: module.id, label: module.title }))}
        />
      ) : step === "job-role" ? (
        <Radios
          name="jobRole"
          idPrefix="job-role"
          legend="Job role"
          legendClassName="govuk-visually-hidden"
          hint="Choose no job role to assign it to everyone in a unit."
          defaultValue={draft.jobRole ?? ""}
          items={[
            ...JobRoleSchema.options.map((role) => ({ value: role, label: jobRoleLabels[role] })),
            { divider: "or" },
            { value: "", label: "No job role: everyone in the unit I choose next" },
          ]}
        />
      ) : step === "unit" ? (
        <Select
          id="unit"
          name="unitId"
          label="Unit"
          hint="A command includes the teams under it. Choose all units to assign it to the job role across the force."
          defaultValue={draft.unitId ?? ""}
          errorMessage={error ?? undefined}
          items={[
            { value: "", text: "All units" },
            ...choices.units.map((unit) => ({ value: unit.id, text: unit.name })),
          ]}
        />
      ) : (
        <DateInput
          id="dueDate"
          namePrefix="dueDate"
          legend="Due date"
          legendClassName="govuk-visually-hidden"
          hint="For example, 31 3 2027. Recertification then follows the module's validity period."
          errorMessage={error ?? undefined}
          value={date}
          onChange={setDate}
        />
      )}
      <Button type="submit">Continue</Button>
    </form>
  );
}

function CheckAssignment({ choices }: { choices: Choices }) {
  const draft = readDraft();
  const [problem, setProblem] = useState<{ field: string; reason: string }[] | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (step: AssignStep, what: string) => {
    const { href, onClick } = linkTo({ name: "trainer-assign", step, fromCheck: true });
    return [{ href, onClick, text: "Change", visuallyHiddenText: what }];
  };
  const moduleTitle = choices.modules.find((m) => m.id === draft.moduleId)?.title ?? "Not chosen";
  const unitName = choices.units.find((u) => u.id === draft.unitId)?.name ?? "All units";
  const role = JobRoleSchema.safeParse(draft.jobRole);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const moduleId = ModuleIdSchema.safeParse(draft.moduleId);
    if (!moduleId.success) {
      setProblem([{ field: "", reason: "Select the module to assign" }]);
      return;
    }
    setSaving(true);
    const result = await createAssignment({
      moduleId: moduleId.data,
      jobRole: role.success ? role.data : null,
      unitId: draft.unitId ? draft.unitId : null,
      dueDate: draft.dueDate ?? "",
    });
    setSaving(false);
    if (!result.ok) {
      setProblem(
        result.problem.fieldErrors.length > 0
          ? result.problem.fieldErrors
          : [{ field: "", reason: result.problem.detail ?? result.problem.title }],
      );
      return;
    }
    sessionStorage.removeItem(draftKey);
    sessionStorage.setItem(
      createdKey,
      `${result.data.moduleTitle} is assigned to ${result.data.people} people, due ${formatDay(result.data.dueDate)}.`,
    );
    navigate({ name: "trainer-assignments" });
  };

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      {problem === null ? null : (
        <ErrorSummary
          errors={problem.map((p) => {
            // A field the server refused is answered on its own page: say which, in words, and link there.
            const step = fieldSteps[p.field];
            const text = step ? `${step.label} ${p.reason}` : p.reason;
            return step ? { text, href: href({ name: "trainer-assign", step: step.step, fromCheck: true }) } : { text };
          })}
        />
      )}
      <PageHeading caption="Assign a module">{titles.check}</PageHeading>
      <SummaryList
        rows={[
          { key: "Module", value: moduleTitle, actions: change("module", "module") },
          {
            key: "Job role",
            value: role.success ? jobRoleLabels[role.data] : "Any job role",
            actions: change("job-role", "job role"),
          },
          { key: "Unit", value: unitName, actions: change("unit", "unit") },
          {
            key: "Due date",
            value: draft.dueDate ? formatDay(draft.dueDate) : "Not chosen",
            actions: change("due-date", "due date"),
          },
        ]}
      />
      <Button type="submit" disabled={saving}>
        Assign module
      </Button>
    </form>
  );
}
