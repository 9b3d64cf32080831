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
import { addUnit, addUser, changeUser, listUsers } from "../accounts";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";

const ADMIN = ["admin"] as const;

/** Users and units of the admin's own force. */
export function adminRoutes(deps: AppDeps) {
  const { db, now } = deps;
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
      handler: ({ auth, body }) => addUnit(db, auth.user, body),
    }),
    defineRoute({
      method: "GET",
      url: adminPaths.users,
      summary: "The force's users, a page at a time",
      tags: ["admin"],
      access: ADMIN,
      query: AdminUsersQuerySchema,
      response: { status: 200, schema: AdminUsersResponseSchema, description: "Users" },
      handler: ({ auth, query }) => listUsers(db, auth.user.forceId, query),
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
      handler: ({ auth, body }) => addUser(db, auth.user, body),
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
      handler: ({ auth, params, body }) => changeUser(db, auth.user, params.userId, body, now()),
    }),
  ];
}
