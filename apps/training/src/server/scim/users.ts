import { scimPatch } from "scim-patch";
import type { ScimPatchOperation } from "scim-patch";
import { parse as parseFilter } from "scim2-parse-filter";
import type { Filter } from "scim2-parse-filter";
import { z } from "zod";
import { EmployeeNumberSchema } from "../../shared/admin-api";
import { visibleText } from "../../shared/text";
import { createAccount, unique } from "../accounts";
import { audit } from "../audit";
import { endSessions, hashToken } from "../auth/session";
import type { Db } from "../db/client";
import { forceOfScimToken } from "../db/identity";
import type { ScimCondition, ScimUserRow } from "../db/scim";
import { provisionedJobRole, scimUser, scimUsers, updateScimUser } from "../db/scim";
import { NotFound, ScimRefused } from "../errors";

/**
 * SCIM 2.0 users (RFC 7643 §4.1, RFC 7644 §3) as a force's directory (Entra ID) provisions them. A person's
 * `userName` is their email address here, `externalId` the directory's id for them, and the enterprise
 * extension's `employeeNumber` their HR employee number (the key the HR import uses too), by which single
 * sign-on can find them later. `active: false` disables the account and ends its sessions at once; nothing is
 * ever deleted. Roles, units and job
 * roles are not SCIM's: they come from the force's group mappings at each sign-in (see the README).
 */

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** The most resources one page holds. */
export const SCIM_MAX_RESULTS = 200;

// Entra ID sends booleans as "True"/"False" strings in PATCH values.
const boolish = z.union([
  z.boolean(),
  z.enum(["True", "False", "true", "false"]).transform((text) => text.toLowerCase() === "true"),
]);
const text = (max: number) => visibleText(z.string().trim().max(max));

/** A user as a SCIM client sends it (POST, PUT, or as a PATCH leaves it); attributes we do not hold are ignored. */
const ScimUserInputSchema = z.looseObject({
  userName: visibleText(z.email("must be the person's email address (map userPrincipalName or mail)").max(254)),
  externalId: text(256).nullable().optional(),
  displayName: text(120).optional(),
  name: z
    .looseObject({ formatted: text(120).optional(), givenName: text(60).optional(), familyName: text(60).optional() })
    .optional(),
  active: boolish.optional(),
  [ENTERPRISE_SCHEMA]: z
    .looseObject({
      employeeNumber: EmployeeNumberSchema.nullable().optional(),
    })
    .optional(),
});

/** Reads a SCIM user, or refuses it naming the attribute. */
function readUser(input: unknown) {
  const result = ScimUserInputSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ScimRefused("invalidValue", issue?.path.join(".") || "body", issue?.message ?? "is not a SCIM user");
  }
  const user = result.data;
  const given = [user.name?.givenName, user.name?.familyName].filter(Boolean).join(" ");
  const displayName = user.displayName || user.name?.formatted || given || user.userName;
  return {
    email: user.userName.toLowerCase(),
    displayName,
    externalId: user.externalId ?? null,
    employeeNumber: user[ENTERPRISE_SCHEMA]?.employeeNumber ?? null,
    active: user.active ?? true,
  };
}

/** The force a SCIM bearer token belongs to, or `undefined`. */
export function forceOfToken(db: Db, token: string): Promise<string | undefined> {
  return forceOfScimToken(db, hashToken(token));
}

