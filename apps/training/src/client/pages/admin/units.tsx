import { useState, type FormEvent, type ReactNode } from "react";
import {
  Button,
  ButtonLink,
  ErrorSummary,
  NotificationBanner,
  Panel,
  Radios,
  Select,
  SummaryList,
  Table,
  Tag,
  TextInput,
  type TableCell,
} from "@stalking-response/ui";
import type { AdminUnit, UpdateUnitRequest } from "../../../shared/admin-api";
import type { FieldError } from "../../api/problem";
import { useResource } from "../../api/use-resource";
import { Link, linkTo } from "../../routing/router";
import { useSession } from "../../session/session";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { createUnit, getAdminUnits, updateUnit } from "./admin-endpoints";

import { CHECK_TITLE, CheckAnswers, FormErrors, messageFor, ContinueOrCancel } from "./check-answers";
import { AdminLinks } from "./admin-links";
import { useSteps } from "./use-steps";

/** Admin pages are for admins; the server refuses everyone else anyway, and this says so plainly. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const admin = session.state === "signed-in" && session.user.role === "admin";
  return admin ? <>{children}</> : <NoAdminAccessPage />;
}

function NoAdminAccessPage() {
  useDocumentTitle("You do not have access");
  return (
    <>
      <PageHeading>You do not have access</PageHeading>
      <p className="govuk-body">Only your force&apos;s admins can manage people and units.</p>
      <p className="govuk-body">
        <Link to={{ name: "my-training" }}>Go to my training</Link>
      </p>
    </>
  );
}

const parentName = (units: readonly AdminUnit[], parentId: string | null) =>
  parentId === null ? "None" : (units.find((unit) => unit.id === parentId)?.name ?? "Unknown");
/** Open commands a team may sit under, with "None" first. */
const commandItems = (units: readonly AdminUnit[], except?: string) => [
  { value: "", text: "None" },
  ...units
    .filter((unit) => unit.kind === "command" && !unit.closed && unit.id !== except)
    .map((unit) => ({ value: unit.id, text: unit.name })),
];

/** The force's commands and teams, with how many people are in each. */
export function AdminUnitsPage() {
  const [units] = useResource("admin-units", getAdminUnits);
  useDocumentTitle("Units");
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (units.state === "loading") return <LoadingPage />;
  return (
    <>
      <PageHeading caption="Admin">Units</PageHeading>
      <AdminLinks current={{ name: "admin-units" }} />
      <ButtonLink {...linkTo({ name: "admin-unit-new" })}>Create a unit</ButtonLink>
      {units.data.length === 0 ? (
        <p className="govuk-body">Your force has no units yet.</p>
      ) : (
        <Table
          caption="Commands and teams"
          captionClassName="govuk-table__caption--m"
          firstCellIsHeader
          head={[
            { content: "Name" },
            { content: "Kind" },
            { content: "Under" },
            { content: "People", format: "numeric" },
            { content: "Status" },
          ]}
          rowKeys={units.data.map((unit) => unit.id)}
          rows={units.data.map((unit): TableCell[] => [
            { content: <Link to={{ name: "admin-unit", unitId: unit.id }}>{unit.name}</Link> },
            unit.kind === "command" ? "Command" : "Team",
            parentName(units.data, unit.parentId),
            { content: unit.people.toLocaleString("en-GB"), format: "numeric" },
            { content: unit.closed ? <Tag colour="grey">Closed</Tag> : <Tag colour="green">Open</Tag> },
          ])}
        />
      )}
    </>
  );
}

const unitFields = { name: "name", kind: "kind", parentId: "parentId" } as const;

