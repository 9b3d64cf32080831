import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** Passes at `passedVersion` of a module stop counting at `endsAt`, unless their certificate ends sooner. */
export interface PassDeadline {
  moduleId: string;
  passedVersion: string;
  endsAt: Date;
}

/**
 * Sets the expiry of one force's current passes that a material content change reopened to the earlier of the
 * certificate's own expiry and the deadline for their version. Everything that reads `completions.expires_at`
 * (the learner's list, the trainer's grid, counts, charts and export) then shows such a pass as due for renewal
 * and, after its deadline, expired. The certificate's expiry is the pass's own, so a longer grace period moves
 * the deadline back out. Returns the rows it changed.
 */
export async function capReopenedPasses(db: Db, forceId: string, deadlines: readonly PassDeadline[]): Promise<number> {
  if (deadlines.length === 0) return 0;
  const values = sql.join(
    deadlines.map(
      (deadline) =>
        sql`(${deadline.moduleId}::text, ${deadline.passedVersion}::text, ${deadline.endsAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const result: unknown = await db.execute(sql`
    UPDATE completions c SET expires_at = least(cert.expires_at, d.ends_at), updated_at = now()
    FROM certificates cert, (VALUES ${values}) AS d (module_id, version, ends_at)
    WHERE c.force_id = ${forceId}
      AND c.status = 'completed'
      AND c.module_id = d.module_id
      AND cert.id = c.certificate_id
      AND cert.module_id = d.module_id
      AND cert.module_version = d.version
      AND c.expires_at IS DISTINCT FROM least(cert.expires_at, d.ends_at)`);
  return (
    (result as { rowCount?: number | null; affectedRows?: number }).rowCount ??
    (result as { affectedRows?: number }).affectedRows ??
    0
  );
}
