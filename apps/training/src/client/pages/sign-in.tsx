import { useState, type FormEvent } from "react";
import { homePathFor } from "../../shared/api";
import { signIn } from "../api/endpoints";
import { fieldErrorsFrom, type FieldError } from "../api/problem";
import { Button, ErrorSummary, NotificationBanner, TextInput } from "@stalking-response/ui";
import { Link, navigate } from "../routing/router";
import { useSession } from "../session/session";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { SsoButtons, SsoRefusal, ssoRefusal } from "./sso-sign-in";

const fieldIds = { identifier: "identifier", password: "password" } as const;

/**
 * Sign in with an email address or collar number and a password. Nothing to remember or transcribe beyond
 * the password, and the browser may fill both (WCAG 2.2 3.3.8 accessible authentication).
 */
export function SignInPage({ next }: { next: string | undefined }) {
  const { session, setUser } = useSession();
  // Why the last session ended, when the server ended it (the account disabled, the password changed).
  const because = session.state === "signed-out" ? session.because : undefined;
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  // Each refused submit remounts the summary, so it takes focus again even when the messages repeat.
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  // Where the force's sign-in sent someone back without signing them in, and why.
  const [refusal] = useState(() => ssoRefusal(location.search));
  useDocumentTitle("Sign in", errors.length > 0 || refusal !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    const missing: FieldError[] = [];
    if (identifier.trim() === "")
      missing.push({ fieldId: fieldIds.identifier, message: "Enter your email address or collar number" });
    if (password === "") missing.push({ fieldId: fieldIds.password, message: "Enter your password" });
    if (missing.length > 0) return setErrors(missing);
    setBusy(true);
    const result = await signIn({ identifier: identifier.trim(), password });
    setBusy(false);
    if (result.ok && result.data.user) {
      setUser(result.data.user);
      // Back to the page that asked for sign-in; from the home page (or none), each role's home.
      navigate(next !== undefined && next !== "/" ? next : homePathFor(result.data.user.role), { replace: true });
      return;
    }
    // The password is never kept after a failed attempt, as on any sign-in page.
    setPassword("");
    if (result.ok)
      return setErrors([{ fieldId: fieldIds.identifier, message: "Sign in did not complete. Try again." }]);
    const { problem } = result;
    // Throttled: the server says how long is left ("Try again in about 15 minutes").
    if (problem.status === 429) {
      return setErrors([{ fieldId: fieldIds.identifier, message: problem.detail ?? problem.title }]);
    }
    if (problem.status === 401) {
      return setErrors([
        { fieldId: fieldIds.identifier, message: "Enter a correct email address or collar number and password" },
      ]);
    }
    const named = fieldErrorsFrom(problem, fieldIds);
    setErrors(named.length > 0 ? named : [{ fieldId: fieldIds.identifier, message: problem.title }]);
  };

  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {refusal !== null && errors.length === 0 ? <SsoRefusal message={refusal} /> : null}
        {errors.length === 0 ? null : (
          <ErrorSummary
            key={attempts}
            errors={errors.map(({ fieldId, message }) => ({ text: message, href: `#${fieldId}` }))}
          />
        )}
        {because === undefined || errors.length > 0 ? null : (
          <NotificationBanner title="Important" titleId="signed-out-because">
            <p className="govuk-notification-banner__heading">
              {because === "account-disabled"
                ? "Your account has been disabled, so you have been signed out."
                : "Your password was changed, so you have been signed out here."}
            </p>
            <p className="govuk-body">
              {because === "account-disabled"
                ? "If you think this is a mistake, speak to your force's training administrator."
                : "Sign in with your new password."}
            </p>
          </NotificationBanner>
        )}
        <PageHeading>Sign in</PageHeading>
        <SsoButtons next={next} />
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextInput
            id={fieldIds.identifier}
            name="identifier"
            label="Email address or collar number"
            hint="Use the email address or collar number your force registered for you"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            value={identifier}
            onChange={(event) => setIdentifier(event.target.value)}
            errorMessage={errorFor(fieldIds.identifier)}
          />
          <TextInput
            id={fieldIds.password}
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            errorMessage={errorFor(fieldIds.password)}
          />
          <Button disabled={busy}>Sign in</Button>
        </form>
        <p className="govuk-body">
          <Link to={{ name: "forgotten-password" }}>Forgotten your password?</Link>
        </p>
      </div>
    </div>
  );
}
