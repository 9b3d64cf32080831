import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import {
  AdminUserSchema,
  AdminUsersQuerySchema,
  AdminUsersResponseSchema,
  NewUnitRequestSchema,
  NewUserRequestSchema,
  UnitResponseSchema,
  UpdateUserRequestSchema,
  adminPaths,
} from "../../shared/admin-api";
import { audit } from "../audit";
import { hashPassword } from "../auth/passwords";
import type { Db } from "../db/client";
import { completions, sessions, units, users } from "../db/schema";
import { unstorableText } from "../../shared/text";
import { HttpProblem, notFound } from "../http/problem";
import { defineRoute } from "../http/route";
import type { AppDeps } from "./deps";

const ADMIN = ["admin"] as const;

const adminUser = {
  id: users.id,
  displayName: users.displayName,
  email: users.email,
  collarNumber: users.collarNumber,
  role: users.role,
  jobRole: users.jobRole,
  unitId: users.unitId,
  disabledAt: users.disabledAt,
};
type AdminUserRow = { [K in keyof typeof adminUser]: (typeof users.$inferSelect)[K] };
const toAdminUser = ({ disabledAt, ...row }: AdminUserRow) => ({ ...row, disabled: disabledAt !== null });

/** A unit id from a request must belong to the admin's force; anything else is a field error. */
async function checkUnit(db: Db, forceId: string, unitId: string | null | undefined, field: string): Promise<void> {
  if (unitId === null || unitId === undefined) return;
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.forceId, forceId)));
  if (!unit) {
    throw new HttpProblem(400, "validation", "The request is not valid", `${field}: is not a unit of your force`, [
      { field, reason: "is not a unit of your force" },
    ]);
  }
}

/** Unique-index violations (email, collar number, unit name) become a 409 naming the field. */
function duplicateProblem(error: unknown): HttpProblem | undefined {
  // drizzle wraps the driver's error; the constraint name is on the driver error (its `cause`).
  const describe = (value: unknown): string =>
    value instanceof Error ? `${value.message} ${(value as { constraint?: string }).constraint ?? ""}` : "";
  const text = `${describe(error)} ${describe(error instanceof Error ? error.cause : undefined)}`;
  const field = /users_email_key/.test(text)
    ? "email"
    : /users_collar_number_key/.test(text)
      ? "collarNumber"
      : /units_force_name_key/.test(text)
        ? "name"
        : undefined;
  if (!field) return undefined;
  return new HttpProblem(409, "duplicate", "Already in use", `${field}: is already in use`, [
    { field, reason: "is already in use" },
  ]);
}

const cursorOf = (row: { displayName: string; id: string }) =>
  Buffer.from(JSON.stringify([row.displayName.toLowerCase(), row.id])).toString("base64url");
const CursorSchema = z.tuple([
  z
    .string()
    .max(400)
    .refine((text) => unstorableText(text) === null),
  z.uuid(),
]);

