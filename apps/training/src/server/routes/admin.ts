import { z } from "zod";
import {
  AdminUserSchema,
  AdminUsersQuerySchema,
  AdminUsersResponseSchema,
  NewUnitRequestSchema,
  NewUserRequestSchema,
  ResetLinkResponseSchema,
  TemporaryPasswordRequestSchema,
  UnitResponseSchema,
  UpdateUserRequestSchema,
  adminPaths,
} from "../../shared/admin-api";
import { addUnit, addUser, changeUser, issueResetLink, listUsers, setTemporaryPassword } from "../accounts";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";

const ADMIN = ["admin"] as const;
const userParams = z.object({ userId: z.uuid() });

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
      params: userParams,
      body: UpdateUserRequestSchema,
      errors: [404, 409],
      response: { status: 200, schema: AdminUserSchema, description: "User updated" },
      handler: ({ auth, params, body }) => changeUser(db, auth.user, params.userId, body, now()),
    }),
    defineRoute({
      method: "POST",
      url: adminPaths.userResetLinks,
      summary: "Issue a one-time password reset link (30 minutes) for a user, to hand over",
      tags: ["admin"],
      access: ADMIN,
      params: userParams,
      errors: [404],
      response: { status: 201, schema: ResetLinkResponseSchema, description: "Link issued" },
      handler: async ({ auth, params }) => {
        const issued = await issueResetLink(db, auth.user, params.userId, now());
        return { path: issued.path, expiresAt: issued.expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: "PUT",
      url: adminPaths.userTemporaryPassword,
      summary: "Set a temporary password the user must change at their next sign-in; their sessions end",
      tags: ["admin"],
      access: ADMIN,
      params: userParams,
      body: TemporaryPasswordRequestSchema,
      errors: [404],
      response: { status: 204, schema: null, description: "Temporary password set" },
      handler: async ({ auth, params, body }) => {
        await setTemporaryPassword(db, auth.user, params.userId, body.password, now());
        return undefined;
      },
    }),
  ];
}
