import { useState, type FormEvent } from "react";
import {
  Button,
  ButtonLink,
  InsetText,
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
import type { AdminUnit, AdminUser, AdminUserDetail, UpdateUserRequest } from "../../../shared/admin-api";
import { AccountRoleSchema, JobRoleSchema, jobRoleLabels, type AccountRole, type JobRole } from "../../../shared/api";
import type { FieldError } from "../../api/problem";
import { useResource } from "../../api/use-resource";
import { formatDateTime } from "../../format/dates";
import { Link, linkTo, navigate } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { NEW_PASSWORD_HINT, newPasswordError } from "../account/password-fields";
import {
  clearEmailFailure,
  createUser,
  getAdminUnits,
  getAdminUser,
  getAdminUsers,
  issueResetLink,
  setTemporaryPassword,
  updateUser,
} from "./admin-endpoints";
import { CHECK_TITLE, CheckAnswers, FormErrors, messageFor, ContinueOrCancel } from "./check-answers";
import { AdminLinks } from "./admin-links";
import { useSteps } from "./use-steps";

export const roleLabels: Readonly<Record<AccountRole, string>> = {
  officer: "Officer (does their own training)",
  trainer: "Trainer (sees the force's records, assigns modules)",
  admin: "Admin (manages people and units)",
};
const shortRole: Readonly<Record<AccountRole, string>> = { officer: "Officer", trainer: "Trainer", admin: "Admin" };

const unitName = (units: readonly AdminUnit[], unitId: string | null) =>
  unitId === null ? "No unit" : (units.find((unit) => unit.id === unitId)?.name ?? "Unknown unit");

/** Open units as select options, with "No unit" first. */
const unitItems = (units: readonly AdminUnit[]) => [
  { value: "", text: "No unit" },
  ...units.filter((unit) => !unit.closed).map((unit) => ({ value: unit.id, text: unit.name })),
];

/** The force's people: find by name, email address or collar number, and open one. */
export function AdminUsersPage({ query }: { query: string | undefined }) {
  const params = new URLSearchParams(query ?? "");
  const q = params.get("q") ?? "";
  const after = params.get("after") ?? undefined;
  const [text, setText] = useState(q);
  const [users] = useResource(`admin-users:${query ?? ""}`, () => getAdminUsers(q, after));
  const [units] = useResource("admin-units", getAdminUnits);
  useDocumentTitle("Users");
  if (users.state === "failed") return <ProblemPage problem={users.problem} />;
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (users.state === "loading" || units.state === "loading") return <LoadingPage />;
  const search = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    navigate({
      name: "admin-users",
      ...(trimmed === "" ? {} : { query: new URLSearchParams({ q: trimmed }).toString() }),
    });
  };
  const rows = users.data.users.map((user): TableCell[] => [
    { content: <Link to={{ name: "admin-user", userId: user.id }}>{user.displayName}</Link> },
    user.collarNumber ?? "None",
    user.email,
    shortRole[user.role],
    unitName(units.data, user.unitId),
    { content: user.disabled ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag> },
  ]);
  return (
    <>
      <PageHeading caption="Admin">Users</PageHeading>
      <AdminLinks current={{ name: "admin-users" }} />
      <ButtonLink {...linkTo({ name: "admin-user-new" })}>Create a user</ButtonLink>
      <form noValidate onSubmit={search} role="search" aria-label="Users">
        <TextInput
          id="q"
          name="q"
          label="Find a user"
          labelClassName="govuk-label--s"
          hint="Part of their name, email address or collar number"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <Button variant="secondary">Search</Button>
      </form>
      {rows.length === 0 ? (
        <p className="govuk-body">No users match &lsquo;{q}&rsquo;.</p>
      ) : (
        <Table
          caption={q === "" ? "Users by name" : `Users matching ‘${q}’`}
          captionClassName="govuk-table__caption--m"
          firstCellIsHeader
          head={[
            { content: "Name" },
            { content: "Collar number" },
            { content: "Email address" },
            { content: "Role" },
            { content: "Unit" },
            { content: "Status" },
          ]}
          rowKeys={users.data.users.map((user) => user.id)}
          rows={rows}
        />
      )}
      {users.data.next === null ? null : (
        <p className="govuk-body">
          <Link
            to={{
              name: "admin-users",
              query: new URLSearchParams({ ...(q === "" ? {} : { q }), after: users.data.next }).toString(),
            }}
          >
            Next page of users
          </Link>
        </p>
      )}
    </>
  );
}