/** Users and units of the admin's own force. */
export function adminRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    defineRoute({
      method: "POST",
      url: adminPaths.units,
      summary: "Create a command or team in the admin's force",
      tags: ["admin"],
      access: ADMIN,
      body: NewUnitRequestSchema,
      errors: [409],
      response: { status: 201, schema: UnitResponseSchema, description: "Unit created" },
      handler: async ({ auth, body }) => {
        await checkUnit(db, auth.user.forceId, body.parentId, "parentId");
        const unit = { id: randomUUID(), name: body.name, kind: body.kind, parentId: body.parentId ?? null };
        try {
          await db.insert(units).values({ ...unit, forceId: auth.user.forceId });
        } catch (error) {
          throw duplicateProblem(error) ?? error;
        }
        await audit(db, {
          forceId: auth.user.forceId,
          actorUserId: auth.user.id,
          action: "unit.create",
          subject: unit.id,
        });
        return unit;
      },
    }),
    defineRoute({
      method: "GET",
      url: adminPaths.users,
      summary: "The force's users, a page at a time",
      tags: ["admin"],
      access: ADMIN,
      query: AdminUsersQuerySchema,
      response: { status: 200, schema: AdminUsersResponseSchema, description: "Users" },
      handler: async ({ auth, query }) => {
        let after: [string, string] | null = null;
        if (query.after !== undefined) {
          let decoded: unknown;
          try {
            decoded = JSON.parse(Buffer.from(query.after, "base64url").toString("utf8"));
          } catch {
            decoded = null;
          }
          const parsed = CursorSchema.safeParse(decoded);
          if (!parsed.success) {
            throw new HttpProblem(
              400,
              "validation",
              "The request is not valid",
              "query.after: is not a cursor from this list",
              [{ field: "query.after", reason: "is not a cursor from this list" }],
            );
          }
          after = parsed.data;
        }
        const name = sql`lower(${users.displayName})`;
        const rows = await db
          .select(adminUser)
          .from(users)
          .where(
            and(
              eq(users.forceId, auth.user.forceId),
              after ? or(gt(name, after[0]), and(eq(name, after[0]), gt(users.id, after[1]))) : undefined,
            ),
          )
          .orderBy(asc(name), asc(users.id))
          .limit(query.limit + 1);
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return { users: page.map(toAdminUser), next: rows.length > query.limit && last ? cursorOf(last) : null };
      },
    }),
    defineRoute({
      method: "POST",
      url: adminPaths.users,
      summary: "Create a user in the admin's force",
      tags: ["admin"],
      access: ADMIN,
      body: NewUserRequestSchema,
      errors: [409],
      response: { status: 201, schema: AdminUserSchema, description: "User created" },
      handler: async ({ auth, body }) => {
        await checkUnit(db, auth.user.forceId, body.unitId, "unitId");
        const id = randomUUID();
        const row = {
          id,
          forceId: auth.user.forceId,
          unitId: body.unitId ?? null,
          email: body.email,
          collarNumber: body.collarNumber ?? null,
          displayName: body.displayName,
          role: body.role,
          jobRole: body.jobRole,
          passwordHash: await hashPassword(body.password),
        };
        try {
          await db.insert(users).values(row);
        } catch (error) {
          throw duplicateProblem(error) ?? error;
        }
        await audit(db, {
          forceId: auth.user.forceId,
          actorUserId: auth.user.id,
          action: "user.create",
          subject: id,
          details: { role: body.role },
        });
        const { passwordHash: _hash, forceId: _force, ...visible } = row;
        return { ...visible, disabled: false };
      },
    }),
    defineRoute({
      method: "PATCH",
      url: adminPaths.user,
      summary: "Change a user's role, job role or unit, or disable or re-enable them",
      tags: ["admin"],
      access: ADMIN,
      params: z.object({ userId: z.uuid() }),
      body: UpdateUserRequestSchema,
      errors: [404, 409],
      response: { status: 200, schema: AdminUserSchema, description: "User updated" },
      handler: async ({ auth, params, body }) => {
        await checkUnit(db, auth.user.forceId, body.unitId, "unitId");
        if (
          params.userId === auth.user.id &&
          (body.disabled === true || (body.role !== undefined && body.role !== "admin"))
        ) {
          // An admin cannot lock themself out; another admin has to do it, so a force always keeps one.
          throw new HttpProblem(
            400,
            "validation",
            "The request is not valid",
            "You cannot disable or demote your own account.",
            [{ field: body.disabled === true ? "disabled" : "role", reason: "cannot be changed on your own account" }],
          );
        }
        const removesAdmin = body.disabled === true || (body.role !== undefined && body.role !== "admin");
        const updated = await db.transaction(async (tx) => {
          if (removesAdmin) {
            // Locks every enabled admin row of the force first, so two admins demoting each other at once are
            // taken one after the other, and the second sees that only one admin would be left.
            const admins = await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.forceId, auth.user.forceId), eq(users.role, "admin"), isNull(users.disabledAt)))
              .for("update");
            if (admins.some((admin) => admin.id === params.userId) && admins.length <= 1) {
              throw new HttpProblem(
                409,
                "last-admin",
                "A force needs an admin",
                "This is the force's last admin; make someone else an admin first.",
                [
                  {
                    field: body.disabled === true ? "disabled" : "role",
                    reason: "would leave the force without an admin",
                  },
                ],
              );
            }
          }
          const [row] = await tx
            .update(users)
            .set({
              ...(body.role === undefined ? {} : { role: body.role }),
              ...(body.jobRole === undefined ? {} : { jobRole: body.jobRole }),
              ...(body.unitId === undefined ? {} : { unitId: body.unitId }),
              ...(body.disabled === undefined ? {} : { disabledAt: body.disabled ? new Date() : null }),
            })
            .where(and(eq(users.id, params.userId), eq(users.forceId, auth.user.forceId)))
            .returning(adminUser);
          if (!row) return undefined;
          // The projection carries unit and job role for the trainer grid; keep it in step in the same transaction.
          if (body.unitId !== undefined || body.jobRole !== undefined) {
            await tx
              .update(completions)
              .set({ unitId: row.unitId, jobRole: row.jobRole })
              .where(eq(completions.userId, row.id));
          }
          if (body.disabled === true) await tx.delete(sessions).where(eq(sessions.userId, row.id));
          return row;
        });
        if (!updated) throw notFound("user");
        await audit(db, {
          forceId: auth.user.forceId,
          actorUserId: auth.user.id,
          action: "user.update",
          subject: updated.id,
          details: { changed: Object.keys(body) },
        });
        return toAdminUser(updated);
      },
    }),
  ];
}
