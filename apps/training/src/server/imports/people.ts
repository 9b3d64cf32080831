import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { EmployeeNumberSchema, NewUserRequestSchema } from "../../shared/admin-api";
import type { AccountRole, JobRole } from "../../shared/api";
import { AccountRoleSchema, JobRoleSchema, jobRoleLabels } from "../../shared/api";
import type { CellError, FieldChange, LoadType, PreviewRow } from "../../shared/import-api";
import { PEOPLE_COLUMNS } from "../../shared/import-api";
import { BoundedDateSchema } from "../../shared/text";
import type { Actor } from "../accounts";
import { NO_PASSWORD, unique } from "../accounts";
import type { Db } from "../db/client";
import type { AccountUpdate, ImportedAccount, ImportedPerson } from "../db/imports";
import {
  endSessionsOf,
  forcePeople,
  forceUnitRows,
  insertAccounts,
  insertAuditEntries,
  takenElsewhere,
  updateAccounts,
} from "../db/imports";
import type { CsvRow, ImportPlan } from "./csv-import";
import { applyImport, previewOf, readCsv, rowShapeErrors } from "./csv-import";

/**
 * People from the force's HR system (issue 15), keyed on their employee number. A row creates the person, or
 * updates the one with that employee number (or, the first time, the account with that email address and no
 * employee number yet, which the import then links). A full load also disables the force's HR-managed people
 * (those with an employee number) whom the file leaves out. Nobody is ever deleted, and an admin is never
 * disabled or demoted by their own import.
 *
 * The rules are the admin screens' (`accounts.ts`): the same field schemas as `POST /api/admin/users`, units must
 * be open units of the force, sign-in identifiers unique across the service, and a move of unit or job role
 * restarts the person's joiner allowance (`placed_at`). Imported people get no password: they sign in through
 * the force's single sign-on, or an admin issues them a reset link to set one.
 */

/** The columns a people file must have. */
const REQUIRED = ["employee_number", "given_name", "family_name", "email", "job_role"] as const;

const user = NewUserRequestSchema.shape;

const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "is not valid";

/** "Response officer", "response officer" and "response-officer" are one job role. */
function jobRoleOf(text: string): JobRole | undefined {
  const parsed = JobRoleSchema.safeParse(text.trim().toLowerCase().replace(/\s+/g, "-"));
  return parsed.success ? parsed.data : undefined;
}

/** A unit of the force as the file names it: its name, or its command's name and its own ("North / Response"). */
type UnitRow = Awaited<ReturnType<typeof forceUnitRows>>[number];

function unitNamed(path: string, unitsByName: Map<string, UnitRow>, unitsById: Map<string, UnitRow>) {
  const whole = unitsByName.get(path.toLowerCase());
  if (whole) return { unit: whole };
  const parts = path.split("/").map((part) => part.trim());
  const unit = unitsByName.get((parts.at(-1) ?? "").toLowerCase());
  if (parts.length < 2 || !unit) return { reason: "names no unit of your force" };
  const parent = unit.parentId === null ? undefined : unitsById.get(unit.parentId);
  if (parts.length > 2 || parent?.name.toLowerCase() !== (parts[0] ?? "").toLowerCase()) {
    return {
      reason: `names no unit of your force ("${unit.name}" is ${parent ? `under "${parent.name}"` : "not under a command"})`,
    };
  }
  return { unit };
}

