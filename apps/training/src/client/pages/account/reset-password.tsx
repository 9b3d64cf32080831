import { useEffect, useState, type FormEvent } from "react";
import { Button, ErrorSummary, Panel } from "@stalking-response/ui";
import { checkPasswordReset, resetPassword } from "../../api/endpoints";
import type { FieldError } from "../../api/problem";
import { Link } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { LoadingPage } from "../../shell/status-pages";
import { NewPasswordInput, newPasswordError, newPasswordRefusal } from "./password-fields";

const fieldIds = { newPassword: "new-password" } as const;

/** The token from `#token=…`; the fragment is never sent to the server, nor in a Referer header. */
function tokenFromLocation(): string {
  return new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
}

type LinkState = "checking" | "works" | "unusable" | "done";

/**
 * The page a one-time password reset link opens: if the link still works, the person chooses a new password;
 * then every session of their account has ended and they sign in with it.
 */
export function ResetPasswordPage() {
  // Read once: the fragment is then taken out of the address bar, so the link is not left in history.
  const [token] = useState(tokenFromLocation);
  const [state, setState] = useState<LinkState>(() => (token === "" ? "unusable" : "checking"));
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const title =
    state === "done"
      ? "Your password has been set"
      : state === "unusable"
        ? "This link has expired or has been used"
        : "Choose a new password";
  useDocumentTitle(title, errors.length > 0);

  useEffect(() => {
    if (location.hash !== "") history.replaceState(history.state, "", location.pathname);
    if (token === "") return;
    let live = true;
    void checkPasswordReset(token).then((result) => {
      if (live) setState(result.ok ? "works" : "unusable");
    });
    return () => {
      live = false;
    };
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    const error = newPasswordError(newPassword);
    if (error !== undefined) return setErrors([{ fieldId: fieldIds.newPassword, message: error }]);
    setBusy(true);
    const result = await resetPassword({ token, newPassword });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      return setState("done");
    }
    if (result.problem.fieldErrors.some((issue) => issue.field === "token")) return setState("unusable");
    const refusal = newPasswordRefusal(result.problem, fieldIds.newPassword);
    setErrors([refusal ?? { fieldId: fieldIds.newPassword, message: result.problem.detail ?? result.problem.title }]);
  };

  if (state === "checking") return <LoadingPage />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {state === "done" ? (
          <>
            <Panel title={title} />
            <p className="govuk-body">You have been signed out everywhere. Sign in with your new password.</p>
            <p className="govuk-body">
              <Link to={{ name: "sign-in" }}>Sign in</Link>
            </p>
          </>
        ) : state === "unusable" ? (
          <>
            <PageHeading>{title}</PageHeading>
            <p className="govuk-body">
              A password reset link works once, for 30 minutes. Ask your force&apos;s training administrator for a new
              one.
            </p>
          </>
        ) : (
          <>
            {errors.length === 0 ? null : (
              <ErrorSummary
                key={attempts}
                errors={errors.map(({ fieldId, message }) => ({ text: message, href: `#${fieldId}` }))}
              />
            )}
            <PageHeading>{title}</PageHeading>
            <form noValidate onSubmit={(event) => void submit(event)}>
              <NewPasswordInput
                id={fieldIds.newPassword}
                value={newPassword}
                onChange={setNewPassword}
                errorMessage={errors.find((error) => error.fieldId === fieldIds.newPassword)?.message}
              />
              <Button disabled={busy}>Set password</Button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
