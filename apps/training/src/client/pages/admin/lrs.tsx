import { useState, type FormEvent } from "react";
import { Button, NotificationBanner, Panel, Radios, SummaryList, TextInput, WarningText } from "@stalking-response/ui";
import type { LrsClient } from "../../../shared/lrs-api";
import type { LrsForwarding } from "../../../shared/lrs-forwarding-api";
import type { FieldError } from "../../api/problem";
import { useResource } from "../../api/use-resource";
import { formatDateTime } from "../../format/dates";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage, ProblemPage } from "../../shell/status-pages";
import { AdminLinks } from "./admin-links";
import {
  createLrsClient,
  getLrsClients,
  getLrsForwarding,
  retryLrsForwarding,
  revokeLrsClient,
  saveLrsForwarding,
  stopLrsForwarding,
} from "./admin-endpoints";
import { CHECK_TITLE, CheckAnswers, FormErrors, messageFor } from "./check-answers";
import { useSteps } from "./use-steps";

const TITLE = "Learning records: xAPI clients and forwarding";
/** Where errors of the view's own buttons (revoke, try again, stop) are shown and linked to. */
const ACTIONS = "lrs-actions";

type Rights = "both" | "write" | "read";
const rightsWords: Readonly<Record<Rights, string>> = {
  both: "Send and read records",
  write: "Send records only",
  read: "Read records only",
};
const rightsOf = (client: { read: boolean; write: boolean }): string =>
  rightsWords[client.read && client.write ? "both" : client.write ? "write" : "read"];

type ClientDraft = { name: string; rights: Rights | "" };
const clientFields = { name: "client-name", rights: "client-rights", read: "client-rights", write: "client-rights" };

type ForwardDraft = { endpoint: string; username: string; password: string; enabled: boolean; sendHistory: boolean };
const forwardFields = {
  endpoint: "forward-endpoint",
  username: "forward-username",
  password: "forward-password",
  enabled: "forward-enabled",
  sendHistory: "forward-history",
};

type NewClient = { name: string; key: string; secret: string; endpoint: string; read: boolean; write: boolean };
type Step =
  | { name: "view"; banner?: string }
  | { name: "client-form" }
  | { name: "client-check" }
  | { name: "client-shown"; client: NewClient }
  | { name: "revoke"; client: LrsClient }
  | { name: "forward-form" }
  | { name: "forward-check" }
  | { name: "stop" };

const titleOf = (step: Step): string => {
  switch (step.name) {
    case "client-form":
      return "Create xAPI credentials";
    case "client-shown":
      return "Your new xAPI credentials";
    case "revoke":
      return `Revoke ${step.client.name}?`;
    case "forward-form":
      return "Forwarding to your force's LRS";
    case "stop":
      return "Stop forwarding?";
    case "client-check":
    case "forward-check":
      return CHECK_TITLE;
    case "view":
      return TITLE;
  }
};

