/**
 * The admin part of the API contract: an admin manages the users and units of their own force. Same
 * conventions as `api.ts` (cookie session, CSRF header on writes, problem+json errors).
 */
import { z } from "zod";
import { AccountRoleSchema, JobRoleSchema, NewPasswordSchema } from "./api";
import { visibleText } from "./text";

/** Admin route paths. */
export const adminPaths = {
  /** GET the force's units (with people counts); POST a unit. */
  units: "/api/admin/units",
  /** PATCH a unit: rename, move under a command, close or reopen. */
  unit: "/api/admin/units/:unitId",
  /** GET the force's users; POST a new user. */
  users: "/api/admin/users",
  /** GET one user with their sign-in history; PATCH their role, job role, unit or disabled state. */
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

/** A unit as the admin's units page lists it. */
export const AdminUnitSchema = UnitResponseSchema.extend({
  closed: z.boolean(),
  /** Enabled people in the unit. */
  people: z.number().int().min(0),
});
/** A unit in the admin list. */
export type AdminUnit = z.infer<typeof AdminUnitSchema>;

/** `GET /api/admin/units`: every unit of the force, by name. */
export const AdminUnitsResponseSchema = z.array(AdminUnitSchema);

/** `PATCH /api/admin/units/:unitId`: any subset of these. */
export const UpdateUnitRequestSchema = z
  .object({
    name: NewUnitRequestSchema.shape.name,
    /** The command a team sits under, or `null` for none. */
    parentId: z.uuid().nullable(),
    closed: z.boolean(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send at least one of name, parentId, closed");
/** Unit update body. */
export type UpdateUnitRequest = z.infer<typeof UpdateUnitRequestSchema>;

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

/** `GET /api/admin/users?q=&after=&limit=`: keyset pages ordered by display name then id. */
export const AdminUsersQuerySchema = z.object({
  /** Part of a name, email address or collar number (any case). */
  q: visibleText(z.string().trim().max(100)).optional(),
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

/** A person's key in their force's HR system (and directory: SCIM `employeeNumber`). */
export const EmployeeNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,40}$/, "must be an employee number: letters, digits or dashes, up to 40");

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

/** One sign-in attempt on the account, from the audit log. */
export const SignInRecordSchema = z.object({
  at: z.iso.datetime(),
  outcome: z.enum(["signed-in", "failed"]),
});

/** `GET /api/admin/users/:userId`: the user, and their latest sign-ins (newest first, at most 20). */
export const AdminUserDetailSchema = AdminUserSchema.extend({
  createdAt: z.iso.datetime(),
  signIns: z.array(SignInRecordSchema),
  /** Emails to their current address are failing (a bounce or a refusal), so none are sent until cleared. */
  emailFailure: z.object({ at: z.iso.datetime(), reason: z.string().nullable() }).nullable(),
});
/** A user's page. */
export type AdminUserDetail = z.infer<typeof AdminUserDetailSchema>;