/** A row read and checked: what it says of the person, or what is wrong with it. */
interface ReadPerson {
  employeeNumber: string;
  email: string;
  collarNumber: string | null;
  displayName: string;
  unitId: string | null | undefined;
  jobRole: JobRole;
  role: AccountRole | undefined;
  placedDay: string | undefined;
  leaver: boolean;
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const STATUS = { active: false, left: true } as const;

/** Plans a people file against the force's records as they are now. Throws only for a file it cannot read. */
export async function planPeople(
  db: Db,
  actor: Actor,
  input: { file: Buffer; load: LoadType; now: Date },
): Promise<ImportPlan> {
  const rows = readCsv(input.file, { known: PEOPLE_COLUMNS, required: REQUIRED });
  const [people, unitRows] = await Promise.all([forcePeople(db, actor.forceId), forceUnitRows(db, actor.forceId)]);
  const lower = (text: string | null) => text?.toLowerCase() ?? "";
  const byEmployee = new Map(people.filter((p) => p.employeeNumber !== null).map((p) => [lower(p.employeeNumber), p]));
  const byEmail = new Map(people.map((p) => [lower(p.email), p]));
  const byCollar = new Map(people.filter((p) => p.collarNumber !== null).map((p) => [lower(p.collarNumber), p]));
  const unitsByName = new Map(unitRows.map((unit) => [unit.name.toLowerCase(), unit]));
  const unitsById = new Map(unitRows.map((unit) => [unit.id, unit]));
  const elsewhere = await takenElsewhere(
    db,
    actor.forceId,
    [...new Set(rows.map((row) => lower(row.values.email ?? "")).filter(Boolean))],
    [...new Set(rows.map((row) => lower(row.values.collar_number ?? "")).filter(Boolean))],
  );

  const firstRow = {
    employee: new Map<string, number>(),
    email: new Map<string, number>(),
    collar: new Map<string, number>(),
  };
  /** People the file speaks of (even on a row with errors): a full load never disables them. */
  const named = new Set<string>();
  const creates: ImportedAccount[] = [];
  const updates: AccountUpdate[] = [];
  const disabled: string[] = [];
  const changedBy = new Map<string, { action: string; changed: string[] }>();

  const readRow = (row: CsvRow): { person?: ReadPerson; errors: CellError[] } => {
    const errors: CellError[] = [...rowShapeErrors(row)];
    const cell = (column: string) => row.values[column] ?? "";
    const check = <T>(column: string, schema: z.ZodType<T>, value: unknown): T | undefined => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      errors.push({ column, reason: firstIssue(parsed.error) });
      return undefined;
    };
    const required = (column: string, what: string) => {
      if (cell(column) === "") errors.push({ column, reason: `is empty; every person needs ${what}` });
      return cell(column) !== "";
    };
    const employeeNumber = required("employee_number", "an employee number")
      ? check("employee_number", EmployeeNumberSchema, cell("employee_number"))
      : undefined;
    const email = required("email", "an email address") ? check("email", user.email, cell("email")) : undefined;
    const collarNumber =
      cell("collar_number") === "" ? null : check("collar_number", user.collarNumber, cell("collar_number"));
    const given = required("given_name", "a given name")
      ? check("given_name", user.displayName, cell("given_name"))
      : undefined;
    const family = required("family_name", "a family name")
      ? check("family_name", user.displayName, cell("family_name"))
      : undefined;
    const displayName =
      given !== undefined && family !== undefined
        ? check("family_name", user.displayName, `${given} ${family}`)
        : undefined;
    let unitId: string | null | undefined;
    if (cell("unit") !== "") {
      const found = unitNamed(cell("unit"), unitsByName, unitsById);
      if (!found.unit) errors.push({ column: "unit", reason: found.reason ?? "names no unit of your force" });
      else if (found.unit.closedAt !== null) errors.push({ column: "unit", reason: "is a closed unit" });
      else unitId = found.unit.id;
    }
    const jobRole = required("job_role", "a job role") ? jobRoleOf(cell("job_role")) : undefined;
    if (cell("job_role") !== "" && jobRole === undefined) {
      errors.push({ column: "job_role", reason: `must be one of: ${JobRoleSchema.options.join(", ")}` });
    }
    const role = cell("role") === "" ? undefined : check("role", AccountRoleSchema, cell("role").toLowerCase());
    const placedDay =
      cell("placed_date") === "" ? undefined : check("placed_date", BoundedDateSchema, cell("placed_date"));
    const status = cell("status").toLowerCase() || "active";
    if (!(status in STATUS))
      errors.push({ column: "status", reason: 'must be "active" or "left" (or empty for active)' });
    // Later rows naming someone an earlier row named are errors: which row should win is for HR to say.
    for (const [map, column, value] of [
      [firstRow.employee, "employee_number", lower(employeeNumber ?? null)],
      [firstRow.email, "email", lower(email ?? null)],
      [firstRow.collar, "collar_number", lower(collarNumber ?? null)],
    ] as const) {
      if (value === "") continue;
      const earlier = map.get(value);
      if (earlier !== undefined) errors.push({ column, reason: `is also on row ${earlier}` });
      else map.set(value, row.row);
    }
    if (
      errors.length > 0 ||
      employeeNumber === undefined ||
      email === undefined ||
      displayName === undefined ||
      jobRole === undefined
    ) {
      return { errors };
    }
    return {
      errors,
      person: {
        employeeNumber,
        email,
        collarNumber: collarNumber ?? null,
        displayName,
        unitId,
        jobRole,
        role,
        placedDay,
        leaver: STATUS[status as keyof typeof STATUS],
      },
    };
  };

