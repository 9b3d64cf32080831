import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type {
  AdminUnit,
  AdminUser,
  AdminUserDetail,
  NewUnitRequest,
  NewUserRequest,
  UpdateUnitRequest,
  UpdateUserRequest,
} from "../shared/admin-api";
import type { AccountRole, JobRole } from "../shared/api";
import { unstorableText } from "../shared/text";
import { audit } from "./audit";
import { addressFailure } from "./db/notifications";
import { checkPassword, passwordAccount, storePassword } from "./auth/password-change";
import { issuePasswordReset } from "./auth/password-reset";
import type { IssuedPasswordReset } from "./auth/password-reset";
import { hashPassword } from "./auth/passwords";
import { endSessions } from "./auth/session";
import { decodeCursor, encodeCursor } from "./cursor";
import type { Db } from "./db/client";
import { uniqueViolation } from "./db/errors";
import { sessionUserColumns } from "./db/identity";
import { lockTrainerCounts } from "./db/trainer-counts";
import { auditLog, completions, forces, units, users } from "./db/schema";
import { BadCursor, Conflict, InvalidInput, NotFound } from "./errors";

/**
 * Forces, units and accounts: creating them (for admins, seeds and tests alike), the admin's list of a force's
 * users, and the changes an admin may make. Every use case is scoped to the caller's force.
 */

/** Who is acting: the signed-in user, whose force scopes everything they do. */
export interface Actor {
  id: string;
  forceId: string;
}

// Unique indexes (migrations 0001, 0008, 0009) and the request field each one protects.
const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  users_email_key: "email",
  users_collar_number_key: "collarNumber",
  users_force_employee_number_key: "employeeNumber",
  users_force_external_id_key: "externalId",
  users_oidc_subject_key: "subject",
  units_force_name_key: "name",
};

/** Runs a write; a unique value already taken becomes a {@link Conflict} naming the field. */
export async function unique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const field = UNIQUE_FIELDS[uniqueViolation(error) ?? ""];
    throw field === undefined ? error : Conflict.duplicate(field);
  }
}

/** Creates a force if it does not exist yet. */
export async function ensureForce(db: Db, force: { id: string; name: string }): Promise<void> {
  await db.insert(forces).values(force).onConflictDoNothing();
}

/**
 * A unit id sent in a request must be an open unit of the caller's force (a command, when `command` is
 * asked for); anything else is an error on `field`.
 */
export async function checkUnit(
  db: Db,
  forceId: string,
  unitId: string | null | undefined,
  field: string,
  options: { command?: boolean } = {},
): Promise<void> {
  if (unitId === null || unitId === undefined) return;
  const [unit] = await db
    .select({ id: units.id, kind: units.kind, closedAt: units.closedAt })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.forceId, forceId)));
  if (!unit) throw InvalidInput.field(field, "is not a unit of your force");
  if (unit.closedAt !== null) throw InvalidInput.field(field, "is a closed unit");
  if (options.command === true && unit.kind !== "command") throw InvalidInput.field(field, "is not a command");
}

/** Creates a unit in a force; returns its id. A name the force already uses is a {@link Conflict}. */
export async function createUnit(
  db: Db,
  unit: { forceId: string; name: string; kind: "command" | "team"; parentId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await unique(() =>
    db
      .insert(units)
      .values({ id, forceId: unit.forceId, name: unit.name, kind: unit.kind, parentId: unit.parentId ?? null }),
  );
  return id;
}

/** The force's units by name (the trainer's unit filter and assignment form). */
export function forceUnits(db: Db, forceId: string) {
  return db
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(eq(units.forceId, forceId))
    .orderBy(asc(units.name));
}

/** The force's units by name, with whether each is closed and how many enabled people are in it. */
export async function listAdminUnits(db: Db, forceId: string): Promise<AdminUnit[]> {
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      closedAt: units.closedAt,
      people: count(users.id),
    })
    .from(units)
    .leftJoin(users, and(eq(users.unitId, units.id), isNull(users.disabledAt)))
    .where(eq(units.forceId, forceId))
    .groupBy(units.id)
    .orderBy(asc(units.name));
  return rows.map(({ closedAt, people, ...unit }) => ({ ...unit, closed: closedAt !== null, people: Number(people) }));
}

/**
 * An admin renames a unit, moves a team under a command (or out from under one), or closes or reopens it. A
 * unit with enabled people or open teams cannot close: they move first, so nobody is left in a closed unit.
 */
