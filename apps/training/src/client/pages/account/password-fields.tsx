import { TextInput } from "@stalking-response/ui";
import type { FieldError, Problem } from "../../api/problem";

/** What every new-password field says: NCSC's advice in a sentence, and the one rule (length). */
export const NEW_PASSWORD_HINT =
  "Use at least 12 characters. Three or more random words you can remember make a strong password. Do not use your email address, collar number or name.";

/** Checks a new password the way the server will, so the common mistakes are caught before sending. */
export function newPasswordError(password: string): string | undefined {
  if (password === "") return "Enter a new password";
  if (password.length < 12) return "New password must be at least 12 characters";
  if (password.length > 256) return "New password must be 256 characters or fewer";
  return undefined;
}

/** The new-password field, which a password manager may fill with a generated password. */
export function NewPasswordInput(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errorMessage: string | undefined;
  label?: string;
}) {
  return (
    <TextInput
      id={props.id}
      name="new-password"
      type="password"
      label={props.label ?? "New password"}
      hint={NEW_PASSWORD_HINT}
      autoComplete="new-password"
      spellCheck={false}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      errorMessage={props.errorMessage}
    />
  );
}

/**
 * The server's refusal of a new password as the message beside the field: "New password must not be one
 * character repeated", naming the field as GOV.UK error messages do; `undefined` if it was not about it.
 */
export function newPasswordRefusal(problem: Problem, fieldId: string): FieldError | undefined {
  const issue = problem.fieldErrors.find((candidate) => candidate.field === "newPassword");
  return issue && { fieldId, message: `New password ${issue.reason}` };
}
