import { useState } from "react";
import { fieldErrorsFrom, type FieldError, type Problem } from "../../api/problem";
import { focusNextPage } from "../../routing/router";

/**
 * What every admin page that changes something keeps: which step shows (form, check, done), the errors of the
 * last refused submit, a count of submits (the error summary remounts on each, so it takes focus again) and
 * whether a save is under way. Moving to another step moves focus as a new page does.
 */
export function useSteps<Step>(first: Step) {
  const [step, setStepNow] = useState<Step>(first);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  return {
    step,
    setStep: (next: Step) => {
      focusNextPage();
      setStepNow(next);
    },
    errors,
    setErrors,
    attempt,
    /** Counts a submit; call before checking the form. */
    submitted: () => setAttempt((count) => count + 1),
    busy,
    /** Runs a request with the page marked busy (its save button disabled) until it answers. */
    save: async <T>(request: () => Promise<T>): Promise<T> => {
      setBusy(true);
      try {
        return await request();
      } finally {
        setBusy(false);
      }
    },
    /**
     * Shows a refusal: beside the fields the server named (those of `fields` the page has), else its detail
     * against `fallbackField`.
     */
    refused: (problem: Problem, fields: Readonly<Record<string, string>>, fallbackField: string) => {
      const named = fieldErrorsFrom(problem, fields);
      setErrors(named.length > 0 ? named : [{ fieldId: fallbackField, message: problem.detail ?? problem.title }]);
    },
  };
}
