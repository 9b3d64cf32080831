/**
 * The admin part of the API contract: an admin manages the users and units of their own force. Same
 * conventions as `api.ts` (cookie session, CSRF header on writes, problem+json errors).
 */
import { z } from "zod";
import { AccountRoleSchema, JobRoleSchema, NewPasswordSchema } from "./api";
import { visibleText } from "./text";

/** Admin route paths. */
export const adminPaths = {
  /** POST a unit. */
  units: "/api/admin/units",
  /** GET the force's users; POST a new user. */
  users: "/api/admin/users",
  /** PATCH a user's role, job role, unit or disabled state. */
  user: "/api/admin/users/:userId",
  /** POST: issue a one-time password reset link for the user, to hand over. */
  userResetLinks: "/api/admin/users/:userId/reset-links",
  /** PUT a temporary password the user must change at their next sign-in. */
  userTemporaryPassword: "/api/admin/users/:userId/temporary-password",
} as const;

/** `POST /api/admin/units`. */
export const NewUnitRequestSchema = z.object({
  name: visibleText(z.string().trim().min(1, "enter the unit's name").max(120)),
  kind: z.enum(["command", "team"]),
  parentId: z.uuid().nullable().optional(),
});
/** New unit body. */
export type NewUnitRequest = z.infer<typeof NewUnitRequestSchema>;

/** A unit as created. */
export const UnitResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["command", "team"]),
  parentId: z.uuid().nullable(),
});

/** A user as an admin sees them (never the password hash). */
export const AdminUserSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  collarNumber: z.string().nullable(),
  role: AccountRoleSchema,
  jobRole: JobRoleSchema,
  unitId: z.uuid().nullable(),
  disabled: z.boolean(),
  /** Their password is a temporary one an admin set, not yet changed. */
  mustChangePassword: z.boolean(),
});
/** A user in the admin list. */
export type AdminUser = z.infer<typeof AdminUserSchema>;

/** `GET /api/admin/users?after=&limit=`: keyset pages ordered by display name then id. */
export const AdminUsersQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` cursor of the previous page. */
  after: z.string().max(400).optional(),
});

/** A page of users. */
export const AdminUsersResponseSchema = z.object({
  users: z.array(AdminUserSchema),
  /** Cursor for the next page, `null` on the last. */
  next: z.string().nullable(),
});

/** `POST /api/admin/users`: the new person's details and a temporary password they must change at first sign-in. */
export const NewUserRequestSchema = z.object({
  email: visibleText(z.email("enter an email address").max(254)),
  collarNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, "must be letters, digits or dashes, up to 20")
    .nullable()
    .optional(),
  displayName: visibleText(z.string().trim().min(1, "enter the person's name").max(120)),
  role: AccountRoleSchema,
  jobRole: JobRoleSchema,
  unitId: z.uuid().nullable().optional(),
  password: NewPasswordSchema,
});
/** New user body. */
export type NewUserRequest = z.infer<typeof NewUserRequestSchema>;

/** `PATCH /api/admin/users/:userId`: any subset of these. */
export const UpdateUserRequestSchema = z
  .object({
    role: AccountRoleSchema,
    jobRole: JobRoleSchema,
    unitId: z.uuid().nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send at least one of role, jobRole, unitId, disabled");
/** User update body. */
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

/** `PUT /api/admin/users/:userId/temporary-password`. */
export const TemporaryPasswordRequestSchema = z.object({ password: NewPasswordSchema });

/** A reset link just issued: the path to append to the site's address, and when it stops working. */
export const ResetLinkResponseSchema = z.object({ path: z.string(), expiresAt: z.iso.datetime() });
/** An issued reset link. */
export type ResetLinkResponse = z.infer<typeof ResetLinkResponseSchema>;
