import { randomUUID } from "node:crypto";
import type { AccountRole, JobRole } from "../shared/api";
import { hashPassword } from "./auth/passwords";
import type { Db } from "./db/client";
import { forces, units, users } from "./db/schema";

/** Creates a force if it does not exist yet. */
export async function ensureForce(db: Db, force: { id: string; name: string }): Promise<void> {
  await db.insert(forces).values(force).onConflictDoNothing();
}

/** Creates a unit in a force; returns its id. */
export async function createUnit(
  db: Db,
  unit: { forceId: string; name: string; kind: "command" | "team"; parentId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await db
    .insert(units)
    .values({ id, forceId: unit.forceId, name: unit.name, kind: unit.kind, parentId: unit.parentId ?? null });
  return id;
}

/** What is needed to create an account. */
export interface NewAccount {
  forceId: string;
  unitId?: string | null;
  email: string;
  collarNumber?: string | null;
  displayName: string;
  role: AccountRole;
  jobRole: JobRole;
  password: string;
}

/** Creates an account with an argon2id password hash; returns its id. */
export async function createAccount(db: Db, account: NewAccount): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({
    id,
    forceId: account.forceId,
    unitId: account.unitId ?? null,
    email: account.email,
    collarNumber: account.collarNumber ?? null,
    displayName: account.displayName,
    role: account.role,
    jobRole: account.jobRole,
    passwordHash: await hashPassword(account.password),
  });
  return id;
}