export async function changeUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  changes: UpdateUnitRequest,
  now: Date,
): Promise<AdminUnit> {
  const current = (await listAdminUnits(db, actor.forceId)).find((unit) => unit.id === unitId);
  if (!current) throw new NotFound("unit");
  if (changes.parentId !== undefined && changes.parentId !== null) {
    if (current.kind === "command") {
      throw InvalidInput.field("parentId", "must be empty for a command", "A command does not sit under another unit.");
    }
    await checkUnit(db, actor.forceId, changes.parentId, "parentId", { command: true });
  }
  if (changes.closed === true && !current.closed) {
    const [teams] = await db
      .select({ open: count() })
      .from(units)
      .where(and(eq(units.parentId, unitId), isNull(units.closedAt)));
    const blockers = [
      current.people > 0 ? `${current.people} ${current.people === 1 ? "person" : "people"}` : null,
      Number(teams?.open ?? 0) > 0
        ? `${Number(teams?.open)} open ${Number(teams?.open) === 1 ? "team" : "teams"}`
        : null,
    ].filter((text): text is string => text !== null);
    if (blockers.length > 0) {
      throw InvalidInput.field(
        "closed",
        `the unit still has ${blockers.join(" and ")}`,
        `Move the unit's ${blockers.join(" and ")} elsewhere before closing it.`,
      );
    }
  }
  await unique(() =>
    db
      .update(units)
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.parentId === undefined ? {} : { parentId: changes.parentId }),
        ...(changes.closed === undefined ? {} : { closedAt: changes.closed ? now : null }),
      })
      .where(and(eq(units.id, unitId), eq(units.forceId, actor.forceId))),
  );
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "unit.update",
    subject: unitId,
    details: { changed: Object.keys(changes) },
  });
  const updated = (await listAdminUnits(db, actor.forceId)).find((unit) => unit.id === unitId);
  if (!updated) throw new NotFound("unit");
  return updated;
}

/** What is needed to create an account. */
export interface NewAccount {
  forceId: string;
  unitId?: string | null | undefined;
  email: string;
  collarNumber?: string | null | undefined;
  displayName: string;
  role: AccountRole;
  jobRole: JobRole;
  /** `null` for a person who signs in only through their force's provider: no password will match. */
  password: string | null;
  /** The password was set by an admin for the person to change at first sign-in. */
  temporaryPassword?: boolean;
  /** When they joined (joiners' due dates count from here); the database's clock when not given. */
  placedAt?: Date;
  /** The person's key in the force's HR system (and directory: SCIM `employeeNumber`). */
  employeeNumber?: string | null | undefined;
  oidcIssuer?: string | null | undefined;
  oidcSubject?: string | null | undefined;
  externalId?: string | null | undefined;
}

/**
 * The password hash of an account with no password (single sign-on only, or waiting for the reset link an
 * admin hands over): not an argon2 hash, so verifyPassword refuses every password against it.
 */
export const NO_PASSWORD = "!no-password";

/**
 * Creates an account with an argon2id password hash; returns its id. An email address or collar number
 * already in use is a {@link Conflict} naming the field.
 */
export async function createAccount(db: Db, account: NewAccount): Promise<string> {
  const id = randomUUID();
  const { password, temporaryPassword, ...details } = account;
  const passwordHash = password === null ? NO_PASSWORD : await hashPassword(password);
  await unique(() =>
    db.insert(users).values({
      ...details,
      id,
      unitId: details.unitId ?? null,
      collarNumber: details.collarNumber ?? null,
      passwordHash,
      mustChangePassword: temporaryPassword === true,
    }),
  );
  return id;
}

/** An admin adds a unit (a command, or a team under one) to their force. */
export async function addUnit(db: Db, actor: Actor, input: NewUnitRequest) {
  if (input.kind === "command" && input.parentId) {
    throw InvalidInput.field("parentId", "must be empty for a command", "A command does not sit under another unit.");
  }
  await checkUnit(db, actor.forceId, input.parentId, "parentId", { command: true });
  const unit = { name: input.name, kind: input.kind, parentId: input.parentId ?? null };
  const id = await createUnit(db, { ...unit, forceId: actor.forceId });
  await audit(db, { forceId: actor.forceId, actorUserId: actor.id, action: "unit.create", subject: id });
  return { id, ...unit };
}

/**
 * An admin adds a person to their force with a temporary password, which the person must change when they
 * first sign in.
 */