const newUserFields = {
  displayName: "displayName",
  email: "email",
  collarNumber: "collarNumber",
  role: "role",
  jobRole: "jobRole",
  unitId: "unitId",
  password: "password",
} as const;

type Draft = {
  displayName: string;
  email: string;
  collarNumber: string;
  role: AccountRole | "";
  jobRole: JobRole | "";
  unitId: string;
  password: string;
};

/** Create a user: their details and a temporary password, checked, then created. */
export function NewUserPage() {
  const [units] = useResource("admin-units", getAdminUnits);
  const [draft, setDraft] = useState<Draft>({
    displayName: "",
    email: "",
    collarNumber: "",
    role: "",
    jobRole: "",
    unitId: "",
    password: "",
  });
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
  const [created, setCreated] = useState<AdminUser | null>(null);
  useDocumentTitle(created ? "User created" : step === "check" ? CHECK_TITLE : "Create a user", errors.length > 0);
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (units.state === "loading") return <LoadingPage />;
  const set = (field: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));

  if (created) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="User created">{created.displayName}</Panel>
          <p className="govuk-body">
            Give {created.displayName} their temporary password in person or by phone, never in the same email as their
            sign-in name. They must choose their own password when they first sign in.
          </p>
          <p className="govuk-body">
            <Link to={{ name: "admin-user", userId: created.id }}>Go to {created.displayName}&apos;s page</Link>
          </p>
          <p className="govuk-body">
            <Link to={{ name: "admin-users" }}>Back to users</Link>
          </p>
        </div>
      </div>
    );
  }

  const toCheck = (event: FormEvent) => {
    event.preventDefault();
    submitted();
    const missing: FieldError[] = [];
    if (draft.displayName.trim() === "")
      missing.push({ fieldId: newUserFields.displayName, message: "Enter the person's name" });
    if (!/^\S+@\S+\.\S+$/.test(draft.email.trim()))
      missing.push({
        fieldId: newUserFields.email,
        message: "Enter an email address in the correct format, like name@example.police.uk",
      });
    if (draft.collarNumber.trim() !== "" && !/^[A-Za-z0-9-]{1,20}$/.test(draft.collarNumber.trim()))
      missing.push({
        fieldId: newUserFields.collarNumber,
        message: "Collar number must be letters, digits or dashes, up to 20",
      });
    if (draft.role === "") missing.push({ fieldId: newUserFields.role, message: "Select what they may do in the app" });
    if (draft.jobRole === "") missing.push({ fieldId: newUserFields.jobRole, message: "Select their job role" });
    const passwordError = newPasswordError(draft.password);
    if (passwordError !== undefined)
      missing.push({
        fieldId: newUserFields.password,
        message: passwordError.replace("New password", "Temporary password"),
      });
    setErrors(missing);
    if (missing.length === 0) setStep("check");
  };

  const save = async () => {
    const { role, jobRole } = draft;
    if (role === "" || jobRole === "") return setStep("form");
    const result = await saving(() =>
      createUser({
        displayName: draft.displayName.trim(),
        email: draft.email.trim(),
        collarNumber: draft.collarNumber.trim() === "" ? null : draft.collarNumber.trim(),
        role,
        jobRole,
        unitId: draft.unitId === "" ? null : draft.unitId,
        password: draft.password,
      }),
    );
    if (result.ok) return setCreated(result.data);
    refused(result.problem, newUserFields, newUserFields.displayName);
    setStep("form");
  };

  if (step === "check") {
    return (
      <CheckAnswers
        caption="Create a user"
        rows={[
          { key: "Name", value: draft.displayName.trim() },
          { key: "Email address", value: draft.email.trim() },
          { key: "Collar number", value: draft.collarNumber.trim() || "None" },
          { key: "Role", value: draft.role === "" ? "" : roleLabels[draft.role] },
          { key: "Job role", value: draft.jobRole === "" ? "" : jobRoleLabels[draft.jobRole] },
          { key: "Unit", value: unitName(units.data, draft.unitId || null) },
          { key: "Temporary password", value: "Set (they must change it when they first sign in)" },
        ]}
        submitText="Create user"
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
        <PageHeading caption="Admin">Create a user</PageHeading>
        <form noValidate onSubmit={toCheck}>
          <TextInput
            id={newUserFields.displayName}
            name="displayName"
            label="Full name"
            autoComplete="off"
            spellCheck={false}
            value={draft.displayName}
            onChange={(event) => set("displayName")(event.target.value)}
            errorMessage={messageFor(errors, newUserFields.displayName)}
          />
          <TextInput
            id={newUserFields.email}
            name="email"
            type="email"
            label="Email address"
            autoComplete="off"
            spellCheck={false}
            value={draft.email}
            onChange={(event) => set("email")(event.target.value)}
            errorMessage={messageFor(errors, newUserFields.email)}
          />
          <TextInput
            id={newUserFields.collarNumber}
            name="collarNumber"
            label="Collar number (optional)"
            hint="Staff without one can sign in with their email address"
            className="govuk-input--width-10"
            spellCheck={false}
            value={draft.collarNumber}
            onChange={(event) => set("collarNumber")(event.target.value)}
            errorMessage={messageFor(errors, newUserFields.collarNumber)}
          />
          <Radios
            name="role"
            idPrefix={newUserFields.role}
            legend="What may they do in the app?"
            legendClassName="govuk-fieldset__legend--s"
            items={AccountRoleSchema.options.map((role) => ({ value: role, label: roleLabels[role] }))}
            value={draft.role === "" ? null : draft.role}
            onChange={set("role")}
            errorMessage={messageFor(errors, newUserFields.role)}
          />
          <Select
            id={newUserFields.jobRole}
            name="jobRole"
            label="Job role"
            items={[
              { value: "", text: "Select a job role" },
              ...JobRoleSchema.options.map((role) => ({ value: role, text: jobRoleLabels[role] })),
            ]}
            value={draft.jobRole}
            onChange={(event) => set("jobRole")(event.target.value)}
            errorMessage={messageFor(errors, newUserFields.jobRole)}
          />
          <Select
            id={newUserFields.unitId}
            name="unitId"
            label="Unit"
            items={unitItems(units.data)}
            value={draft.unitId}
            onChange={(event) => set("unitId")(event.target.value)}
            errorMessage={messageFor(errors, newUserFields.unitId)}
          />
          <TextInput
            id={newUserFields.password}
            name="password"
            type="password"
            label="Temporary password"
            hint={`They must change it when they first sign in. ${NEW_PASSWORD_HINT}`}
            autoComplete="new-password"
            spellCheck={false}
            value={draft.password}
            onChange={(event) => set("password")(event.target.value)}
            errorMessage={messageFor(errors, newUserFields.password)}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}

type UserStep =
  | { name: "view"; banner?: string }
  | { name: "edit" }
  | { name: "check-edit"; changes: UpdateUserRequest }
  | { name: "confirm-disable" }
  | { name: "reset-link"; path: string; expiresAt: string }
  | { name: "temporary-password" }
  | { name: "check-temporary-password"; password: string };

/** One person: their details and sign-ins, and what an admin can do (change, disable, issue a reset link). */
export function AdminUserPage({ userId }: { userId: string }) {
  const [resource, replace] = useResource(`admin-user:${userId}`, () => getAdminUser(userId));
  const [units] = useResource("admin-units", getAdminUnits);
  const { step, setStep, errors, setErrors, attempt, submitted, busy, save } = useSteps<UserStep>({ name: "view" });
  const name = resource.state === "ready" ? resource.data.displayName : "User";
  const titles: Record<UserStep["name"], string> = {
    view: name,
    edit: "Change role, job role or unit",
    "check-edit": "Check your changes",
    "confirm-disable": `Disable ${name}?`,
    "reset-link": "Password reset link",
    "temporary-password": "Set a temporary password",
    "check-temporary-password": "Check the temporary password",
  };
  useDocumentTitle(titles[step.name], errors.length > 0);
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (resource.state === "loading" || units.state === "loading") return <LoadingPage />;
  const user = resource.data;

  const apply = async (changes: UpdateUserRequest, banner: string) => {
    const result = await save(() => updateUser(user.id, changes));
    if (!result.ok) {
      setErrors([{ fieldId: "role", message: result.problem.detail ?? result.problem.title }]);
      return setStep({ name: "edit" });
    }
    replace({ ...user, ...result.data });
    setErrors([]);
    setStep({ name: "view", banner });
  };

  if (step.name === "edit") {
    return (
      <EditUserForm
        user={user}
        units={units.data}
        errors={errors}
        onCancel={() => setStep({ name: "view" })}
        onContinue={(changes) => {
          setErrors([]);
          setStep({ name: "check-edit", changes });
        }}
      />
    );
  }
  if (step.name === "check-edit") {
    const { changes } = step;
    return (
      <CheckAnswers
        caption={user.displayName}
        title="Check your changes"
        rows={[
          { key: "Role", value: roleLabels[changes.role ?? user.role] },
          { key: "Job role", value: jobRoleLabels[changes.jobRole ?? user.jobRole] },
          { key: "Unit", value: unitName(units.data, changes.unitId === undefined ? user.unitId : changes.unitId) },
        ]}
        submitText="Save changes"
        busy={busy}
        onBack={() => setStep({ name: "edit" })}
        onSubmit={() => void apply(changes, `${user.displayName}'s details have been changed`)}
      />
    );
  }
  if (step.name === "confirm-disable") {
    return (
      <CheckAnswers
        caption={user.displayName}
        title={`Disable ${user.displayName}?`}
        rows={[
          { key: "Name", value: user.displayName },
          { key: "Email address", value: user.email },
        ]}
        warning="They will be signed out at once and cannot sign in until an admin re-enables them. Their training record is kept."
        submitText="Disable account"
        busy={busy}
        onBack={() => setStep({ name: "view" })}
        onSubmit={() => void apply({ disabled: true }, `${user.displayName}'s account has been disabled`)}
      />
    );
  }
  if (step.name === "reset-link") {
    const link = `${location.origin}${step.path}`;
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading caption={user.displayName}>Password reset link</PageHeading>
          <p className="govuk-body">
            Give this link to {user.displayName} yourself. It works once, until {formatDateTime(step.expiresAt)}, and
            signs them out everywhere when used.
          </p>
          <InsetText>
            <span className="app-break-anywhere" data-testid="reset-link">
              {link}
            </span>
          </InsetText>
          <p className="govuk-body">
            <a
              className="govuk-link"
              href={`#${user.id}`}
              onClick={(event) => {
                event.preventDefault();
                setStep({ name: "view" });
              }}
            >
              Back to {user.displayName}
            </a>
          </p>
        </div>
      </div>
    );
  }
  if (step.name === "temporary-password") {
    return (
      <TemporaryPasswordForm
        user={user}
        errors={errors}
        attempt={attempt}
        onCancel={() => {
          setErrors([]);
          setStep({ name: "view" });
        }}
        onContinue={(password, found) => {
          submitted();
          setErrors(found);
          if (found.length === 0) setStep({ name: "check-temporary-password", password });
        }}
      />
    );
  }
  if (step.name === "check-temporary-password") {
    const setIt = async () => {
      const result = await save(() => setTemporaryPassword(user.id, step.password));
      if (!result.ok) {
        submitted();
        setErrors([
          {
            fieldId: "password",
            message: result.problem.fieldErrors[0]?.reason
              ? `Temporary password ${result.problem.fieldErrors[0].reason}`
              : (result.problem.detail ?? result.problem.title),
          },
        ]);
        return setStep({ name: "temporary-password" });
      }
      replace({ ...user, mustChangePassword: true });
      setErrors([]);
      setStep({
        name: "view",
        banner: `A temporary password has been set for ${user.displayName}. Give it to them in person or by phone.`,
      });
    };
    return (
      <CheckAnswers
        caption={user.displayName}
        title="Check the temporary password"
        rows={[
          { key: "Name", value: user.displayName },
          { key: "Temporary password", value: "Entered (not shown)" },
        ]}
        warning={`${user.displayName} will be signed out everywhere at once, and must choose their own password when they next sign in.`}
        submitText="Set temporary password"
        busy={busy}
        onBack={() => setStep({ name: "temporary-password" })}
        onSubmit={() => void setIt()}
      />
    );
  }
  const clearFailure = async () => {
    const result = await save(() => clearEmailFailure(user.id));
    if (!result.ok) return setStep({ name: "view", banner: result.problem.detail ?? result.problem.title });
    replace({ ...user, emailFailure: null });
    setStep({ name: "view", banner: `Emails will be sent to ${user.displayName} again` });
  };
  const resetLink = async () => {
    const result = await save(() => issueResetLink(user.id));
    if (result.ok) setStep({ name: "reset-link", ...result.data });
    else setStep({ name: "view", banner: result.problem.detail ?? result.problem.title });
  };
  return (
    <>
      {step.banner === undefined ? null : <NotificationBanner type="success" heading={step.banner} />}
      <PageHeading caption="Admin">{user.displayName}</PageHeading>
      <SummaryList
        rows={[
          { key: "Email address", value: user.email },
          { key: "Collar number", value: user.collarNumber ?? "None" },
          { key: "Role", value: roleLabels[user.role] },
          { key: "Job role", value: jobRoleLabels[user.jobRole] },
          { key: "Unit", value: unitName(units.data, user.unitId) },
          {
            key: "Status",
            value: user.disabled
              ? "Disabled"
              : user.mustChangePassword
                ? "Active (has not yet changed their temporary password)"
                : "Active",
          },
          { key: "Created", value: formatDateTime(user.createdAt) },
          {
            key: "Emails",
            value:
              user.emailFailure === null
                ? "Working"
                : `Not sent: the address failed on ${formatDateTime(user.emailFailure.at)}${
                    user.emailFailure.reason ? ` (${user.emailFailure.reason})` : ""
                  }. Nothing more is sent to it until it changes or the mark is cleared.`,
          },
        ]}
      />
      <div className="govuk-button-group">
        <Button type="button" variant="secondary" onClick={() => setStep({ name: "edit" })}>
          Change role, job role or unit
        </Button>
        {user.disabled ? (
          <Button
            type="button"
            variant="secondary"
            disabled={busy}
            onClick={() => void apply({ disabled: false }, `${user.displayName}'s account has been re-enabled`)}
          >
            Re-enable account
          </Button>
        ) : (
          <>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void resetLink()}>
              Issue a password reset link
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setErrors([]);
                setStep({ name: "temporary-password" });
              }}
            >
              Set a temporary password
            </Button>
            {user.emailFailure === null ? null : (
              <Button type="button" variant="secondary" disabled={busy} onClick={() => void clearFailure()}>
                Send emails to this address again
              </Button>
            )}
            <Button type="button" variant="warning" onClick={() => setStep({ name: "confirm-disable" })}>
              Disable account
            </Button>
          </>
        )}
      </div>
      <SignInHistory user={user} />
      <p className="govuk-body">
        <Link to={{ name: "admin-users" }}>Back to users</Link>
      </p>
    </>
  );
}