/** The problem in an address the server would refuse, in words; null when it will do. */
function endpointProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the LRS address, like https://lrs.example.police.uk/xapi/";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Enter the LRS address, starting https://";
  if (/[?#]/.test(value)) return "Enter the LRS address without a query or fragment (? or #)";
  if (url.username !== "" || url.password !== "")
    return "Enter the LRS address without a user name or password in it: enter those below";
  return null;
}

/**
 * The force's link with other learning record stores (issue 19): the xAPI clients that may send and read records
 * here, and forwarding of every record to the force's own LRS, with what is waiting and the last error.
 */
export function AdminLrsPage() {
  const [clients, replaceClients] = useResource("admin-lrs-clients", getLrsClients);
  const [forwarding, replaceForwarding] = useResource("admin-lrs-forwarding", getLrsForwarding);
  const { step, setStep, errors, setErrors, attempt, submitted, busy, save, refused } = useSteps<Step>({
    name: "view",
  });
  const [clientDraft, setClientDraft] = useState<ClientDraft | null>(null);
  const [forwardDraft, setForwardDraft] = useState<ForwardDraft | null>(null);
  const [checking, setChecking] = useState(false);
  useDocumentTitle(titleOf(step), errors.length > 0);
  if (clients.state === "failed") return <ProblemPage problem={clients.problem} />;
  if (forwarding.state === "failed") return <ProblemPage problem={forwarding.problem} />;
  if (clients.state === "loading" || forwarding.state === "loading") return <LoadingPage />;
  const current = forwarding.data.forwarding;

  const toView = (banner?: string) => {
    setErrors([]);
    setStep(banner === undefined ? { name: "view" } : { name: "view", banner });
  };
  /** A button on the view was refused: its reason is shown in the view's error summary. */
  const actionRefused = (message: string) => {
    submitted();
    setErrors([{ fieldId: ACTIONS, message }]);
    setStep({ name: "view" });
  };

  if (step.name === "client-form" && clientDraft) {
    return (
      <ClientForm
        draft={clientDraft}
        errors={errors}
        attempt={attempt}
        onCancel={() => {
          setClientDraft(null);
          toView();
        }}
        onContinue={(next, found) => {
          submitted();
          setClientDraft(next);
          setErrors(found);
          if (found.length === 0) setStep({ name: "client-check" });
        }}
      />
    );
  }
  if (step.name === "client-check" && clientDraft && clientDraft.rights !== "") {
    const rights = clientDraft.rights;
    const create = async () => {
      const result = await save(() =>
        createLrsClient({ name: clientDraft.name.trim(), read: rights !== "write", write: rights !== "read" }),
      );
      if (!result.ok) {
        submitted();
        refused(result.problem, clientFields, clientFields.name);
        return setStep({ name: "client-form" });
      }
      const { secret, endpoint, ...client } = result.data;
      replaceClients({ clients: [client, ...clients.data.clients] });
      setClientDraft(null);
      setErrors([]);
      setStep({ name: "client-shown", client: { ...client, secret, endpoint } });
    };
    return (
      <CheckAnswers
        caption={TITLE}
        rows={[
          { key: "Name", value: <span className="app-break-anywhere">{clientDraft.name.trim()}</span> },
          { key: "What it may do", value: rightsWords[rights] },
        ]}
        warning="The secret is shown once, on the next page: have the client's settings open to paste it in."
        submitText="Create credentials"
        busy={busy}
        onBack={() => setStep({ name: "client-form" })}
        onSubmit={() => void create()}
      />
    );
  }
  if (step.name === "client-shown") {
    const { client } = step;
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="xAPI credentials created">
            <span className="app-break-anywhere">{client.name}</span>
          </Panel>
          <WarningText iconFallbackText="Warning">
            This is the only time the secret is shown. Only a hash of it is kept here: if it is lost, revoke these
            credentials and create new ones.
          </WarningText>
          <TextInput
            id="lrs-endpoint"
            name="lrs-endpoint"
            label="Endpoint"
            readOnly
            spellCheck={false}
            value={new URL(client.endpoint, location.origin).toString()}
          />
          <TextInput
            id="lrs-key"
            name="lrs-key"
            label="Key (user name)"
            readOnly
            spellCheck={false}
            value={client.key}
          />
          <TextInput
            id="lrs-secret"
            name="lrs-secret"
            label="Secret (password)"
            readOnly
            spellCheck={false}
            autoComplete="off"
            value={client.secret}
          />
          <p className="govuk-body">
            The client signs every request with HTTP Basic authentication using the key and secret, and may{" "}
            {rightsOf(client).toLowerCase()} of your force&apos;s people only.
          </p>
          <Button type="button" onClick={() => toView()}>
            Back to learning records
          </Button>
        </div>
      </div>
    );
  }
  if (step.name === "revoke") {
    const { client } = step;
    const revoke = async () => {
      const result = await save(() => revokeLrsClient(client.id));
      if (!result.ok) return actionRefused(result.problem.detail ?? result.problem.title);
      const now = new Date().toISOString();
      replaceClients({
        clients: clients.data.clients.map((each) => (each.id === client.id ? { ...each, revokedAt: now } : each)),
      });
      toView(`${client.name} revoked`);
    };
    return (
      <CheckAnswers
        caption={TITLE}
        title={`Revoke ${client.name}?`}
        rows={[
          { key: "Name", value: <span className="app-break-anywhere">{client.name}</span> },
          { key: "Key (user name)", value: <span className="app-break-anywhere">{client.key}</span> },
          { key: "What it may do", value: rightsOf(client) },
        ]}
        warning="Its credentials stop working at once: the client can no longer send or read records. This cannot be undone."
        submitText="Revoke credentials"
        busy={busy}
        onBack={() => toView()}
        onSubmit={() => void revoke()}
      />
    );
  }
  if (step.name === "forward-form" && forwardDraft) {
    return (
      <ForwardForm
        draft={forwardDraft}
        passwordStored={current !== null}
        errors={errors}
        attempt={attempt}
        onCancel={() => {
          setForwardDraft(null);
          toView();
        }}
        onContinue={(next, found) => {
          submitted();
          setForwardDraft(next);
          setErrors(found);
          if (found.length === 0) setStep({ name: "forward-check" });
        }}
      />
    );
  }
  if (step.name === "forward-check" && forwardDraft) {
    const send = async () => {
      const result = await save(() =>
        saveLrsForwarding({
          endpoint: forwardDraft.endpoint.trim(),
          username: forwardDraft.username.trim(),
          ...(forwardDraft.password === "" ? {} : { password: forwardDraft.password }),
          enabled: forwardDraft.enabled,
          sendHistory: forwardDraft.sendHistory,
        }),
      );
      if (!result.ok) {
        submitted();
        refused(result.problem, forwardFields, forwardFields.endpoint);
        return setStep({ name: "forward-form" });
      }
      replaceForwarding(result.data);
      setForwardDraft(null);
      toView("Forwarding saved");
    };
    return (
      <CheckAnswers
        caption="Forwarding to your force's LRS"
        rows={[
          { key: "LRS address", value: <span className="app-break-anywhere">{forwardDraft.endpoint.trim()}</span> },
          { key: "User name", value: <span className="app-break-anywhere">{forwardDraft.username.trim()}</span> },
          {
            key: "Password",
            value:
              forwardDraft.password === ""
                ? "Keep the stored password (not shown)"
                : "New password entered (not shown)",
          },
          { key: "Forward records", value: forwardDraft.enabled ? "Yes, as they arrive" : "No, paused" },
          {
            key: "Records already stored",
            value: forwardDraft.sendHistory ? "Send them too" : "Do not send them",
          },
        ]}
        submitText="Save forwarding"
        busy={busy}
        onBack={() => setStep({ name: "forward-form" })}
        onSubmit={() => void send()}
      />
    );
  }
  if (step.name === "stop" && current) {
    const stop = async () => {
      const result = await save(stopLrsForwarding);
      if (!result.ok) return actionRefused(result.problem.detail ?? result.problem.title);
      replaceForwarding({ forwarding: null });
      toView("Forwarding stopped");
    };
    return (
      <CheckAnswers
        caption="Forwarding to your force's LRS"
        title="Stop forwarding?"
        rows={[
          { key: "LRS address", value: <span className="app-break-anywhere">{current.endpoint}</span> },
          { key: "Waiting to be sent", value: recordsWords(current.backlog) },
        ]}
        warning="The address and password are removed, and records still waiting are not sent. Records already sent stay in your force's LRS."
        submitText="Stop forwarding"
        busy={busy}
        onBack={() => toView()}
        onSubmit={() => void stop()}
      />
    );
  }

  const startForwardForm = () => {
    setErrors([]);
    setForwardDraft({
      endpoint: current?.endpoint ?? "",
      username: current?.username ?? "",
      password: "",
      enabled: current?.enabled ?? true,
      sendHistory: false,
    });
    setStep({ name: "forward-form" });
  };
  const retry = async () => {
    const result = await save(retryLrsForwarding);
    if (!result.ok) return actionRefused(result.problem.detail ?? result.problem.title);
    replaceForwarding(result.data);
    toView("Forwarding will be tried again now");
  };
  const refresh = async () => {
    setChecking(true);
    const result = await getLrsForwarding();
    setChecking(false);
    if (!result.ok) return actionRefused(result.problem.detail ?? result.problem.title);
    replaceForwarding(result.data);
  };

  return (
    <>
      {step.name === "view" && step.banner !== undefined && errors.length === 0 ? (
        <NotificationBanner type="success" heading={step.banner} />
      ) : null}
      <FormErrors errors={errors} attempt={attempt} />
      <PageHeading caption="Admin">{TITLE}</PageHeading>
      <AdminLinks current={{ name: "admin-lrs" }} />
      <p className="govuk-body">
        The app keeps your force&apos;s learning records as xAPI statements. Another platform or reporting tool can send
        and read them with credentials made here, and every record can also be forwarded to your force&apos;s own
        learning record store (LRS).
      </p>

      <h2 className="govuk-heading-m">xAPI clients</h2>
      <p className="govuk-body">
        Endpoint:{" "}
        <span className="app-break-anywhere" data-testid="lrs-endpoint">
          {new URL("/xapi/", location.origin).toString()}
        </span>
      </p>
      {clients.data.clients.length === 0 ? (
        <p className="govuk-body">Your force has no xAPI clients.</p>
      ) : (
        clients.data.clients.map((client) => (
          <SummaryList
            key={client.id}
            card={{ title: client.name, headingLevel: 3 }}
            rows={[
              { key: "Key (user name)", value: <span className="app-break-anywhere">{client.key}</span> },
              { key: "What it may do", value: rightsOf(client) },
              { key: "Created", value: formatDateTime(client.createdAt) },
              client.revokedAt === null
                ? {
                    key: "Status",
                    value: (
                      <>
                        <p className="govuk-body">Working</p>
                        <Button
                          type="button"
                          variant="warning"
                          className="govuk-!-margin-bottom-0"
                          onClick={() => {
                            setErrors([]);
                            setStep({ name: "revoke", client });
                          }}
                        >
                          Revoke<span className="govuk-visually-hidden"> {client.name}</span>
                        </Button>
                      </>
                    ),
                  }
                : { key: "Status", value: `Revoked ${formatDateTime(client.revokedAt)}` },
            ]}
          />
        ))
      )}
      <Button
        type="button"
        onClick={() => {
          setErrors([]);
          setClientDraft(clientDraft ?? { name: "", rights: "" });
          setStep({ name: "client-form" });
        }}
      >
        Create credentials
      </Button>

      <h2 className="govuk-heading-m">Forwarding to your force&apos;s LRS</h2>
      {current === null ? (
        <p className="govuk-body">
          Records are not forwarded. Once forwarding is set up, every record stored here is also sent to your
          force&apos;s LRS, at least once, and tried again with a growing wait while it cannot be reached.
        </p>
      ) : (
        <ForwardingSummary forwarding={current} />
      )}
      <div className="govuk-button-group" id={ACTIONS} tabIndex={-1}>
        <Button type="button" onClick={startForwardForm}>
          {current === null ? "Set up forwarding" : "Change forwarding"}
        </Button>
        {current === null ? null : (
          <>
            <Button type="button" variant="secondary" disabled={checking} onClick={() => void refresh()}>
              Check the status again
            </Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void retry()}>
              Try again now
            </Button>
            <Button
              type="button"
              variant="warning"
              onClick={() => {
                setErrors([]);
                setStep({ name: "stop" });
              }}
            >
              Stop forwarding
            </Button>
          </>
        )}
      </div>
    </>
  );
}

