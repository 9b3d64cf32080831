import type { Contract } from "./contract";

/** Why a call did not produce the data the page asked for. */
export type Problem = {
  /** HTTP status, or 0 when the server could not be reached or answered something we do not understand. */
  status: number;
  title: string;
  detail?: string;
  /** Field-level reasons (the server names each bad field), in the order the server gave them. */
  fieldErrors: { field: string; reason: string }[];
};

/** Reads a problem+json body, falling back to a status-only problem when the body is something else. */
export function toProblem(status: number, body: unknown, contract: Pick<Contract, "ProblemSchema">): Problem {
  const parsed = contract.ProblemSchema.safeParse(body);
  if (!parsed.success) return { status, title: fallbackTitle(status), fieldErrors: [] };
  const { title, detail, errors = [] } = parsed.data;
  return { status, title, ...(detail === undefined ? {} : { detail }), fieldErrors: errors };
}

function fallbackTitle(status: number): string {
  if (status === 0) return "The training service could not be reached. Check your connection and try again.";
  if (status === 401) return "You need to sign in";
  if (status === 403) return "You do not have access to this page";
  if (status === 404) return "Page not found";
  if (status === 429) return "Too many attempts. Wait a minute and try again.";
  return "Sorry, there is a problem with the service. Try again later.";
}

/** A problem for an answer whose shape did not match the API contract (a deploy mismatch, never the user's fault). */
export function contractProblem(): Problem {
  return { status: 0, title: "Sorry, there is a problem with the service. Try again later.", fieldErrors: [] };
}

/** A problem for a network failure. */
export function networkProblem(): Problem {
  return { status: 0, title: fallbackTitle(0), fieldErrors: [] };
}

/** One error to show in the error summary and beside its field. */
export type FieldError = { fieldId: string; message: string };

/**
 * Turns the server's field errors into error-summary entries for the fields a page shows, capitalising the
 * reason as GOV.UK error messages are written ("Enter your password").
 */
export function fieldErrorsFrom(problem: Problem, fieldIds: Readonly<Record<string, string>>): FieldError[] {
  return problem.fieldErrors.flatMap(({ field, reason }) => {
    const fieldId = fieldIds[field];
    if (fieldId === undefined) return [];
    return [{ fieldId, message: reason.charAt(0).toUpperCase() + reason.slice(1) }];
  });
}