function TemporaryPasswordForm(props: {
  user: AdminUserDetail;
  errors: FieldError[];
  attempt: number;
  onCancel: () => void;
  onContinue: (password: string, errors: FieldError[]) => void;
}) {
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordError(password);
    props.onContinue(
      password,
      problem === undefined
        ? []
        : [{ fieldId: "password", message: problem.replace("New password", "Temporary password") }],
    );
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={props.errors} attempt={props.attempt} />
        <PageHeading caption={props.user.displayName}>Set a temporary password</PageHeading>
        <p className="govuk-body">
          For someone who cannot use a reset link. They must choose their own password when they next sign in, and are
          signed out everywhere now.
        </p>
        <form noValidate onSubmit={submit}>
          <TextInput
            id="password"
            name="password"
            type="password"
            label="Temporary password"
            hint={NEW_PASSWORD_HINT}
            autoComplete="new-password"
            spellCheck={false}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            errorMessage={messageFor(props.errors, "password")}
          />
          <ContinueOrCancel onCancel={props.onCancel} />
        </form>
      </div>
    </div>
  );
}

function SignInHistory({ user }: { user: AdminUserDetail }) {
  if (user.signIns.length === 0) return <p className="govuk-body">{user.displayName} has not signed in yet.</p>;
  return (
    <Table
      caption="Latest sign-ins"
      captionClassName="govuk-table__caption--m"
      head={[{ content: "When" }, { content: "Outcome" }]}
      rows={user.signIns.map((entry) => [
        formatDateTime(entry.at),
        entry.outcome === "signed-in" ? "Signed in" : "Wrong password",
      ])}
    />
  );
}