const recordsWords = (count: number) => (count === 1 ? "1 record" : `${count.toLocaleString("en-GB")} records`);

/** Where records go, what waits, and how the last tries went. */
function ForwardingSummary({ forwarding }: { forwarding: LrsForwarding }) {
  return (
    <SummaryList
      rows={[
        { key: "LRS address", value: <span className="app-break-anywhere">{forwarding.endpoint}</span> },
        { key: "User name", value: <span className="app-break-anywhere">{forwarding.username}</span> },
        { key: "Password", value: "Stored sealed (never shown)" },
        { key: "Forwarding", value: forwarding.enabled ? "On" : "Paused" },
        {
          key: "Waiting to be sent",
          value:
            forwarding.backlog === 0 || forwarding.oldestPendingAt === null
              ? recordsWords(forwarding.backlog)
              : `${recordsWords(forwarding.backlog)}, the oldest since ${formatDateTime(forwarding.oldestPendingAt)}`,
        },
        { key: "Sent so far", value: recordsWords(forwarding.forwardedCount) },
        {
          key: "Last sent",
          value: forwarding.lastSuccessAt === null ? "Nothing sent yet" : formatDateTime(forwarding.lastSuccessAt),
        },
        {
          key: "Last error",
          value:
            forwarding.lastError === null ? (
              "None"
            ) : (
              <>
                <span className="app-break-anywhere">{forwarding.lastError}</span>
                {forwarding.lastErrorAt === null ? null : (
                  <span className="govuk-body-s govuk-!-display-block">{formatDateTime(forwarding.lastErrorAt)}</span>
                )}
              </>
            ),
        },
        ...(forwarding.failures === 0
          ? []
          : [
              {
                key: "Next try",
                value: `${formatDateTime(forwarding.nextAttemptAt)} (${forwarding.failures === 1 ? "1 try has" : `${forwarding.failures} tries in a row have`} failed)`,
              },
            ]),
        {
          key: "Refused by the LRS",
          value:
            forwarding.rejected === 0 ? (
              "None"
            ) : (
              <>
                {recordsWords(forwarding.rejected)}, kept aside until you select Try again now.
                {forwarding.lastRejection?.reason ? (
                  <span className="app-break-anywhere govuk-!-display-block">
                    Last reason: {forwarding.lastRejection.reason}
                  </span>
                ) : null}
              </>
            ),
        },
      ]}
    />
  );
}

