import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { SsoSettingsRequest } from "../../shared/identity-api";
import type { Db } from "./client";
import { forces, scimTokens, ssoFlows, ssoProviders, units, users } from "./schema";

/** A force's OpenID Provider settings, with the client secret, for the sign-in itself; `undefined` if none. */
export async function ssoProviderOf(db: Db, forceId: string) {
  const [row] = await db.select().from(ssoProviders).where(eq(ssoProviders.forceId, forceId));
  return row;
}
/** A force's OpenID Provider settings as stored. */
export type SsoProviderRow = NonNullable<Awaited<ReturnType<typeof ssoProviderOf>>>;

/** Every force with single sign-on, by its button label. */
export function ssoProviderLabels(db: Db) {
  return db
    .select({ forceId: ssoProviders.forceId, label: ssoProviders.label })
    .from(ssoProviders)
    .orderBy(ssoProviders.label);
}

/** Whether a force lets its people sign in with a password here (true when it has no single sign-on). */
export async function localPasswordsAllowed(db: Db, forceId: string): Promise<boolean> {
  const [row] = await db
    .select({ localPasswords: ssoProviders.localPasswords })
    .from(ssoProviders)
    .where(eq(ssoProviders.forceId, forceId));
  return row?.localPasswords ?? true;
}

/** Creates or replaces a force's settings; `clientSecret` left out keeps the stored one. */
export async function saveSsoProvider(
  db: Db,
  forceId: string,
  settings: (SsoSettingsRequest & { clientSecret: string }) | SsoSettingsRequest,
  now: Date,
): Promise<SsoProviderRow | undefined> {
  const { clientSecret, ...rest } = settings;
  const values = { ...rest, updatedAt: now };
  if (clientSecret === undefined) {
    const [row] = await db.update(ssoProviders).set(values).where(eq(ssoProviders.forceId, forceId)).returning();
    return row;
  }
  const [row] = await db
    .insert(ssoProviders)
    .values({ ...values, forceId, clientSecret })
    .onConflictDoUpdate({ target: ssoProviders.forceId, set: { ...values, clientSecret } })
    .returning();
  return row;
}

/** Every force's stored client secret (sealed or, from before sealing, plain), for the start-up upgrade. */
export function ssoClientSecrets(db: Db) {
  return db.select({ forceId: ssoProviders.forceId, clientSecret: ssoProviders.clientSecret }).from(ssoProviders);
}

/**
 * Replaces a stored client secret with its sealed form, only if it is still the value read (another instance
 * or an admin may have changed it since); whether it was replaced.
 */
export async function replaceSsoClientSecret(db: Db, forceId: string, was: string, sealed: string): Promise<boolean> {
  const updated = await db
    .update(ssoProviders)
    .set({ clientSecret: sealed })
    .where(and(eq(ssoProviders.forceId, forceId), eq(ssoProviders.clientSecret, was)))
    .returning({ forceId: ssoProviders.forceId });
  return updated.length === 1;
}

/** Stores a sign-in in progress, sweeping those that expired unused. */
export async function saveSsoFlow(db: Db, flow: typeof ssoFlows.$inferInsert, now: Date): Promise<void> {
  await db.delete(ssoFlows).where(lt(ssoFlows.expiresAt, now));
  await db.insert(ssoFlows).values(flow);
}

/** Takes (deletes and returns) the sign-in in progress a state names, so it can be used once only. */
export async function takeSsoFlow(db: Db, stateHash: string) {
  const [row] = await db.delete(ssoFlows).where(eq(ssoFlows.stateHash, stateHash)).returning();
  return row;
}

/** An account as a session shows it (`AuthUser`), from `users` joined to `forces` and (left) `units`. */
export const sessionUserColumns = {
  id: users.id,
  forceId: users.forceId,
  forceName: forces.name,
  unitId: users.unitId,
  unitName: units.name,
  role: users.role,
  jobRole: users.jobRole,
  displayName: users.displayName,
  mustChangePassword: users.mustChangePassword,
};

// What single sign-on needs to know of an account besides.
const identityColumns = { ...sessionUserColumns, oidcSubject: users.oidcSubject, disabledAt: users.disabledAt };

/** The force's account linked to this subject at this issuer, else the one with this collar or employee number. */
export async function ssoAccountOf(
  db: Db,
  forceId: string,
  identity: { issuer: string; subject: string; collarNumber: string | null },
) {
  const base = () =>
    db
      .select(identityColumns)
      .from(users)
      .innerJoin(forces, eq(forces.id, users.forceId))
      .leftJoin(units, eq(units.id, users.unitId));
  const [linked] = await base().where(
    and(eq(users.forceId, forceId), eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject)),
  );
  if (linked) return { account: linked, by: "subject" as const };
  if (identity.collarNumber === null) return undefined;
  // The force's claim may carry a collar number or an HR employee number; a collar number wins if both match.
  const number = identity.collarNumber.toLowerCase();
  const [byNumber] = await base()
    .where(
      and(
        eq(users.forceId, forceId),
        sql`(lower(${users.collarNumber}) = ${number} OR lower(${users.employeeNumber}) = ${number})`,
      ),
    )
    .orderBy(sql`lower(${users.collarNumber}) = ${number} DESC NULLS LAST`)
    .limit(1);
  return byNumber ? { account: byNumber, by: "collar-or-employee-number" as const } : undefined;
}

/** Links an account to its provider identity and applies what its groups give; only unlinked or same-linked rows. */
export async function linkSsoAccount(
  db: Db,
  userId: string,
  identity: { issuer: string; subject: string },
  changes: Partial<Pick<typeof users.$inferInsert, "role" | "unitId" | "jobRole">>,
): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ ...changes, oidcIssuer: identity.issuer, oidcSubject: identity.subject })
    .where(
      and(
        eq(users.id, userId),
        sql`(${users.oidcSubject} IS NULL OR (${users.oidcIssuer} = ${identity.issuer} AND ${users.oidcSubject} = ${identity.subject}))`,
      ),
    )
    .returning({ id: users.id });
  return updated.length === 1;
}

/** The account with its force and unit names, for a new session. */
export async function sessionAccountOf(db: Db, userId: string) {
  const [row] = await db
    .select(identityColumns)
    .from(users)
    .innerJoin(forces, eq(forces.id, users.forceId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return row;
}

/** The ids of the force's units among these (group mappings may name a unit since closed or of another force). */
export async function unitsOfForce(db: Db, forceId: string, unitIds: readonly string[]): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.forceId, forceId), sql`${units.id} = ANY(${sql.param([...unitIds])}::uuid[])`));
  return new Set(rows.map((row) => row.id));
}

/** Replaces a force's SCIM token hash. */
export async function saveScimToken(db: Db, forceId: string, tokenHash: string, createdBy: string, now: Date) {
  await db
    .insert(scimTokens)
    .values({ forceId, tokenHash, createdBy, createdAt: now })
    .onConflictDoUpdate({ target: scimTokens.forceId, set: { tokenHash, createdBy, createdAt: now } });
}

/** The force a SCIM token hash belongs to, or `undefined`. */
export async function forceOfScimToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ forceId: scimTokens.forceId })
    .from(scimTokens)
    .where(eq(scimTokens.tokenHash, tokenHash));
  return row?.forceId;
}
