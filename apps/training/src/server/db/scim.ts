import { and, asc, count, eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "./client";
import { ssoProviders, users } from "./schema";

/** What SCIM shows and changes of an account. */
const scimColumns = {
  id: users.id,
  email: users.email,
  employeeNumber: users.employeeNumber,
  displayName: users.displayName,
  externalId: users.externalId,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
};
/** An account as SCIM sees it. */
export type ScimUserRow = { [K in keyof typeof scimColumns]: (typeof users.$inferSelect)[K] };

/** A condition SCIM filters may ask for: one attribute equal to a value. */
export type ScimCondition = { attribute: "email" | "externalId" | "id"; value: string };

const conditionSql = (condition: ScimCondition): SQL =>
  condition.attribute === "email"
    ? sql`lower(${users.email}) = ${condition.value.toLowerCase()}`
    : condition.attribute === "externalId"
      ? eq(users.externalId, condition.value)
      : eq(users.id, condition.value);

/** A page of the force's accounts meeting every condition, oldest first, with the total count. */
export async function scimUsers(
  db: Db,
  forceId: string,
  conditions: readonly ScimCondition[],
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: ScimUserRow[] }> {
  const where = and(eq(users.forceId, forceId), ...conditions.map(conditionSql));
  const [counted] = await db.select({ total: count() }).from(users).where(where);
  const rows =
    page.limit === 0
      ? []
      : await db
          .select(scimColumns)
          .from(users)
          .where(where)
          .orderBy(asc(users.createdAt), asc(users.id))
          .offset(page.offset)
          .limit(page.limit);
  return { total: counted?.total ?? 0, rows };
}

/** One of the force's accounts, or `undefined`. */
export async function scimUser(db: Db, forceId: string, id: string): Promise<ScimUserRow | undefined> {
  const [row] = await db
    .select(scimColumns)
    .from(users)
    .where(and(eq(users.forceId, forceId), eq(users.id, id)));
  return row;
}

/** The job role new provisioned accounts get: the force's single sign-on default, else `staff`. */
export async function provisionedJobRole(db: Db, forceId: string) {
  const [row] = await db
    .select({ jobRole: ssoProviders.defaultJobRole })
    .from(ssoProviders)
    .where(eq(ssoProviders.forceId, forceId));
  return row?.jobRole ?? "staff";
}

/** Changes what SCIM holds of one of the force's accounts. */
export async function updateScimUser(
  db: Db,
  forceId: string,
  id: string,
  changes: Partial<
    Pick<typeof users.$inferInsert, "email" | "employeeNumber" | "displayName" | "externalId" | "disabledAt">
  >,
): Promise<ScimUserRow | undefined> {
  const [row] = await db
    .update(users)
    .set(changes)
    .where(and(eq(users.forceId, forceId), eq(users.id, id)))
    .returning(scimColumns);
  return row;
}
