import { eq } from "drizzle-orm";
import type { ChangePasswordRequest } from "../../shared/api";
import { audit } from "../audit";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { InvalidInput, NotFound } from "../errors";
import { hashPassword, verifyPassword } from "./passwords";
import type { AuthContext, SessionEndReason } from "./session";
import { endSessions } from "./session";
import type { SignInThrottle } from "./throttle";

/**
 * The password policy, after NCSC's password guidance: length is what counts (12 characters at least, checked
 * by `NewPasswordSchema`), with no composition rules and no expiry. Beyond length, only what makes a password
 * guessable from the account itself is refused: the person's email address, collar number, employee number or
 * name, or one character repeated. There is no breached-password list here: the app ships none and must not
 * call out to a third-party service; a force that has a local list can add it at this one place.
 *
 * Returns why the password is refused, or `null` when it is acceptable.
 */
export function passwordRefusal(
  password: string,
  account: {
    email: string;
    collarNumber?: string | null | undefined;
    employeeNumber?: string | null | undefined;
    displayName: string;
  },
): string | null {
  const lowered = password.trim().toLowerCase();
  const own = [account.email, account.collarNumber, account.employeeNumber, account.displayName]
    .filter((value): value is string => typeof value === "string" && value !== "")
    .map((value) => value.toLowerCase());
  if (own.includes(lowered)) return "must not be your email address, collar number or name";
  if (new Set(password).size === 1) return "must not be one character repeated";
  return null;
}

const accountFields = {
  id: users.id,
  forceId: users.forceId,
  email: users.email,
  collarNumber: users.collarNumber,
  employeeNumber: users.employeeNumber,
  displayName: users.displayName,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
};

/** The account whose password is being set, with what the policy compares against. */
export async function passwordAccount(db: Db, userId: string) {
  const [account] = await db.select(accountFields).from(users).where(eq(users.id, userId));
  return account;
}

/**
 * Stores a new password for an account (argon2id). A temporary one (set by an admin) must be changed at the
 * next sign-in. Every session but `keep` is ended, and its holder is told why on their next request.
 */
export async function storePassword(
  db: Db,
  userId: string,
  password: string,
  options: { temporary: boolean; now: Date; keepSession?: string; endReason?: SessionEndReason },
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: options.temporary, passwordChangedAt: options.now })
      .where(eq(users.id, userId));
    await endSessions(tx, userId, options.endReason ?? "password-changed", options.keepSession);
  });
}

/** The policy's refusal for `account`, as an input error on `field`. */
export function checkPassword(field: string, password: string, account: Parameters<typeof passwordRefusal>[1]): void {
  const refusal = passwordRefusal(password, account);
  if (refusal !== null) throw InvalidInput.field(field, refusal, `Your new password ${refusal}.`);
}

/**
 * The signed-in person changes their own password, giving the current one. A wrong current password counts
 * as a failed sign-in (the same throttle), so a session left open cannot be used to guess it. Their other
 * sessions end; this one carries on, no longer bound to a temporary password.
 */
export async function changeOwnPassword(
  db: Db,
  auth: AuthContext,
  body: ChangePasswordRequest,
  options: { now: Date; address: string; throttle: SignInThrottle },
): Promise<void> {
  const account = await passwordAccount(db, auth.user.id);
  if (!account) throw new NotFound("account");
  const reservation = await options.throttle.reserve(
    { address: options.address, accountId: account.id, identifier: account.email.toLowerCase() },
    options.now,
  );
  if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
    await audit(db, {
      forceId: account.forceId,
      actorUserId: account.id,
      action: "password.change-failed",
      subject: account.id,
    });
    throw InvalidInput.field("currentPassword", "is not your current password", "Your current password is not right.");
  }
  await options.throttle.succeeded(reservation);
  if (body.newPassword === body.currentPassword) {
    throw InvalidInput.field(
      "newPassword",
      "must be different from your current password",
      "Your new password must be different from your current password.",
    );
  }
  checkPassword("newPassword", body.newPassword, account);
  await storePassword(db, account.id, body.newPassword, {
    temporary: false,
    now: options.now,
    keepSession: auth.session.tokenHash,
  });
  await audit(db, {
    forceId: account.forceId,
    actorUserId: account.id,
    action: "password.change",
    subject: account.id,
  });
}