export async function addUser(db: Db, actor: Actor, input: NewUserRequest, now: Date): Promise<AdminUser> {
  await checkUnit(db, actor.forceId, input.unitId, "unitId");
  checkPassword("password", input.password, input);
  const id = await createAccount(db, { ...input, forceId: actor.forceId, temporaryPassword: true, placedAt: now });
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "user.create",
    subject: id,
    details: { role: input.role },
  });
  const { password: _password, ...visible } = input;
  return {
    id,
    ...visible,
    unitId: input.unitId ?? null,
    collarNumber: input.collarNumber ?? null,
    disabled: false,
    mustChangePassword: true,
  };
}

const adminUser = {
  id: users.id,
  displayName: users.displayName,
  email: users.email,
  collarNumber: users.collarNumber,
  role: users.role,
  jobRole: users.jobRole,
  unitId: users.unitId,
  disabledAt: users.disabledAt,
  mustChangePassword: users.mustChangePassword,
};
type AdminUserRow = { [K in keyof typeof adminUser]: (typeof users.$inferSelect)[K] };
const toAdminUser = ({ disabledAt, ...row }: AdminUserRow): AdminUser => ({ ...row, disabled: disabledAt !== null });

const UsersCursorSchema = z.tuple([
  z
    .string()
    .max(400)
    .refine((text) => unstorableText(text) === null),
  z.uuid(),
]);

/** `text` for a LIKE pattern that matches it anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * A page of the force's users in name order, optionally only those whose name, email address or collar
 * number contains `q`; `after` is the `next` cursor of the page before.
 */
export async function listUsers(
  db: Db,
  forceId: string,
  page: { limit: number; after?: string | undefined; q?: string | undefined },
): Promise<{ users: AdminUser[]; next: string | null }> {
  const pattern = page.q ? containing(page.q) : undefined;
  const after = page.after === undefined ? undefined : decodeCursor(page.after, UsersCursorSchema);
  if (page.after !== undefined && after === undefined) throw new BadCursor("query.after", "list");
  const name = sql`lower(${users.displayName})`;
  const rows = await db
    .select(adminUser)
    .from(users)
    .where(
      and(
        eq(users.forceId, forceId),
        pattern === undefined
          ? undefined
          : sql`(lower(${users.displayName}) LIKE ${pattern} OR lower(${users.email}) LIKE ${pattern} OR lower(coalesce(${users.collarNumber}, '')) LIKE ${pattern})`,
        after ? or(gt(name, after[0]), and(eq(name, after[0]), gt(users.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(name), asc(users.id))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    users: shown.map(toAdminUser),
    next: rows.length > page.limit && last ? encodeCursor([last.displayName.toLowerCase(), last.id]) : null,
  };
}

/** An admin changes a user's role, job role or unit, or disables or re-enables them. */
export async function changeUser(
  db: Db,
  actor: Actor,
  userId: string,
  changes: UpdateUserRequest,
  now: Date,
): Promise<AdminUser> {
  await checkUnit(db, actor.forceId, changes.unitId, "unitId");
  if (userId === actor.id && (changes.disabled === true || (changes.role !== undefined && changes.role !== "admin"))) {
    // An admin cannot lock themself out; another admin has to do it, so a force always keeps one.
    throw InvalidInput.field(
      changes.disabled === true ? "disabled" : "role",
      "cannot be changed on your own account",
      "You cannot disable or demote your own account.",
    );
  }
  const removesAdmin = changes.disabled === true || (changes.role !== undefined && changes.role !== "admin");
  const updated = await db.transaction(async (tx) => {
    // Moving or disabling someone moves their trainer counts: the force's counts lock is taken first, before
    // any row, so this never holds it while waiting for a projection writer that then waits for it.
    if (changes.unitId !== undefined || changes.jobRole !== undefined || changes.disabled !== undefined) {
      await lockTrainerCounts(tx, actor.forceId);
    }
    if (removesAdmin) {
      // Locks every enabled admin row of the force first, so two admins demoting each other at once are taken
      // one after the other, and the second sees that only one admin would be left.
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.forceId, actor.forceId), eq(users.role, "admin"), isNull(users.disabledAt)))
        .for("update");
      if (admins.some((admin) => admin.id === userId) && admins.length <= 1) {
        throw new Conflict(
          "last-admin",
          "A force needs an admin",
          "This is the force's last admin; make someone else an admin first.",
          [
            {
              field: changes.disabled === true ? "disabled" : "role",
              reason: "would leave the force without an admin",
            },
          ],
        );
      }
    }
    const [row] = await tx
      .update(users)
      .set({
        ...(changes.role === undefined ? {} : { role: changes.role }),
        ...(changes.jobRole === undefined ? {} : { jobRole: changes.jobRole }),
        ...(changes.unitId === undefined ? {} : { unitId: changes.unitId }),
        ...(changes.disabled === undefined ? {} : { disabledAt: changes.disabled ? now : null }),
        // Moving unit or job role brings the person into other assignments' scope: their allowance counts
        // from today (joiners' due dates).
        ...(changes.unitId === undefined && changes.jobRole === undefined
          ? {}
          : {
              placedAt: sql`CASE WHEN ${users.unitId} IS DISTINCT FROM ${changes.unitId === undefined ? users.unitId : changes.unitId}::uuid
                OR ${users.jobRole} <> ${changes.jobRole ?? users.jobRole} THEN ${now.toISOString()}::timestamptz ELSE ${users.placedAt} END`,
            }),
      })
      .where(and(eq(users.id, userId), eq(users.forceId, actor.forceId)))
      .returning(adminUser);
    if (!row) return undefined;
    // The projection carries unit and job role for the trainer grid; keep it in step in the same transaction.
    if (changes.unitId !== undefined || changes.jobRole !== undefined) {
      await tx
        .update(completions)
        .set({ unitId: row.unitId, jobRole: row.jobRole })
        .where(eq(completions.userId, row.id));
    }
    // The person's open sessions end; their next request tells them the account was disabled.
    if (changes.disabled === true) await endSessions(tx, row.id, "account-disabled");
    return row;
  });
  if (!updated) throw new NotFound("user");
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "user.update",
    subject: updated.id,
    details: { changed: Object.keys(changes) },
  });
  return toAdminUser(updated);
}