/** Create a command, or a team (optionally under a command): the form, its check, then the confirmation. */
export function NewUnitPage() {
  const [units] = useResource("admin-units", getAdminUnits);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"command" | "team" | "">("");
  const [parentId, setParentId] = useState("");
  const {
    step,
    setStep,
    errors,
    setErrors,
    attempt,
    submitted,
    busy,
    save: saving,
    refused,
  } = useSteps<"form" | "check">("form");
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  useDocumentTitle(created ? "Unit created" : step === "check" ? CHECK_TITLE : "Create a unit", errors.length > 0);
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (units.state === "loading") return <LoadingPage />;
  if (created) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Unit created">{created.name}</Panel>
          <p className="govuk-body">
            <Link to={{ name: "admin-units" }}>Back to units</Link>
          </p>
        </div>
      </div>
    );
  }
  const toCheck = (event: FormEvent) => {
    event.preventDefault();
    submitted();
    const missing: FieldError[] = [];
    if (name.trim() === "") missing.push({ fieldId: unitFields.name, message: "Enter the unit's name" });
    if (kind === "") missing.push({ fieldId: unitFields.kind, message: "Select whether it is a command or a team" });
    setErrors(missing);
    if (missing.length === 0) setStep("check");
  };
  const save = async () => {
    if (kind === "") return setStep("form");
    const result = await saving(() =>
      createUnit({ name: name.trim(), kind, parentId: kind === "team" && parentId !== "" ? parentId : null }),
    );
    if (result.ok) return setCreated(result.data);
    refused(result.problem, unitFields, unitFields.name);
    setStep("form");
  };
  if (step === "check") {
    return (
      <CheckAnswers
        caption="Create a unit"
        rows={[
          { key: "Name", value: name.trim() },
          { key: "Kind", value: kind === "command" ? "Command" : "Team" },
          ...(kind === "team" ? [{ key: "Under", value: parentName(units.data, parentId || null) }] : []),
        ]}
        submitText="Create unit"
        busy={busy}
        onBack={() => setStep("form")}
        onSubmit={() => void save()}
      />
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} attempt={attempt} />
        <PageHeading caption="Admin">Create a unit</PageHeading>
        <form noValidate onSubmit={toCheck}>
          <TextInput
            id={unitFields.name}
            name="name"
            label="Name"
            spellCheck={false}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errorMessage={messageFor(errors, unitFields.name)}
          />
          <Radios
            name="kind"
            idPrefix={unitFields.kind}
            legend="Is it a command or a team?"
            legendClassName="govuk-fieldset__legend--s"
            items={[
              { value: "command", label: "Command", hint: "A group of teams, such as a local policing area" },
              { value: "team", label: "Team", hint: "Where people work; it may sit under a command" },
            ]}
            value={kind === "" ? null : kind}
            onChange={(value) => setKind(value === "command" ? "command" : "team")}
            errorMessage={messageFor(errors, unitFields.kind)}
          />
          {kind === "team" ? (
            <Select
              id={unitFields.parentId}
              name="parentId"
              label="Command it sits under"
              items={commandItems(units.data)}
              value={parentId}
              onChange={(event) => setParentId(event.target.value)}
              errorMessage={messageFor(errors, unitFields.parentId)}
            />
          ) : null}
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}

type UnitStep = { name: "view"; banner?: string } | { name: "edit" } | { name: "check"; changes: UpdateUnitRequest };