function ClientForm(props: {
  draft: ClientDraft;
  errors: FieldError[];
  attempt: number;
  onCancel: () => void;
  onContinue: (draft: ClientDraft, errors: FieldError[]) => void;
}) {
  const [draft, setDraft] = useState(props.draft);
  const { errors } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (draft.name.trim() === "")
      found.push({ fieldId: clientFields.name, message: "Enter a name for the client, like College Learn" });
    if (draft.rights === "") found.push({ fieldId: clientFields.rights, message: "Select what the client may do" });
    props.onContinue(draft, found);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} attempt={props.attempt} />
        <PageHeading caption={TITLE}>Create xAPI credentials</PageHeading>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={clientFields.name}
            name="name"
            label="Name of the client"
            hint="The platform or tool that will use them, so you know which to revoke later"
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            errorMessage={messageFor(errors, clientFields.name)}
          />
          <Radios
            name="rights"
            idPrefix={clientFields.rights}
            legend="What may it do?"
            legendClassName="govuk-fieldset__legend--s"
            items={(Object.keys(rightsWords) as Rights[]).map((value) => ({ value, label: rightsWords[value] }))}
            value={draft.rights === "" ? null : draft.rights}
            onChange={(value) => setDraft({ ...draft, rights: value as Rights })}
            errorMessage={messageFor(errors, clientFields.rights)}
          />
          <div className="govuk-button-group">
            <Button>Continue</Button>
            <Button type="button" variant="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}