  const unitName = (id: string | null) => (id === null ? null : (unitsById.get(id)?.name ?? null));
  const preview: PreviewRow[] = rows.map((row) => {
    const key = row.values.employee_number ?? "";
    const rawName = [row.values.given_name, row.values.family_name].filter(Boolean).join(" ") || null;
    const read = readRow(row);
    const matched =
      byEmployee.get(lower(key)) ??
      ((candidate) => (candidate && candidate.employeeNumber === null ? candidate : undefined))(
        byEmail.get(lower(row.values.email ?? "")),
      );
    if (matched) named.add(matched.id);
    const errorRow = (errors: CellError[]): PreviewRow => ({
      row: row.row,
      outcome: "error",
      key,
      name: rawName,
      changes: [],
      errors,
    });
    if (!read.person) return errorRow(read.errors);
    const person = read.person;
    const errors: CellError[] = [];
    const emailHolder = byEmail.get(lower(person.email));
    if (emailHolder && emailHolder !== matched) {
      errors.push({ column: "email", reason: "is already used by another person in your force" });
    } else if (elsewhere.emails.has(lower(person.email))) errors.push({ column: "email", reason: "is already in use" });
    if (person.collarNumber !== null) {
      const collarHolder = byCollar.get(lower(person.collarNumber));
      if (collarHolder && collarHolder !== matched) {
        errors.push({ column: "collar_number", reason: "is already used by another person in your force" });
      } else if (elsewhere.collars.has(lower(person.collarNumber))) {
        errors.push({ column: "collar_number", reason: "is already in use" });
      }
    }
    if (matched?.id === actor.id) {
      if (person.leaver) errors.push({ column: "status", reason: "cannot disable your own account" });
      if (person.role !== undefined && person.role !== "admin") {
        errors.push({ column: "role", reason: "cannot demote your own account" });
      }
    }
    if (errors.length > 0) return errorRow(errors);
    const base = { row: row.row, key, name: person.displayName, errors: [] };

    if (!matched) {
      if (person.leaver) return { ...base, outcome: "unchanged", changes: [] };
      const placedAt = person.placedDay === undefined ? input.now : new Date(`${person.placedDay}T00:00:00.000Z`);
      const account: ImportedAccount = {
        id: randomUUID(),
        forceId: actor.forceId,
        employeeNumber: person.employeeNumber,
        email: person.email,
        collarNumber: person.collarNumber,
        displayName: person.displayName,
        role: person.role ?? "officer",
        jobRole: person.jobRole,
        unitId: person.unitId ?? null,
        passwordHash: NO_PASSWORD,
        mustChangePassword: false,
        placedAt,
      };
      creates.push(account);
      changedBy.set(account.id, { action: "user.create", changed: [] });
      const set = (field: string, to: string | null): FieldChange[] => (to === null ? [] : [{ field, from: null, to }]);
      return {
        ...base,
        outcome: "create",
        changes: [
          ...set("employee_number", person.employeeNumber),
          ...set("name", person.displayName),
          ...set("email", person.email),
          ...set("collar_number", person.collarNumber),
          ...set("unit", unitName(account.unitId ?? null)),
          ...set("job_role", jobRoleLabels[person.jobRole]),
          ...set("role", account.role),
          ...set("placed_date", dayOf(placedAt)),
        ],
      };
    }

    const next: AccountUpdate = {
      id: matched.id,
      employeeNumber: person.employeeNumber,
      email: lower(person.email) === lower(matched.email) ? matched.email : person.email,
      collarNumber:
        person.collarNumber === null
          ? matched.collarNumber
          : lower(person.collarNumber) === lower(matched.collarNumber)
            ? matched.collarNumber
            : person.collarNumber,
      displayName: person.displayName,
      role: person.role ?? matched.role,
      jobRole: person.jobRole,
      unitId: person.unitId === undefined ? matched.unitId : person.unitId,
      placedAt: matched.placedAt,
      disabledAt: person.leaver ? (matched.disabledAt ?? input.now) : null,
    };
    const moved = next.unitId !== matched.unitId || next.jobRole !== matched.jobRole;
    if (person.placedDay !== undefined && person.placedDay !== dayOf(matched.placedAt)) {
      next.placedAt = new Date(`${person.placedDay}T00:00:00.000Z`);
    } else if (person.placedDay === undefined && moved) {
      // As on the admin screens: a move brings the person into other assignments' scope from today.
      next.placedAt = input.now;
    }
    const changes: FieldChange[] = [];
    const compare = (field: string, from: string | null, to: string | null) => {
      if (from !== to) changes.push({ field, from, to });
    };
    compare("employee_number", matched.employeeNumber, next.employeeNumber);
    compare("name", matched.displayName, next.displayName);
    compare("email", matched.email, next.email);
    compare("collar_number", matched.collarNumber, next.collarNumber);
    compare("unit", unitName(matched.unitId), unitName(next.unitId));
    compare("job_role", jobRoleLabels[matched.jobRole], jobRoleLabels[next.jobRole as JobRole]);
    compare("role", matched.role, next.role);
    compare("placed_date", dayOf(matched.placedAt), dayOf(next.placedAt));
    compare(
      "status",
      matched.disabledAt === null ? "active" : "disabled",
      next.disabledAt === null ? "active" : "disabled",
    );
    if (changes.length === 0) return { ...base, outcome: "unchanged", changes };
    updates.push(next);
    if (next.disabledAt !== null && matched.disabledAt === null) disabled.push(matched.id);
    changedBy.set(matched.id, {
      action: next.disabledAt !== null && matched.disabledAt === null ? "user.disable" : "user.update",
      changed: changes.map((change) => change.field),
    });
    return { ...base, outcome: "update", changes };
  });

