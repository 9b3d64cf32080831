import { useState, type FormEvent } from "react";
import { Button, ErrorSummary, TextInput } from "@stalking-response/ui";
import { requestPasswordResetEmail } from "../../api/endpoints";
import type { FieldError } from "../../api/problem";
import { Link } from "../../routing/router";
import { PageHeading, useDocumentTitle } from "../../shell/page";

const fieldId = "email";

/**
 * "Forgotten your password?": the person gives their email address and is told to check their email. The
 * page says the same whether or not the address is an account's, as the server does.
 */
export function ForgottenPasswordPage() {
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const title = sent ? "Check your email" : "Reset your password";
  useDocumentTitle(title, errors.length > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      return setErrors([{ fieldId, message: "Enter an email address in the correct format, like name@example.com" }]);
    }
    setBusy(true);
    const result = await requestPasswordResetEmail(email.trim());
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      return setSent(true);
    }
    setErrors([{ fieldId, message: result.problem.detail ?? result.problem.title }]);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {sent ? (
          <>
            <PageHeading>{title}</PageHeading>
            <p className="govuk-body">
              If {email.trim()} belongs to an account, we have sent it a link to reset your password. The link works
              once, for 30 minutes.
            </p>
            <p className="govuk-body">
              If no email comes, check the address you gave, or ask your force&apos;s training administrator.
            </p>
            <p className="govuk-body">
              <Link to={{ name: "sign-in" }}>Back to sign in</Link>
            </p>
          </>
        ) : (
          <>
            {errors.length === 0 ? null : (
              <ErrorSummary
                key={attempts}
                errors={errors.map((error) => ({ text: error.message, href: `#${error.fieldId}` }))}
              />
            )}
            <PageHeading>{title}</PageHeading>
            <p className="govuk-body">We will email you a link to choose a new password.</p>
            <form noValidate onSubmit={(event) => void submit(event)}>
              <TextInput
                id={fieldId}
                name="email"
                type="email"
                label="Email address"
                hint="The email address your force registered for you"
                autoComplete="email"
                spellCheck={false}
                autoCapitalize="none"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                errorMessage={errors.find((error) => error.fieldId === fieldId)?.message}
              />
              <Button disabled={busy}>Send me a link</Button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