function EditUserForm(props: {
  user: AdminUserDetail;
  units: readonly AdminUnit[];
  errors: FieldError[];
  onCancel: () => void;
  onContinue: (changes: UpdateUserRequest) => void;
}) {
  const { user } = props;
  const [role, setRole] = useState<AccountRole>(user.role);
  const [jobRole, setJobRole] = useState<JobRole>(user.jobRole);
  const [unitId, setUnitId] = useState(user.unitId ?? "");
  const [errors, setErrors] = useState<FieldError[]>(props.errors);
  const [attempt, setAttempt] = useState(0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const changes: UpdateUserRequest = {
      ...(role === user.role ? {} : { role }),
      ...(jobRole === user.jobRole ? {} : { jobRole }),
      ...((unitId || null) === user.unitId ? {} : { unitId: unitId || null }),
    };
    if (Object.keys(changes).length === 0)
      return setErrors([{ fieldId: "role", message: "Change the role, job role or unit, or cancel" }]);
    props.onContinue(changes);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} attempt={attempt} />
        <PageHeading caption={user.displayName}>Change role, job role or unit</PageHeading>
        <form noValidate onSubmit={submit}>
          <Radios
            name="role"
            idPrefix="role"
            legend="What may they do in the app?"
            legendClassName="govuk-fieldset__legend--s"
            items={AccountRoleSchema.options.map((value) => ({ value, label: roleLabels[value] }))}
            value={role}
            onChange={(value) => setRole(AccountRoleSchema.parse(value))}
            errorMessage={messageFor(errors, "role")}
          />
          <Select
            id="jobRole"
            name="jobRole"
            label="Job role"
            items={JobRoleSchema.options.map((value) => ({ value, text: jobRoleLabels[value] }))}
            value={jobRole}
            onChange={(event) => setJobRole(JobRoleSchema.parse(event.target.value))}
          />
          <Select
            id="unitId"
            name="unitId"
            label="Unit"
            items={unitItems(props.units)}
            value={unitId}
            onChange={(event) => setUnitId(event.target.value)}
          />
          <ContinueOrCancel onCancel={props.onCancel} />
        </form>
      </div>
    </div>
  );
}
