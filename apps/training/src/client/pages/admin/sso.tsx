import { useState, type FormEvent } from "react";
import {
  Button,
  Fieldset,
  InsetText,
  NotificationBanner,
  Panel,
  Radios,
  Select,
  SummaryList,
  TextInput,
  WarningText,
} from "@stalking-response/ui";
import { AccountRoleSchema, JobRoleSchema, jobRoleLabels, type AccountRole, type JobRole } from "../../../shared/api";
import type { SsoSettingsRequest } from "../../../shared/identity-api";
import type { FieldError } from "../../api/problem";
import { useResource } from "../../api/use-resource";
import { formatDateTime } from "../../format/dates";
import { Link } from "../../routing/router";
import { AdminLinks } from "./admin-links";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import type { AdminUnit } from "../../../shared/admin-api";
import { getAdminUnits, getSsoSettings, rotateScimToken, saveSsoSettings } from "./admin-endpoints";
import { CHECK_TITLE, CheckAnswers, FormErrors, messageFor, ContinueOrCancel } from "./check-answers";
import { useSteps } from "./use-steps";

/** Entra ID's issuer for a tenant; the hint shows its shape. */
const ISSUER_HINT =
  "For Microsoft Entra ID: https://login.microsoftonline.com/<your tenant id>/v2.0 (from the app registration's Endpoints)";

type Mapping = { group: string; role: AccountRole | ""; unitId: string; jobRole: JobRole | "" };
type Draft = {
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  collarNumberClaim: string;
  groupsClaim: string;
  mappings: Mapping[];
  justInTime: boolean;
  localPasswords: boolean;
  defaultJobRole: JobRole;
};

const fields = {
  label: "label",
  issuer: "issuer",
  clientId: "clientId",
  clientSecret: "clientSecret",
  collarNumberClaim: "collarNumberClaim",
  groupsClaim: "groupsClaim",
  justInTime: "justInTime",
  localPasswords: "localPasswords",
  defaultJobRole: "defaultJobRole",
} as const;
/** The id of one mapping's field, as the server names it (`groupMappings.2.group`). */
const mappingField = (index: number, name: keyof Mapping) => `groupMappings.${index}.${name}`;

const roleWords: Readonly<Record<AccountRole, string>> = { officer: "Officer", trainer: "Trainer", admin: "Admin" };
const yesNo = (value: boolean) => (value ? "Yes" : "No");
/** A select's value as a role, or "" for its "none" option. */
const roleOrNone = (value: string): AccountRole | "" => AccountRoleSchema.safeParse(value).data ?? "";
const jobRoleOrNone = (value: string): JobRole | "" => JobRoleSchema.safeParse(value).data ?? "";

function mappingWords(mapping: Mapping, units: readonly AdminUnit[]): string {
  const gives = [
    mapping.role === "" ? null : `role ${roleWords[mapping.role]}`,
    mapping.unitId === "" ? null : `unit ${units.find((unit) => unit.id === mapping.unitId)?.name ?? "unknown"}`,
    mapping.jobRole === "" ? null : `job role ${jobRoleLabels[mapping.jobRole]}`,
  ].filter((part): part is string => part !== null);
  return `${mapping.group}: ${gives.length === 0 ? "nothing" : gives.join(", ")}`;
}

type SsoStep = { name: "view"; banner?: string } | { name: "form" } | { name: "check" };