  if (input.load === "full") {
    // Rows with errors still protect the people they name: a typo never disables anyone.
    for (const row of rows) {
      const byKey = byEmployee.get(lower(row.values.employee_number ?? ""));
      const byMail = byEmail.get(lower(row.values.email ?? ""));
      if (byKey) named.add(byKey.id);
      if (byMail) named.add(byMail.id);
    }
    const leavers = people
      .filter(
        (p: ImportedPerson) =>
          p.employeeNumber !== null && p.disabledAt === null && !named.has(p.id) && p.id !== actor.id,
      )
      .sort((a, b) => lower(a.employeeNumber).localeCompare(lower(b.employeeNumber)));
    for (const person of leavers) {
      updates.push({
        id: person.id,
        employeeNumber: person.employeeNumber ?? "",
        email: person.email,
        collarNumber: person.collarNumber,
        displayName: person.displayName,
        role: person.role,
        jobRole: person.jobRole,
        unitId: person.unitId,
        placedAt: person.placedAt,
        disabledAt: input.now,
      });
      disabled.push(person.id);
      changedBy.set(person.id, { action: "user.disable", changed: ["status"] });
      preview.push({
        row: null,
        outcome: "disable",
        key: person.employeeNumber ?? "",
        name: person.displayName,
        changes: [{ field: "status", from: "active", to: "disabled" }],
        errors: [],
      });
    }
  }

  return {
    rows: preview,
    async apply(tx) {
      // Unique values another write took since the plan are a Conflict naming the field, as on the admin screens.
      await unique(async () => {
        await insertAccounts(tx, creates);
        await updateAccounts(tx, actor.forceId, updates);
      });
      await endSessionsOf(tx, disabled);
      await insertAuditEntries(
        tx,
        [...changedBy].map(([subject, { action, changed }]) => ({
          forceId: actor.forceId,
          actorUserId: actor.id,
          action,
          subject,
          details: { via: "hr-import", ...(changed.length > 0 ? { changed } : {}) },
        })),
      );
    },
  };
}

/** A dry run of a people file: every row's outcome; nothing is written. */
export async function previewPeople(db: Db, actor: Actor, input: { file: Buffer; load: LoadType; now: Date }) {
  return previewOf("people", input.load, input.file, await planPeople(db, actor, input));
}

/** Applies a people file whose preview gave `fingerprint`, in one transaction (see {@link applyImport}). */
export function applyPeople(
  db: Db,
  actor: Actor,
  input: { file: Buffer; load: LoadType; fingerprint: string; now: Date },
) {
  return applyImport(db, actor, {
    kind: "people",
    load: input.load,
    file: input.file,
    fingerprint: input.fingerprint,
    plan: (tx) => planPeople(tx, actor, input),
  });
}
