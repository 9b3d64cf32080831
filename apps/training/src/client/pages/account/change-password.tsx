import { useState, type FormEvent } from "react";
import { Button, ErrorSummary, InsetText, Panel, TextInput } from "@stalking-response/ui";
import { changePassword } from "../../api/endpoints";
import type { FieldError } from "../../api/problem";
import { Link } from "../../routing/router";
import { useSession, useUser } from "../../session/session";
import { PageHeading, useDocumentTitle } from "../../shell/page";
import { NewPasswordInput, newPasswordError, newPasswordRefusal } from "./password-fields";

const fieldIds = { currentPassword: "current-password", newPassword: "new-password" } as const;

/**
 * Change your password, giving the current one. A person whose password an admin set (a temporary password)
 * is brought here after signing in, and the server lets them do nothing else until they have changed it.
 */
export function ChangePasswordPage() {
  const user = useUser();
  const { setUser } = useSession();
  const temporary = user.mustChangePassword;
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const title = done ? "Your password has been changed" : temporary ? "Choose a new password" : "Change your password";
  useDocumentTitle(title, errors.length > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    const missing: FieldError[] = [];
    if (currentPassword === "")
      missing.push({
        fieldId: fieldIds.currentPassword,
        message: temporary ? "Enter the password you were given" : "Enter your current password",
      });
    const newError = newPasswordError(newPassword);
    if (newError !== undefined) missing.push({ fieldId: fieldIds.newPassword, message: newError });
    if (missing.length > 0) return setErrors(missing);
    setBusy(true);
    const result = await changePassword({ currentPassword, newPassword });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setDone(true);
      setUser({ ...user, mustChangePassword: false });
      return;
    }
    setCurrentPassword("");
    // A new password refused names the field; anything else (a wrong current password, too many tries)
    // is the server's own sentence, beside the current password.
    const refusal = newPasswordRefusal(result.problem, fieldIds.newPassword);
    setErrors([
      refusal ?? { fieldId: fieldIds.currentPassword, message: result.problem.detail ?? result.problem.title },
    ]);
  };

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title} />
          <p className="govuk-body">
            Use your new password next time you sign in. Any other device you were signed in on has been signed out.
          </p>
          <p className="govuk-body">
            <Link to={{ name: "my-training" }}>Go to My training</Link>
          </p>
        </div>
      </div>
    );
  }
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.length === 0 ? null : (
          <ErrorSummary
            key={attempts}
            errors={errors.map(({ fieldId, message }) => ({ text: message, href: `#${fieldId}` }))}
          />
        )}
        <PageHeading>{title}</PageHeading>
        {temporary ? (
          <InsetText>
            Your password was set by your force&apos;s training administrator. Choose one that only you know before you
            carry on.
          </InsetText>
        ) : null}
        <form noValidate onSubmit={(event) => void submit(event)}>
          {/* Tells a password manager whose password this is. */}
          <input type="hidden" name="username" autoComplete="username" value={user.displayName} readOnly />
          <TextInput
            id={fieldIds.currentPassword}
            name="current-password"
            type="password"
            label={temporary ? "Password you were given" : "Current password"}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            errorMessage={errorFor(fieldIds.currentPassword)}
          />
          <NewPasswordInput
            id={fieldIds.newPassword}
            value={newPassword}
            onChange={setNewPassword}
            errorMessage={errorFor(fieldIds.newPassword)}
          />
          <Button disabled={busy}>Change password</Button>
        </form>
      </div>
    </div>
  );
}