/** An account as a SCIM User resource. */
export function userResource(row: ScimUserRow, base: string) {
  const created = row.createdAt.toISOString();
  return {
    schemas: [USER_SCHEMA, ...(row.employeeNumber === null ? [] : [ENTERPRISE_SCHEMA])],
    id: row.id,
    ...(row.externalId === null ? {} : { externalId: row.externalId }),
    userName: row.email,
    displayName: row.displayName,
    name: { formatted: row.displayName },
    active: row.disabledAt === null,
    emails: [{ value: row.email, type: "work", primary: true }],
    ...(row.employeeNumber === null ? {} : { [ENTERPRISE_SCHEMA]: { employeeNumber: row.employeeNumber } }),
    meta: { resourceType: "User", created, lastModified: created, location: `${base}/Users/${row.id}` },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERABLE: Readonly<Record<string, ScimCondition["attribute"]>> = {
  username: "email",
  externalid: "externalId",
  id: "id",
};

/** The equality conditions a filter asks for; anything else is an `invalidFilter` refusal. */
function conditionsOf(filter: Filter): ScimCondition[] {
  if (filter.op === "and") return filter.filters.flatMap(conditionsOf);
  if (filter.op === "eq" && typeof filter.compValue === "string") {
    const name = filter.attrPath.replace(new RegExp(`^${USER_SCHEMA}:`, "i"), "").toLowerCase();
    const attribute = FILTERABLE[name];
    if (attribute) return [{ attribute, value: filter.compValue }];
  }
  throw new ScimRefused(
    "invalidFilter",
    "filter",
    'supports only "eq" on userName, externalId or id, joined by "and" (for example: userName eq "a@b.example")',
  );
}

/** `GET /Users`: a page of the force's users, filtered (RFC 7644 §3.4.2). */
export async function listScimUsers(
  db: Db,
  forceId: string,
  query: { filter?: string | undefined; startIndex: number; count: number },
  base: string,
) {
  let conditions: ScimCondition[] = [];
  if (query.filter !== undefined && query.filter.trim() !== "") {
    let parsed: Filter;
    try {
      parsed = parseFilter(query.filter);
    } catch {
      throw new ScimRefused("invalidFilter", "filter", "is not a SCIM filter (RFC 7644 §3.4.2.2)");
    }
    conditions = conditionsOf(parsed);
  }
  const startIndex = Math.max(1, query.startIndex);
  const count = Math.min(SCIM_MAX_RESULTS, Math.max(0, query.count));
  // An id that is not a UUID names nobody (and must not reach a uuid column).
  const impossible = conditions.some((condition) => condition.attribute === "id" && !UUID.test(condition.value));
  const page = impossible
    ? { total: 0, rows: [] }
    : await scimUsers(db, forceId, conditions, { offset: startIndex - 1, limit: count });
  return {
    schemas: [LIST_SCHEMA],
    totalResults: page.total,
    startIndex,
    itemsPerPage: page.rows.length,
    Resources: page.rows.map((row) => userResource(row, base)),
  };
}

/** `GET /Users/:id`. */
export async function getScimUser(db: Db, forceId: string, id: string, base: string) {
  const row = UUID.test(id) ? await scimUser(db, forceId, id) : undefined;
  if (!row) throw new NotFound("user");
  return userResource(row, base);
}

/** `POST /Users`: a new person, who signs in through the force's provider (no password here). */
export async function createScimUser(db: Db, forceId: string, input: unknown, now: Date, base: string) {
  const user = readUser(input);
  const id = await createAccount(db, {
    forceId,
    email: user.email,
    employeeNumber: user.employeeNumber,
    displayName: user.displayName,
    externalId: user.externalId,
    role: "officer",
    jobRole: await provisionedJobRole(db, forceId),
    password: null,
  });
  const row = user.active
    ? await scimUser(db, forceId, id)
    : await updateScimUser(db, forceId, id, { disabledAt: now });
  await audit(db, { forceId, actorUserId: null, action: "scim.user.create", subject: id });
  if (!row) throw new NotFound("user");
  return userResource(row, base);
}

/** Writes what a PUT or PATCH left of a user; a change of `active` disables (ending sessions) or re-enables. */
async function writeUser(db: Db, forceId: string, current: ScimUserRow, input: unknown, now: Date, base: string) {
  const user = readUser(input);
  const wasActive = current.disabledAt === null;
  // A userName, externalId or employeeNumber another account holds is a uniqueness error, not a crash.
  const row = await unique(() =>
    db.transaction(async (tx) => {
      const updated = await updateScimUser(tx, forceId, current.id, {
        email: user.email,
        displayName: user.displayName,
        externalId: user.externalId,
        employeeNumber: user.employeeNumber,
        ...(user.active === wasActive ? {} : { disabledAt: user.active ? null : now }),
      });
      if (updated && !user.active && wasActive) await endSessions(tx, updated.id, "account-disabled");
      return updated;
    }),
  );
  if (!row) throw new NotFound("user");
  const action =
    user.active === wasActive ? "scim.user.update" : user.active ? "scim.user.enable" : "scim.user.disable";
  await audit(db, { forceId, actorUserId: null, action, subject: row.id });
  return userResource(row, base);
}

async function currentUser(db: Db, forceId: string, id: string): Promise<ScimUserRow> {
  const row = UUID.test(id) ? await scimUser(db, forceId, id) : undefined;
  if (!row) throw new NotFound("user");
  return row;
}

/** `PUT /Users/:id`: replaces the attributes held here. */
export async function replaceScimUser(db: Db, forceId: string, id: string, input: unknown, now: Date, base: string) {
  const current = await currentUser(db, forceId, id);
  return writeUser(db, forceId, current, input, now, base);
}

const PatchSchema = z.object({
  schemas: z.array(z.string()).refine((schemas) => schemas.includes(PATCH_SCHEMA), `must include "${PATCH_SCHEMA}"`),
  Operations: z
    .array(
      z.looseObject({
        // Entra ID writes "Add", "Replace", "Remove"; the RFC's are lower case; both mean the same.
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(["add", "replace", "remove"])),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, "must hold at least one operation")
    .max(100),
});

/** `PATCH /Users/:id` (RFC 7644 §3.5.2): add, replace and remove applied by scim-patch, then checked whole. */
export async function patchScimUser(db: Db, forceId: string, id: string, input: unknown, now: Date, base: string) {
  const body = PatchSchema.safeParse(input);
  if (!body.success) {
    const issue = body.error.issues[0];
    throw new ScimRefused("invalidSyntax", issue?.path.join(".") || "body", issue?.message ?? "is not a SCIM patch");
  }
  const current = await currentUser(db, forceId, id);
  const resource = {
    ...userResource(current, base),
    meta: { created: current.createdAt, lastModified: current.createdAt },
  };
  let patched: Record<string, unknown>;
  try {
    patched = scimPatch(resource, body.data.Operations as ScimPatchOperation[], {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : "could not be applied";
    const noTarget = error instanceof Error && error.name === "NoTarget";
    throw new ScimRefused(noTarget ? "noTarget" : "invalidPath", "Operations", reason);
  }
  return writeUser(db, forceId, current, patched, now, base);
}

/** `DELETE /Users/:id`: the account is disabled (its records are kept; training history is evidence). */
export async function deactivateScimUser(db: Db, forceId: string, id: string, now: Date): Promise<void> {
  const current = await currentUser(db, forceId, id);
  if (current.disabledAt !== null) return;
  await db.transaction(async (tx) => {
    await updateScimUser(tx, forceId, id, { disabledAt: now });
    await endSessions(tx, id, "account-disabled");
  });
  await audit(db, { forceId, actorUserId: null, action: "scim.user.disable", subject: id });
}