/** The force's single sign-on: what is set, then a form, its check, and the save. */
export function AdminSsoPage() {
  const [resource, replace] = useResource("admin-sso", getSsoSettings);
  const [units] = useResource("admin-units", getAdminUnits);
  const { step, setStep, errors, setErrors, attempt, submitted, busy, save, refused } = useSteps<SsoStep>({
    name: "view",
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  useDocumentTitle(
    step.name === "form" ? "Single sign-on settings" : step.name === "check" ? CHECK_TITLE : "Single sign-on",
    errors.length > 0,
  );
  if (resource.state === "failed") return <ProblemPage problem={resource.problem} />;
  if (units.state === "failed") return <ProblemPage problem={units.problem} />;
  if (resource.state === "loading" || units.state === "loading") return <LoadingPage />;
  const current = resource.data.settings;

  const startEditing = () => {
    setErrors([]);
    setDraft(
      draft ?? {
        label: current?.label ?? "",
        issuer: current?.issuer ?? "",
        clientId: current?.clientId ?? "",
        clientSecret: "",
        collarNumberClaim: current?.collarNumberClaim ?? "employee_id",
        groupsClaim: current?.groupsClaim ?? "groups",
        mappings: (current?.groupMappings ?? []).map((mapping) => ({
          group: mapping.group,
          role: mapping.role ?? "",
          unitId: mapping.unitId ?? "",
          jobRole: mapping.jobRole ?? "",
        })),
        justInTime: current?.justInTime ?? false,
        localPasswords: current?.localPasswords ?? true,
        defaultJobRole: current?.defaultJobRole ?? "staff",
      },
    );
    setStep({ name: "form" });
  };

  if (step.name === "form" && draft) {
    return (
      <SsoForm
        draft={draft}
        secretSet={current?.clientSecretSet ?? false}
        units={units.data}
        errors={errors}
        attempt={attempt}
        onCancel={() => {
          setErrors([]);
          setDraft(null);
          setStep({ name: "view" });
        }}
        onContinue={(next, found) => {
          submitted();
          setDraft(next);
          setErrors(found);
          if (found.length === 0) setStep({ name: "check" });
        }}
      />
    );
  }
  if (step.name === "check" && draft) {
    const send = async () => {
      const body: SsoSettingsRequest = {
        label: draft.label.trim(),
        issuer: draft.issuer.trim(),
        clientId: draft.clientId.trim(),
        ...(draft.clientSecret === "" ? {} : { clientSecret: draft.clientSecret }),
        collarNumberClaim: draft.collarNumberClaim.trim(),
        groupsClaim: draft.groupsClaim.trim(),
        groupMappings: draft.mappings.map((mapping) => ({
          group: mapping.group.trim(),
          ...(mapping.role === "" ? {} : { role: mapping.role }),
          ...(mapping.unitId === "" ? {} : { unitId: mapping.unitId }),
          ...(mapping.jobRole === "" ? {} : { jobRole: mapping.jobRole }),
        })),
        justInTime: draft.justInTime,
        localPasswords: draft.localPasswords,
        defaultJobRole: draft.defaultJobRole,
      };
      const result = await save(() => saveSsoSettings(body));
      if (!result.ok) {
        submitted();
        const mappingFields = Object.fromEntries(
          draft.mappings.flatMap((_, index) =>
            (["group", "role", "unitId", "jobRole"] as const).map((name) => [
              mappingField(index, name),
              mappingField(index, name),
            ]),
          ),
        );
        refused(result.problem, { ...fields, ...mappingFields }, fields.label);
        return setStep({ name: "form" });
      }
      replace(result.data);
      setDraft(null);
      setErrors([]);
      setStep({ name: "view", banner: "Single sign-on settings saved" });
    };
    return (
      <CheckAnswers
        caption="Single sign-on"
        rows={[
          { key: "Name on the sign-in button", value: `Sign in with ${draft.label.trim()} account` },
          { key: "Issuer", value: <span className="app-break-anywhere">{draft.issuer.trim()}</span> },
          { key: "Application (client) id", value: draft.clientId.trim() },
          {
            key: "Client secret",
            value: draft.clientSecret === "" ? "Keep the stored secret (not shown)" : "New secret entered (not shown)",
          },
          { key: "Collar or employee number claim", value: draft.collarNumberClaim.trim() },
          { key: "Groups claim", value: draft.groupsClaim.trim() },
          {
            key: "Group mappings",
            value:
              draft.mappings.length === 0 ? (
                "None"
              ) : (
                <ul className="govuk-list">
                  {draft.mappings.map((mapping, index) => (
                    <li key={index}>{mappingWords(mapping, units.data)}</li>
                  ))}
                </ul>
              ),
          },
          { key: "Create accounts at first sign-in", value: yesNo(draft.justInTime) },
          { key: "Job role of accounts created", value: jobRoleLabels[draft.defaultJobRole] },
          { key: "Passwords allowed too", value: yesNo(draft.localPasswords) },
        ]}
        submitText="Save settings"
        busy={busy}
        warning={
          draft.localPasswords
            ? undefined
            : "With passwords switched off, your force's people can sign in only through your identity provider. Check a single sign-on works before you save."
        }
        onBack={() => setStep({ name: "form" })}
        onSubmit={() => void send()}
      />
    );
  }

  return (
    <>
      {step.name === "view" && step.banner !== undefined ? (
        <NotificationBanner type="success" heading={step.banner} />
      ) : null}
      <PageHeading caption="Admin">Single sign-on</PageHeading>
      <AdminLinks current={{ name: "admin-sso" }} />
      <p className="govuk-body">
        Your force&apos;s people can sign in with their force account (for example Microsoft Entra ID) instead of a
        password kept here.
      </p>
      {current === null ? (
        <p className="govuk-body">Single sign-on is not set up for your force.</p>
      ) : (
        <SummaryList
          rows={[
            { key: "Name on the sign-in button", value: `Sign in with ${current.label} account` },
            { key: "Issuer", value: <span className="app-break-anywhere">{current.issuer}</span> },
            { key: "Application (client) id", value: current.clientId },
            { key: "Client secret", value: current.clientSecretSet ? "Stored (never shown)" : "Not stored" },
            { key: "Collar or employee number claim", value: current.collarNumberClaim },
            { key: "Groups claim", value: current.groupsClaim },
            { key: "Group mappings", value: String(current.groupMappings.length) },
            { key: "Create accounts at first sign-in", value: yesNo(current.justInTime) },
            { key: "Passwords allowed too", value: yesNo(current.localPasswords) },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Redirect URI</h2>
      <p className="govuk-body">
        Register this redirect URI (type Web) in your identity provider&apos;s app registration:
      </p>
      <InsetText>
        <span className="app-break-anywhere" data-testid="redirect-uri">
          {current?.redirectUri ?? `${location.origin}/api/sso/callback`}
        </span>
      </InsetText>
      <Button type="button" onClick={startEditing}>
        {current === null ? "Set up single sign-on" : "Change settings"}
      </Button>
    </>
  );
}

function SsoForm(props: {
  draft: Draft;
  secretSet: boolean;
  units: readonly AdminUnit[];
  errors: FieldError[];
  attempt: number;
  onCancel: () => void;
  onContinue: (draft: Draft, errors: FieldError[]) => void;
}) {
  const [draft, setDraft] = useState(props.draft);
  const { errors } = props;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((now) => ({ ...now, [key]: value }));
  const setMapping = (index: number, change: Partial<Mapping>) =>
    setDraft((now) => ({
      ...now,
      mappings: now.mappings.map((mapping, at) => (at === index ? { ...mapping, ...change } : mapping)),
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (draft.label.trim() === "")
      found.push({ fieldId: fields.label, message: "Enter the name on the sign-in button" });
    if (!/^https:\/\/\S+$|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]\S*$/.test(draft.issuer.trim()))
      found.push({ fieldId: fields.issuer, message: "Enter the issuer URL, starting https://" });
    if (draft.clientId.trim() === "")
      found.push({ fieldId: fields.clientId, message: "Enter the application (client) id" });
    if (!props.secretSet && draft.clientSecret === "")
      found.push({ fieldId: fields.clientSecret, message: "Enter the client secret" });
    if (!/^[A-Za-z0-9_.:/-]{1,200}$/.test(draft.collarNumberClaim.trim()))
      found.push({
        fieldId: fields.collarNumberClaim,
        message: "Enter the claim name that carries the collar or employee number, like employee_id",
      });
    if (!/^[A-Za-z0-9_.:/-]{1,200}$/.test(draft.groupsClaim.trim()))
      found.push({ fieldId: fields.groupsClaim, message: "Enter the claim name that carries the groups, like groups" });
    draft.mappings.forEach((mapping, index) => {
      if (mapping.group.trim() === "")
        found.push({
          fieldId: mappingField(index, "group"),
          message: `Enter the group id of mapping ${index + 1}, or remove it`,
        });
    });
    props.onContinue(draft, found);
  };
  const optional = (text: string) => [{ value: "", text }];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} attempt={props.attempt} />
        <PageHeading caption="Single sign-on">Single sign-on settings</PageHeading>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={fields.label}
            name="label"
            label="Name on the sign-in button"
            hint="People see “Sign in with … account”: use your force's name, like Essex Police"
            value={draft.label}
            onChange={(event) => set("label", event.target.value)}
            errorMessage={messageFor(errors, fields.label)}
          />
          <TextInput
            id={fields.issuer}
            name="issuer"
            type="url"
            label="Issuer URL"
            hint={<span className="app-break-anywhere">{ISSUER_HINT}</span>}
            spellCheck={false}
            autoComplete="off"
            value={draft.issuer}
            onChange={(event) => set("issuer", event.target.value)}
            errorMessage={messageFor(errors, fields.issuer)}
          />
          <TextInput
            id={fields.clientId}
            name="clientId"
            label="Application (client) id"
            spellCheck={false}
            autoComplete="off"
            value={draft.clientId}
            onChange={(event) => set("clientId", event.target.value)}
            errorMessage={messageFor(errors, fields.clientId)}
          />
          <TextInput
            id={fields.clientSecret}
            name="clientSecret"
            type="password"
            label="Client secret"
            hint={
              props.secretSet
                ? "A secret is stored and is never shown. Leave this empty to keep it, or enter a new one (its value, not its id)."
                : "The secret's value from the app registration (not its id). It is stored sealed and never shown again."
            }
            autoComplete="new-password"
            spellCheck={false}
            value={draft.clientSecret}
            onChange={(event) => set("clientSecret", event.target.value)}
            errorMessage={messageFor(errors, fields.clientSecret)}
          />
          <TextInput
            id={fields.collarNumberClaim}
            name="collarNumberClaim"
            label="Claim that carries the collar or employee number"
            hint="Matches people already here by collar number or HR employee number, like employee_id"
            spellCheck={false}
            className="govuk-input--width-20"
            value={draft.collarNumberClaim}
            onChange={(event) => set("collarNumberClaim", event.target.value)}
            errorMessage={messageFor(errors, fields.collarNumberClaim)}
          />
          <TextInput
            id={fields.groupsClaim}
            name="groupsClaim"
            label="Claim that carries the groups"
            hint="Entra ID sends group object ids in groups"
            spellCheck={false}
            className="govuk-input--width-20"
            value={draft.groupsClaim}
            onChange={(event) => set("groupsClaim", event.target.value)}
            errorMessage={messageFor(errors, fields.groupsClaim)}
          />
          <h2 className="govuk-heading-m">Group mappings</h2>
          <p className="govuk-body">
            What membership of a directory group gives. When any mapping gives a role, the groups decide the role at
            every sign-in (officer when none matches).
          </p>
          {draft.mappings.map((mapping, index) => (
            <Fieldset key={index} legend={`Mapping ${index + 1}`} legendClassName="govuk-fieldset__legend--s">
              <TextInput
                id={mappingField(index, "group")}
                name={mappingField(index, "group")}
                label="Group id"
                spellCheck={false}
                value={mapping.group}
                onChange={(event) => setMapping(index, { group: event.target.value })}
                errorMessage={messageFor(errors, mappingField(index, "group"))}
              />
              <Select
                id={mappingField(index, "role")}
                name={mappingField(index, "role")}
                label="Role it gives"
                items={[
                  ...optional("No role"),
                  ...AccountRoleSchema.options.map((role) => ({ value: role, text: roleWords[role] })),
                ]}
                value={mapping.role}
                onChange={(event) => setMapping(index, { role: roleOrNone(event.target.value) })}
                errorMessage={messageFor(errors, mappingField(index, "role"))}
              />
              <Select
                id={mappingField(index, "unitId")}
                name={mappingField(index, "unitId")}
                label="Unit it gives"
                items={[
                  ...optional("No unit"),
                  ...props.units.filter((unit) => !unit.closed).map((unit) => ({ value: unit.id, text: unit.name })),
                ]}
                value={mapping.unitId}
                onChange={(event) => setMapping(index, { unitId: event.target.value })}
                errorMessage={messageFor(errors, mappingField(index, "unitId"))}
              />
              <Select
                id={mappingField(index, "jobRole")}
                name={mappingField(index, "jobRole")}
                label="Job role it gives"
                items={[
                  ...optional("No job role"),
                  ...JobRoleSchema.options.map((role) => ({ value: role, text: jobRoleLabels[role] })),
                ]}
                value={mapping.jobRole}
                onChange={(event) => setMapping(index, { jobRole: jobRoleOrNone(event.target.value) })}
                errorMessage={messageFor(errors, mappingField(index, "jobRole"))}
              />
              <Button
                type="button"
                variant="secondary"
                onClick={() =>
                  set(
                    "mappings",
                    draft.mappings.filter((_, at) => at !== index),
                  )
                }
              >
                Remove mapping {index + 1}
              </Button>
            </Fieldset>
          ))}
          <Button
            type="button"
            variant="secondary"
            onClick={() => set("mappings", [...draft.mappings, { group: "", role: "", unitId: "", jobRole: "" }])}
          >
            Add a group mapping
          </Button>
          <Radios
            name="justInTime"
            idPrefix={fields.justInTime}
            legend="Create an account for someone the provider vouches for who has none here yet?"
            legendClassName="govuk-fieldset__legend--s"
            items={[
              { value: "yes", label: "Yes, at their first sign-in" },
              { value: "no", label: "No, an admin or SCIM adds people first" },
            ]}
            value={draft.justInTime ? "yes" : "no"}
            onChange={(value) => set("justInTime", value === "yes")}
          />
          <Select
            id={fields.defaultJobRole}
            name="defaultJobRole"
            label="Job role of accounts created at first sign-in (unless a group gives one)"
            items={JobRoleSchema.options.map((role) => ({ value: role, text: jobRoleLabels[role] }))}
            value={draft.defaultJobRole}
            onChange={(event) => set("defaultJobRole", JobRoleSchema.parse(event.target.value))}
          />
          <Radios
            name="localPasswords"
            idPrefix={fields.localPasswords}
            legend="May your force's people also sign in with a password kept here?"
            legendClassName="govuk-fieldset__legend--s"
            items={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No, only through single sign-on" },
            ]}
            value={draft.localPasswords ? "yes" : "no"}
            onChange={(value) => set("localPasswords", value === "yes")}
          />
          <ContinueOrCancel onCancel={props.onCancel} />
        </form>
      </div>
    </div>
  );
}

type ScimStep = { name: "view" } | { name: "confirm" } | { name: "shown"; token: string; url: string; at: string };

/** The force's SCIM token for Entra ID's provisioning service: create or replace it, shown once. */
export function AdminScimPage() {
  const { step, setStep, errors, setErrors, busy, save } = useSteps<ScimStep>({ name: "view" });
  useDocumentTitle(
    step.name === "confirm"
      ? "Create a new SCIM token?"
      : step.name === "shown"
        ? "Your new SCIM token"
        : "User provisioning (SCIM)",
    errors.length > 0,
  );
  if (step.name === "confirm") {
    const create = async () => {
      const result = await save(rotateScimToken);
      if (!result.ok) {
        setErrors([{ fieldId: "scim-actions", message: result.problem.detail ?? result.problem.title }]);
        return setStep({ name: "view" });
      }
      setErrors([]);
      setStep({ name: "shown", token: result.data.token, url: result.data.scimBaseUrl, at: result.data.createdAt });
    };
    return (
      <CheckAnswers
        caption="User provisioning (SCIM)"
        title="Create a new SCIM token?"
        rows={[{ key: "Token", value: "A new token, shown once on the next page" }]}
        warning="Any token your force had stops working at once: paste the new one into your provisioning service straight away."
        submitText="Create token"
        busy={busy}
        onBack={() => setStep({ name: "view" })}
        onSubmit={() => void create()}
      />
    );
  }
  if (step.name === "shown") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="SCIM token created">{formatDateTime(step.at)}</Panel>
          <WarningText iconFallbackText="Warning">
            This is the only time the token is shown. Only a hash of it is kept here.
          </WarningText>
          <TextInput id="scim-url" name="scim-url" label="Tenant URL" readOnly value={step.url} spellCheck={false} />
          <TextInput
            id="scim-token"
            name="scim-token"
            label="Secret token"
            readOnly
            value={step.token}
            spellCheck={false}
            autoComplete="off"
          />
          <h2 className="govuk-heading-m">Copy it into Entra ID</h2>
          <ol className="govuk-list govuk-list--number">
            <li>Select the secret token box above, select all of it (Ctrl+A) and copy it (Ctrl+C).</li>
            <li>
              In the Entra admin centre, open your enterprise application, then Provisioning, and set Provisioning Mode
              to Automatic.
            </li>
            <li>Paste the tenant URL and the secret token into Admin Credentials, then select Test Connection.</li>
            <li>Save. Do not keep the token anywhere else: if it is lost, create a new one here.</li>
          </ol>
          <p className="govuk-body">
            <Link to={{ name: "admin-sso" }}>Back to single sign-on</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <>
      {errors.length === 0 ? null : <FormErrors errors={errors} attempt={0} />}
      <PageHeading caption="Admin">User provisioning (SCIM)</PageHeading>
      <AdminLinks current={{ name: "admin-scim" }} />
      <p className="govuk-body">
        Your directory (for example Entra ID&apos;s provisioning service) can keep your force&apos;s people in step here
        with SCIM 2.0: it adds people, updates them, and disables those who leave, which signs them out at once. It
        needs a secret token, which you create here.
      </p>
      <p className="govuk-body">
        Creating a token replaces any your force already has. The token is shown once, when you create it.
      </p>
      <div id="scim-actions">
        <Button type="button" onClick={() => setStep({ name: "confirm" })}>
          Create or replace the SCIM token
        </Button>
      </div>
    </>
  );
}
