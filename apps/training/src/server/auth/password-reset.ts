import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { audit } from "../audit";
import type { Db } from "../db/client";
import { passwordResetTokens, users } from "../db/schema";
import { InvalidInput } from "../errors";
import { checkPassword, passwordAccount, storePassword } from "./password-change";
import { hashToken, randomToken } from "./session";

/**
 * One-time password reset links. The token is 256 random bits, sent only in the link; the database keeps
 * its SHA-256. A link works once, for {@link RESET_LINK_MINUTES} minutes, and using it ends every session of
 * the account. Issuing a new link cancels the account's earlier unused ones.
 *
 * An admin issues a link and hands it over (issue 15); the email runner (issue 20) calls the same
 * {@link issuePasswordReset} and sends {@link passwordResetPath} prefixed with the site's address.
 */
export const RESET_LINK_MINUTES = 30;

/** The path of the reset page for a token. The token rides in the fragment, which browsers never send. */
export const passwordResetPath = (token: string): string => `/reset-password#token=${token}`;

/** A link just issued: the raw token (never stored) and when it stops working. */
export interface IssuedPasswordReset {
  token: string;
  path: string;
  expiresAt: Date;
}

/**
 * Issues a reset link for an account. `issuedBy` is the admin who asked (or `null` when the person asked for
 * it themself, as the email runner will). Callers check the account is one they may reset.
 */
export async function issuePasswordReset(
  db: Db,
  request: { user: { id: string; forceId: string }; issuedBy: string | null },
  now: Date,
): Promise<IssuedPasswordReset> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    // Earlier unused links of this account, and anyone's ended ones, go: one live link per person at most.
    await tx
      .delete(passwordResetTokens)
      .where(
        or(
          and(eq(passwordResetTokens.userId, request.user.id), isNull(passwordResetTokens.usedAt)),
          lt(passwordResetTokens.expiresAt, now),
        ),
      );
    await tx.insert(passwordResetTokens).values({
      tokenHash: hashToken(token),
      userId: request.user.id,
      forceId: request.user.forceId,
      issuedBy: request.issuedBy,
      expiresAt,
    });
  });
  await audit(db, {
    forceId: request.user.forceId,
    actorUserId: request.issuedBy,
    action: "password-reset.issue",
    subject: request.user.id,
  });
  return { token, path: passwordResetPath(token), expiresAt };
}

const unusable = () =>
  InvalidInput.field(
    "token",
    "is not a reset link that still works",
    "This password reset link has expired or has already been used. Ask for a new one.",
  );

/** A live link's row: unused, unexpired, of an enabled account. */
async function liveLink(db: Db, token: string, now: Date) {
  const [link] = await db
    .select({ userId: passwordResetTokens.userId, expiresAt: passwordResetTokens.expiresAt })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  return link;
}

/** Whether a link still works, and until when; an input error on `token` if not. */
export async function checkPasswordReset(db: Db, token: string, now: Date): Promise<{ expiresAt: Date }> {
  const link = await liveLink(db, token, now);
  if (!link) throw unusable();
  return { expiresAt: link.expiresAt };
}

/**
 * Sets a new password through a link: the link is used up (atomically, so two tabs cannot both use it), the
 * password is checked against the policy first (a refused password leaves the link working), and every
 * session of the account ends. Returns the account's id.
 */
export async function redeemPasswordReset(
  db: Db,
  request: { token: string; newPassword: string },
  now: Date,
): Promise<string> {
  const link = await liveLink(db, request.token, now);
  const account = link && (await passwordAccount(db, link.userId));
  if (!link || !account) throw unusable();
  checkPassword("newPassword", request.newPassword, account);
  const [used] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, hashToken(request.token)), isNull(passwordResetTokens.usedAt)))
    .returning({ userId: passwordResetTokens.userId });
  if (!used) throw unusable();
  await storePassword(db, account.id, request.newPassword, { temporary: false, now });
  await audit(db, {
    forceId: account.forceId,
    actorUserId: account.id,
    action: "password-reset.use",
    subject: account.id,
  });
  return account.id;
}
