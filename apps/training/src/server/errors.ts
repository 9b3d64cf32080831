/**
 * The errors the domain throws. They say what went wrong in the domain's terms (not found, a conflict, input
 * that does not fit a rule) and name the fields involved; they know nothing of HTTP. `app.ts`'s error handler
 * is the one place that turns them into problem+json answers with a status.
 *
 * A leaf: every floor (routes, domain, store) may import it, and it imports nothing of the server.
 */

/** One field that failed a rule, and why, in words a person can act on. */
export interface FieldIssue {
  /** Dotted field name as the client sent it (`answers.0.questionId`, `query.after`). */
  field: string;
  reason: string;
}

/** Base of every domain error: a human detail and, when fields are to blame, which ones and why. */
export abstract class DomainError extends Error {
  readonly issues: readonly FieldIssue[] | undefined;

  protected constructor(detail: string, issues?: readonly FieldIssue[]) {
    super(detail);
    this.name = new.target.name;
    this.issues = issues;
  }
}

/**
 * Nothing by that id for this caller. Also what another force's, or another learner's, record is: its
 * existence is not disclosed.
 */
export class NotFound extends DomainError {
  /** `what` completes "No … was found." (`learner`, `certificate`). */
  constructor(readonly what: string) {
    super(`No ${what} was found.`);
  }
}

/** Input that breaks a rule the request schema cannot check (a unit of another force, a date in the past). */
export class InvalidInput extends DomainError {
  /** The short title a client shows above the detail. */
  readonly title: string;

  constructor(issues: readonly FieldIssue[], options: { detail?: string; title?: string } = {}) {
    const first = issues[0];
    super(options.detail ?? (first ? `${first.field}: ${first.reason}` : "The request is not valid."), issues);
    this.title = options.title ?? "The request is not valid";
  }

  /** One field and why; the detail defaults to `field: reason`. */
  static field(field: string, reason: string, detail?: string): InvalidInput {
    return new InvalidInput([{ field, reason }], detail === undefined ? {} : { detail });
  }
}

/** Knowledge-check answers that do not fit the module's questions (an unknown question or option). */
export class AnswersDoNotFit extends InvalidInput {
  constructor(issues: readonly FieldIssue[]) {
    super(issues, {
      title: "The answers do not fit this knowledge check",
      detail: issues[0]?.reason ?? "The answers do not fit this knowledge check.",
    });
  }
}

/** A paging cursor that this list did not hand out (tampered with, or from another sort or list). */
export class BadCursor extends InvalidInput {
  /** `field` is where it came in (`query.after`); `list` names the list in the message (`grid`, `list`). */
  constructor(field: string, list: string, hint = "") {
    super([{ field, reason: `is not a cursor from this ${list}${hint}` }], {
      detail: `${field}: is not a cursor from this ${list}`,
    });
  }
}

/** What kind of conflict, which the problem's `type` names. */
export type ConflictKind =
  | "duplicate"
  | "attempt-conflict"
  | "statement-conflict"
  | "attempt-outdated"
  | "last-admin"
  | "document-conflict"
  | "import-outdated";

/** The request clashes with what is already stored (a value in use, an id reused for other content). */
export class Conflict extends DomainError {
  constructor(
    readonly kind: ConflictKind,
    readonly title: string,
    detail: string,
    issues: readonly FieldIssue[],
  ) {
    super(detail, issues);
  }

  /** A unique value (email, collar number, unit name) already taken. */
  static duplicate(field: string): Conflict {
    return new Conflict("duplicate", "Already in use", `${field}: is already in use`, [
      { field, reason: "is already in use" },
    ]);
  }
}

/** Which limit was reached, which the problem's `type` names. */
export type LimitKind = "rate-limited" | "attempt-limit";

/**
 * Too many tries for now (failed sign-ins, knowledge-check attempts): try again after `retryAfterMs`, or do
 * what the issues say (re-read the lessons they name).
 */
export class TooManyAttempts extends DomainError {
  constructor(
    readonly kind: LimitKind,
    readonly title: string,
    detail: string,
    readonly retryAfterMs: number | null,
    issues?: readonly FieldIssue[],
  ) {
    super(detail, issues);
  }
}

/** A condition the request set (an HTTP If-Match or If-None-Match on a document) does not hold. */
export class PreconditionFailed extends DomainError {
  constructor(
    readonly header: string,
    reason: string,
  ) {
    super(`${header}: ${reason}`, [{ field: `header.${header.toLowerCase()}`, reason }]);
  }
}

/** The `scimType` of a SCIM error answer (RFC 7644 §3.12). */
export type ScimErrorType = "invalidFilter" | "invalidPath" | "invalidValue" | "invalidSyntax" | "noTarget";

/** A SCIM request that breaks a rule of the protocol or of this app; SCIM clients read its `scimType`. */
export class ScimRefused extends InvalidInput {
  constructor(
    readonly scimType: ScimErrorType,
    field: string,
    reason: string,
  ) {
    super([{ field, reason }]);
  }
}
