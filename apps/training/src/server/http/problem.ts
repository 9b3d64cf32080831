import type { z } from "zod";
import type { Problem } from "../../shared/api";
import type { FieldIssue } from "../errors";
import { Conflict, DomainError, InvalidInput, NotFound, PreconditionFailed, TooManyAttempts } from "../errors";

/** Base of the `type` URIs of our problems (RFC 9457); they name the kind of failure, not a page. */
export const PROBLEM_BASE = "https://training.stalking-response.invalid/problems";

/** An error that becomes a problem+json answer with its status. Thrown by handlers and hooks. */
export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly problem: Problem;

  constructor(status: number, slug: string, title: string, detail?: string, errors?: Problem["errors"]) {
    super(detail ?? title);
    this.name = "HttpProblem";
    this.statusCode = status;
    this.problem = {
      type: `${PROBLEM_BASE}/${slug}`,
      title,
      status,
      ...(detail === undefined ? {} : { detail }),
      ...(errors === undefined ? {} : { errors }),
    };
  }
}

/** Formats a zod path as the dotted field name clients show (`answers.0.questionId`); empty means the whole part. */
export function fieldName(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((part) => part !== "").join(".");
}

type Issue = z.core.$ZodIssue;

/**
 * Replaces "matched no branch of a union" by the issues of the branch the input was meant for: the one
 * whose type matched at the union's own level (an object sent where "a statement or a list" is accepted
 * is reported against the statement's fields, not as "expected array").
 */
function unionIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const meant = issue.errors.find(
      (branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0),
    );
    if (!meant) return [issue];
    return unionIssues(meant).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
  });
}

/** A 400 naming every field that failed validation and why. */
export function validationProblem(part: "body" | "query" | "params", error: z.ZodError): HttpProblem {
  const errors = unionIssues(error.issues)
    .slice(0, 50)
    .map((issue) => ({
      field: fieldName(part === "body" ? "" : part, issue.path) || part,
      reason: issue.message,
    }));
  const first = errors[0];
  const detail = first ? `${first.field}: ${first.reason}` : `The request ${part} is not valid.`;
  return new HttpProblem(400, "validation", "The request is not valid", detail, errors);
}

/** 401: nobody is signed in, or the session has ended. */
export const unauthenticated = () =>
  new HttpProblem(401, "unauthenticated", "Sign in to continue", "You are not signed in or your session has ended.");

/** 401: the session was ended from outside (the account disabled, the password changed), saying which. */
export function sessionEnded(reason: "account-disabled" | "password-changed"): HttpProblem {
  return reason === "account-disabled"
    ? new HttpProblem(
        401,
        "account-disabled",
        "Your account has been disabled",
        "Your account has been disabled, so you have been signed out. If you think this is a mistake, speak to your force's training administrator.",
      )
    : new HttpProblem(
        401,
        "password-changed",
        "You have been signed out",
        "Your password was changed, so you have been signed out here. Sign in with your new password.",
      );
}

/** 403: a temporary password must be changed before anything else. */
export const passwordChangeRequired = () =>
  new HttpProblem(
    403,
    "password-change-required",
    "Change your password",
    "Your password was set by an administrator. Change it before you do anything else.",
  );

/** 415: a body of a type the route does not read (JSON to a file upload, a file to a JSON route). */
export const unsupportedBody = (expected: string) =>
  new HttpProblem(
    415,
    "unsupported-media-type",
    "The request body is not of the expected type",
    `Send the body as ${expected}.`,
    [{ field: "header.content-type", reason: `must be ${expected}` }],
  );

/** 403: signed in, but this role may not do this (naming the fields that make it so, when some do). */
export const forbidden = (detail = "Your account cannot do this.", issues?: readonly FieldIssue[]) =>
  new HttpProblem(403, "forbidden", "You do not have permission", detail, issues && [...issues]);

/**
 * The one mapping from the domain's errors to problems: not found is 404 (which does not reveal whether the
 * thing exists in another force or belongs to someone else), input that breaks a rule 400, a conflict with
 * what is stored 409, a limit reached 429 (app.ts adds its Retry-After), a failed If-Match 412. `undefined` for anything that is not a domain error.
 */
export function problemOf(error: DomainError): HttpProblem;
export function problemOf(error: unknown): HttpProblem | undefined;
export function problemOf(error: unknown): HttpProblem | undefined {
  const issues = error instanceof DomainError && error.issues ? [...error.issues] : undefined;
  if (error instanceof NotFound) return new HttpProblem(404, "not-found", "Not found", error.message);
  if (error instanceof InvalidInput) return new HttpProblem(400, "validation", error.title, error.message, issues);
  if (error instanceof Conflict) return new HttpProblem(409, error.kind, error.title, error.message, issues);
  if (error instanceof PreconditionFailed) {
    return new HttpProblem(412, "precondition-failed", "Precondition failed", error.message, issues);
  }
  if (error instanceof TooManyAttempts) return new HttpProblem(429, error.kind, error.title, error.message, issues);
  return undefined;
}
