import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "./client";
import { auditLog, completions, forces, sessions, statements, units, users } from "./schema";

/**
 * The store side of CSV imports: reading a force's people and units in one go, and writing thousands of
 * people in a few statements (one per 1,000 rows) rather than one per person, on PGlite and PostgreSQL alike.
 */

/** Takes the force's row lock for the rest of the transaction: one import of a force at a time. */
export async function lockForce(db: Db, forceId: string): Promise<void> {
  await db.select({ id: forces.id }).from(forces).where(eq(forces.id, forceId)).for("update");
}

/** What an import compares of a person. */
export const importedPersonColumns = {
  id: users.id,
  employeeNumber: users.employeeNumber,
  email: users.email,
  collarNumber: users.collarNumber,
  displayName: users.displayName,
  role: users.role,
  jobRole: users.jobRole,
  unitId: users.unitId,
  placedAt: users.placedAt,
  disabledAt: users.disabledAt,
};
/** A person as an import compares them. */
export type ImportedPerson = { [K in keyof typeof importedPersonColumns]: (typeof users.$inferSelect)[K] };

/** Every account of the force. */
export function forcePeople(db: Db, forceId: string): Promise<ImportedPerson[]> {
  return db.select(importedPersonColumns).from(users).where(eq(users.forceId, forceId));
}

/** Every unit of the force. */
export function forceUnitRows(db: Db, forceId: string) {
  return db
    .select({ id: units.id, name: units.name, parentId: units.parentId, closedAt: units.closedAt })
    .from(units)
    .where(eq(units.forceId, forceId));
}

/**
 * Which of these email addresses and collar numbers (lower case) other forces' accounts hold: they are sign-in
 * identifiers, unique across the service.
 */
export async function takenElsewhere(
  db: Db,
  forceId: string,
  emails: readonly string[],
  collars: readonly string[],
): Promise<{ emails: Set<string>; collars: Set<string> }> {
  const taken = { emails: new Set<string>(), collars: new Set<string>() };
  const email = sql<string>`lower(${users.email})`;
  const collar = sql<string>`lower(${users.collarNumber})`;
  for (let start = 0; start < emails.length; start += 5000) {
    const rows = await db
      .select({ value: email })
      .from(users)
      .where(and(ne(users.forceId, forceId), inArray(email, emails.slice(start, start + 5000))));
    for (const row of rows) taken.emails.add(row.value);
  }
  for (let start = 0; start < collars.length; start += 5000) {
    const rows = await db
      .select({ value: collar })
      .from(users)
      .where(and(ne(users.forceId, forceId), inArray(collar, collars.slice(start, start + 5000))));
    for (const row of rows) taken.collars.add(row.value);
  }
  return taken;
}

/** A new account as an import writes it. */
export type ImportedAccount = Omit<typeof users.$inferInsert, "createdAt">;

/** Inserts accounts, 1,000 to a statement. */
export async function insertAccounts(db: Db, accounts: readonly ImportedAccount[]): Promise<void> {
  for (let start = 0; start < accounts.length; start += 1000) {
    await db.insert(users).values(accounts.slice(start, start + 1000));
  }
}

/** An account's new values (every column an import may change). */
export interface AccountUpdate {
  id: string;
  employeeNumber: string;
  email: string;
  collarNumber: string | null;
  displayName: string;
  role: string;
  jobRole: string;
  unitId: string | null;
  placedAt: Date;
  disabledAt: Date | null;
}

/**
 * Writes accounts' new values, 1,000 to a statement, and keeps the completions projection's copy of unit and job
 * role in step (the trainer grid reads them there) in the same transaction.
 */
export async function updateAccounts(db: Db, forceId: string, updates: readonly AccountUpdate[]): Promise<void> {
  for (let start = 0; start < updates.length; start += 1000) {
    const json = JSON.stringify(
      updates.slice(start, start + 1000).map((update) => ({
        id: update.id,
        employee_number: update.employeeNumber,
        email: update.email,
        collar_number: update.collarNumber,
        display_name: update.displayName,
        role: update.role,
        job_role: update.jobRole,
        unit_id: update.unitId,
        placed_at: update.placedAt.toISOString(),
        disabled_at: update.disabledAt?.toISOString() ?? null,
      })),
    );
    await db.execute(sql`
      UPDATE users u SET employee_number = p.employee_number, email = p.email, collar_number = p.collar_number,
        display_name = p.display_name, role = p.role, job_role = p.job_role, unit_id = p.unit_id,
        placed_at = p.placed_at, disabled_at = p.disabled_at
      FROM jsonb_to_recordset(${json}::jsonb) AS p(id uuid, employee_number text, email text, collar_number text,
        display_name text, role text, job_role text, unit_id uuid, placed_at timestamptz, disabled_at timestamptz)
      WHERE u.id = p.id AND u.force_id = ${forceId}`);
    await db.execute(sql`
      UPDATE completions c SET unit_id = p.unit_id, job_role = p.job_role
      FROM jsonb_to_recordset(${json}::jsonb) AS p(id uuid, unit_id uuid, job_role text)
      WHERE c.user_id = p.id AND (c.unit_id IS DISTINCT FROM p.unit_id OR c.job_role <> p.job_role)`);
  }
}

/** Ends the open sessions of accounts just disabled; their next request tells them why. */
export async function endSessionsOf(db: Db, userIds: readonly string[]): Promise<void> {
  for (let start = 0; start < userIds.length; start += 1000) {
    await db
      .update(sessions)
      .set({ endedReason: "account-disabled" })
      .where(inArray(sessions.userId, userIds.slice(start, start + 1000)));
  }
}

/** Audit entries, 1,000 to a statement. */
export async function insertAuditEntries(db: Db, entries: readonly (typeof auditLog.$inferInsert)[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 1000) {
    await db.insert(auditLog).values(entries.slice(start, start + 1000));
  }
}

/** Completions (status and date) of these people, for the completions import to compare with. */
export function completionsOf(db: Db, userIds: readonly string[]) {
  return userIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ userId: completions.userId, moduleId: completions.moduleId, completedAt: completions.completedAt })
        .from(completions)
        .where(inArray(completions.userId, [...userIds]));
}

/** Which of these statements are stored already, with the score they carry. */
export async function storedStatements(db: Db, ids: readonly string[]): Promise<Map<string, number | null>> {
  const found = new Map<string, number | null>();
  for (let start = 0; start < ids.length; start += 5000) {
    const rows = await db
      .select({ id: statements.id, scaled: sql<unknown>`${statements.statement} #> '{result,score,scaled}'` })
      .from(statements)
      .where(inArray(statements.id, ids.slice(start, start + 5000)));
    for (const row of rows) found.set(row.id, typeof row.scaled === "number" ? row.scaled : null);
  }
  return found;
}
