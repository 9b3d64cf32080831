import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Assignment, NewAssignmentSchema } from "../../shared/trainer-api";
import { checkUnit } from "../accounts";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { assignments, units } from "../db/schema";
import { InvalidInput } from "../errors";
import { assignmentCovers, rowsOf } from "./query";

/** The force's assignments (or just `only`), each with the number of people it covers now. */
export async function listAssignments(db: Db, catalog: Catalog, forceId: string, only?: string): Promise<Assignment[]> {
  const rows = await db
    .select({ assignment: assignments, unitName: units.name })
    .from(assignments)
    .leftJoin(units, eq(units.id, assignments.unitId))
    .where(only ? and(eq(assignments.forceId, forceId), eq(assignments.id, only)) : eq(assignments.forceId, forceId))
    .orderBy(asc(assignments.dueDate), asc(assignments.moduleId), asc(assignments.createdAt), asc(assignments.id));
  if (rows.length === 0) return [];
  // One pass over the force's people counts everyone each assignment covers (each person once per assignment).
  const [counts] = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(
      rows.map(
        ({ assignment }, index) =>
          sql`count(*) FILTER (WHERE ${assignmentCovers(assignment)})::int AS ${sql.raw(`a${index}`)}`,
      ),
      sql`, `,
    )} FROM users u WHERE u.force_id = ${forceId} AND u.disabled_at IS NULL`,
  );
  return rows.map(({ assignment, unitName }, index) => {
    const module = catalog.module(assignment.moduleId);
    return {
      id: assignment.id,
      // Checked against the catalog when the assignment was made.
      moduleId: assignment.moduleId as Assignment["moduleId"],
      moduleTitle: module?.title ?? assignment.moduleId,
      jobRole: (assignment.jobRole as Assignment["jobRole"]) ?? null,
      unit: assignment.unitId && unitName ? { id: assignment.unitId, name: unitName } : null,
      dueDate: assignment.dueDate,
      validityMonths: module?.validityMonths ?? 12,
      createdAt: assignment.createdAt.toISOString(),
      people: Number(counts?.[`a${index}`] ?? 0),
    };
  });
}

/**
 * A trainer assigns a module to a job role and/or a unit of their force, due today or later; learners see it
 * at once. Audited.
 */
export async function createAssignment(
  db: Db,
  catalog: Catalog,
  actor: Actor,
  input: z.output<typeof NewAssignmentSchema>,
  now: Date,
): Promise<Assignment> {
  if (!catalog.module(input.moduleId)) throw InvalidInput.field("moduleId", "is not a module of this course");
  await checkUnit(db, actor.forceId, input.unitId, "unitId");
  if (input.dueDate < now.toISOString().slice(0, 10))
    throw InvalidInput.field("dueDate", "must be today or in the future");
  const id = randomUUID();
  await db.insert(assignments).values({
    id,
    forceId: actor.forceId,
    moduleId: input.moduleId,
    unitId: input.unitId,
    jobRole: input.jobRole,
    dueDate: input.dueDate,
    createdBy: actor.id,
    createdAt: now,
  });
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "assignment-create",
    subject: id,
    details: { moduleId: input.moduleId, jobRole: input.jobRole, unitId: input.unitId, dueDate: input.dueDate },
  });
  const [created] = await listAssignments(db, catalog, actor.forceId, id);
  if (!created) throw new Error("the assignment just stored could not be read back");
  return created;
}