/** One unit: rename it, move a team under a command, or close or reopen it (each checked first). */
export function AdminUnitPage({ unitId }: { unitId: string }) {
  const [units, replaceUnits] = useResource("admin-units", getAdminUnits);
  const { step, setStep, errors, setErrors, busy, save, refused } = useSteps<UnitStep>({ name: "view" });
  const unit = units.state === "ready" ? units.data.find((candidate) => candidate.id === unitId) : undefined;
  useDocumentTitle(
    unit
      ? step.name === "edit"
        ? `Change ${unit.name}`
        : step.name === "check"
          ? "Check your changes"
          : unit.name
      : "Unit",
    errors.length > 0,
  );
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (units.state === "loading") return <LoadingPage />;
  if (!unit) return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;

  const apply = async (changes: UpdateUnitRequest, banner: string) => {
    const result = await save(() => updateUnit(unit.id, changes));
    if (!result.ok) {
      refused(result.problem, unitFields, unitFields.name);
      return setStep(changes.closed === undefined ? { name: "edit" } : { name: "view" });
    }
    replaceUnits(units.data.map((candidate) => (candidate.id === unit.id ? result.data : candidate)));
    setErrors([]);
    setStep({ name: "view", banner });
  };

  if (step.name === "edit") {
    return (
      <EditUnitForm
        unit={unit}
        units={units.data}
        errors={errors}
        onCancel={() => setStep({ name: "view" })}
        onContinue={(changes) => setStep({ name: "check", changes })}
      />
    );
  }
  if (step.name === "check") {
    const { changes } = step;
    return (
      <CheckAnswers
        caption={unit.name}
        title="Check your changes"
        rows={[
          { key: "Name", value: changes.name ?? unit.name },
          ...(unit.kind === "team"
            ? [
                {
                  key: "Under",
                  value: parentName(units.data, changes.parentId === undefined ? unit.parentId : changes.parentId),
                },
              ]
            : []),
        ]}
        submitText="Save changes"
        busy={busy}
        onBack={() => setStep({ name: "edit" })}
        onSubmit={() => void apply(changes, "The unit has been changed")}
      />
    );
  }
  return (
    <>
      {errors.length === 0 ? null : (
        <ErrorSummary errors={errors.map((error) => ({ text: error.message, href: "#unit-actions" }))} />
      )}
      {step.banner === undefined ? null : <NotificationBanner type="success" heading={step.banner} />}
      <PageHeading caption="Admin">{unit.name}</PageHeading>
      <SummaryList
        rows={[
          { key: "Kind", value: unit.kind === "command" ? "Command" : "Team" },
          ...(unit.kind === "team" ? [{ key: "Under", value: parentName(units.data, unit.parentId) }] : []),
          { key: "People", value: unit.people.toLocaleString("en-GB") },
          { key: "Status", value: unit.closed ? "Closed" : "Open" },
        ]}
      />
      <div className="govuk-button-group" id="unit-actions">
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setErrors([]);
            setStep({ name: "edit" });
          }}
        >
          {unit.kind === "team" ? "Rename or move" : "Rename"}
        </Button>
        {unit.closed ? (
          <Button
            type="button"
            variant="secondary"
            disabled={busy}
            onClick={() => void apply({ closed: false }, "The unit has been reopened")}
          >
            Reopen unit
          </Button>
        ) : (
          <Button
            type="button"
            variant="warning"
            disabled={busy}
            onClick={() => void apply({ closed: true }, "The unit has been closed")}
          >
            Close unit
          </Button>
        )}
      </div>
      <p className="govuk-body">
        <Link to={{ name: "admin-units" }}>Back to units</Link>
      </p>
    </>
  );
}

function EditUnitForm(props: {
  unit: AdminUnit;
  units: readonly AdminUnit[];
  errors: FieldError[];
  onCancel: () => void;
  onContinue: (changes: UpdateUnitRequest) => void;
}) {
  const { unit } = props;
  const [name, setName] = useState(unit.name);
  const [parentId, setParentId] = useState(unit.parentId ?? "");
  const [errors, setErrors] = useState(props.errors);
  const [attempt, setAttempt] = useState(0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    if (name.trim() === "") return setErrors([{ fieldId: unitFields.name, message: "Enter the unit's name" }]);
    const changes: UpdateUnitRequest = {
      ...(name.trim() === unit.name ? {} : { name: name.trim() }),
      ...(unit.kind === "team" && (parentId || null) !== unit.parentId ? { parentId: parentId || null } : {}),
    };
    if (Object.keys(changes).length === 0)
      return setErrors([{ fieldId: unitFields.name, message: "Change the name or command, or cancel" }]);
    props.onContinue(changes);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} attempt={attempt} />
        <PageHeading caption={unit.name}>{unit.kind === "team" ? "Rename or move" : "Rename"}</PageHeading>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={unitFields.name}
            name="name"
            label="Name"
            spellCheck={false}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errorMessage={messageFor(errors, unitFields.name)}
          />
          {unit.kind === "team" ? (
            <Select
              id={unitFields.parentId}
              name="parentId"
              label="Command it sits under"
              items={commandItems(props.units)}
              value={parentId}
              onChange={(event) => setParentId(event.target.value)}
              errorMessage={messageFor(errors, unitFields.parentId)}
            />
          ) : null}
          <ContinueOrCancel onCancel={props.onCancel} />
        </form>
      </div>
    </div>
  );
}