/** One user of the actor's force, with their latest 20 sign-in attempts (from the audit log). */
export async function userDetail(db: Db, actor: Actor, userId: string): Promise<AdminUserDetail> {
  const [row] = await db
    .select({ ...adminUser, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.forceId, actor.forceId)));
  if (!row) throw new NotFound("user");
  const signIns = await db
    .select({ at: auditLog.at, action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.subject, userId), inArray(auditLog.action, ["sign-in", "sign-in.failed"])))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(20);
  const { createdAt, ...user } = row;
  const failure = await addressFailure(db, userId);
  return {
    ...toAdminUser(user),
    createdAt: createdAt.toISOString(),
    emailFailure: failure ? { at: failure.at.toISOString(), reason: failure.reason } : null,
    signIns: signIns.map((entry) => ({
      at: entry.at.toISOString(),
      outcome: entry.action === "sign-in" ? "signed-in" : "failed",
    })),
  };
}

/** Whether the user is one of the actor's force's (another force's user is not disclosed). */
export async function isForceUser(db: Db, actor: Actor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.forceId, actor.forceId)));
  return row !== undefined;
}

/** A user of the actor's force, or {@link NotFound} (another force's user is not disclosed). */
async function forceUser(db: Db, actor: Actor, userId: string) {
  const account = await passwordAccount(db, userId);
  if (!account || account.forceId !== actor.forceId) throw new NotFound("user");
  return account;
}

/**
 * An admin sets a temporary password for a person (who has forgotten theirs): it must be changed at the
 * next sign-in, and every open session of the person ends.
 */
export async function setTemporaryPassword(
  db: Db,
  actor: Actor,
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  const account = await forceUser(db, actor, userId);
  checkPassword("password", password, account);
  await storePassword(db, account.id, password, { temporary: true, now });
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "user.temporary-password",
    subject: account.id,
  });
}

/** An admin issues a one-time reset link for a person of their force, to hand over. */
export async function issueResetLink(db: Db, actor: Actor, userId: string, now: Date): Promise<IssuedPasswordReset> {
  const account = await forceUser(db, actor, userId);
  if (account.disabledAt !== null) {
    throw InvalidInput.field("userId", "is disabled", "Re-enable the account before issuing a reset link.");
  }
  return issuePasswordReset(db, { user: account, issuedBy: actor.id }, now);
}

/**
 * The enabled account an identifier (email address or collar number, any case) names, with its password
 * hash for checking, or `undefined`.
 */
export async function signInAccount(db: Db, identifier: string) {
  const lowered = identifier.toLowerCase();
  const [account] = await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(forces, eq(forces.id, users.forceId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(
      sql`(lower(${users.email}) = ${lowered} OR lower(${users.collarNumber}) = ${lowered}) AND ${users.disabledAt} IS NULL`,
    )
    .limit(1);
  return account;
}