function ForwardForm(props: {
  draft: ForwardDraft;
  passwordStored: boolean;
  errors: FieldError[];
  attempt: number;
  onCancel: () => void;
  onContinue: (draft: ForwardDraft, errors: FieldError[]) => void;
}) {
  const [draft, setDraft] = useState(props.draft);
  const { errors } = props;
  const set = <K extends keyof ForwardDraft>(key: K, value: ForwardDraft[K]) =>
    setDraft((now) => ({ ...now, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    const endpoint = endpointProblem(draft.endpoint.trim());
    if (endpoint !== null) found.push({ fieldId: forwardFields.endpoint, message: endpoint });
    if (draft.username.trim() === "")
      found.push({ fieldId: forwardFields.username, message: "Enter the user name (key) your LRS gave you" });
    if (!props.passwordStored && draft.password === "")
      found.push({ fieldId: forwardFields.password, message: "Enter the password (secret) your LRS gave you" });
    props.onContinue(draft, found);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} attempt={props.attempt} />
        <PageHeading caption={TITLE}>Forwarding to your force&apos;s LRS</PageHeading>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={forwardFields.endpoint}
            name="endpoint"
            type="url"
            label="LRS address (xAPI endpoint)"
            hint="Records are sent to its statements resource, like https://lrs.example.police.uk/xapi/"
            spellCheck={false}
            autoComplete="off"
            value={draft.endpoint}
            onChange={(event) => set("endpoint", event.target.value)}
            errorMessage={messageFor(errors, forwardFields.endpoint)}
          />
          <TextInput
            id={forwardFields.username}
            name="username"
            label="User name (key)"
            spellCheck={false}
            autoComplete="off"
            value={draft.username}
            onChange={(event) => set("username", event.target.value)}
            errorMessage={messageFor(errors, forwardFields.username)}
          />
          <TextInput
            id={forwardFields.password}
            name="password"
            type="password"
            label="Password (secret)"
            hint={
              props.passwordStored
                ? "A password is stored and is never shown. Leave this empty to keep it, or enter a new one."
                : "It is stored sealed and never shown again."
            }
            autoComplete="new-password"
            spellCheck={false}
            value={draft.password}
            onChange={(event) => set("password", event.target.value)}
            errorMessage={messageFor(errors, forwardFields.password)}
          />
          <Radios
            name="enabled"
            idPrefix={forwardFields.enabled}
            legend="Forward records now?"
            legendClassName="govuk-fieldset__legend--s"
            items={[
              { value: "yes", label: "Yes, as they arrive" },
              { value: "no", label: "No, keep the settings but pause" },
            ]}
            value={draft.enabled ? "yes" : "no"}
            onChange={(value) => set("enabled", value === "yes")}
          />
          <Radios
            name="sendHistory"
            idPrefix={forwardFields.sendHistory}
            legend="Send the records already stored here too?"
            legendClassName="govuk-fieldset__legend--s"
            hint="Records your LRS already holds are not stored twice: each is known by its statement id."
            items={[
              { value: "no", label: "No, only records from now on" },
              { value: "yes", label: "Yes, send them all" },
            ]}
            value={draft.sendHistory ? "yes" : "no"}
            onChange={(value) => set("sendHistory", value === "yes")}
          />
          <div className="govuk-button-group">
            <Button>Continue</Button>
            <Button type="button" variant="secondary" onClick={props.onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
