import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { certificates, forces, users } from "./schema";

/** One certificate with its holder and force, and whether its holder has passed the same module since. */
export interface FoundCertificate {
  id: string;
  holder: { id: string; displayName: string; collarNumber: string | null };
  force: { id: string; name: string };
  moduleId: string;
  moduleVersion: string;
  scorePercent: number;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  superseded: boolean;
}

/** A certificate by its id, or `null`: one query, the newer pass found through the (user, module) index. */
export async function findCertificate(db: Db, certificateId: string): Promise<FoundCertificate | null> {
  const [row] = await db
    .select({
      id: certificates.id,
      holder: { id: users.id, displayName: users.displayName, collarNumber: users.collarNumber },
      force: { id: forces.id, name: forces.name },
      moduleId: certificates.moduleId,
      moduleVersion: certificates.moduleVersion,
      scorePercent: certificates.scorePercent,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
      revokedAt: certificates.revokedAt,
      revokedReason: certificates.revokedReason,
      superseded: sql<boolean>`EXISTS (
        SELECT 1 FROM certificates AS newer
        WHERE newer.user_id = ${certificates.userId} AND newer.module_id = ${certificates.moduleId}
          AND newer.issued_at > ${certificates.issuedAt})`,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(forces, eq(forces.id, certificates.forceId))
    .where(eq(certificates.id, certificateId));
  // PGlite and node-postgres both parse booleans; anything else would be a driver change to notice.
  return row ? { ...row, superseded: row.superseded === true } : null;
}

/**
 * Marks a certificate withdrawn at `at`, with the reason and who withdrew it, unless it already is (the first
 * withdrawal stands). Answers whether this call withdrew it.
 */
export async function markCertificateWithdrawn(
  db: Db,
  certificateId: string,
  withdrawal: { at: Date; by: string; reason: string },
): Promise<boolean> {
  const updated = await db
    .update(certificates)
    .set({ revokedAt: withdrawal.at, revokedBy: withdrawal.by, revokedReason: withdrawal.reason })
    .where(and(eq(certificates.id, certificateId), isNull(certificates.revokedAt)))
    .returning({ id: certificates.id });
  return updated.length === 1;
}
