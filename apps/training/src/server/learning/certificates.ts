import { eq } from "drizzle-orm";
import type { CertificateResponse } from "../../shared/api";
import type { AuthUser } from "../auth/session";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { certificates, forces, users } from "../db/schema";
import { NotFound } from "../errors";

/** A certificate is valid until it expires; it is never deleted, so an old one still verifies, as expired. */
export const certificateState = (expiresAt: Date, now: Date): CertificateResponse["state"] =>
  now >= expiresAt ? "expired" : "valid";

/**
 * A certificate as its holder, or a trainer or admin of its force verifying it, sees it. Anyone else's —
 * another officer's, another force's — is {@link NotFound}: its existence is not disclosed.
 */
export async function viewCertificate(
  db: Db,
  catalog: Catalog,
  viewer: Pick<AuthUser, "id" | "forceId" | "role">,
  certificateId: string,
  now: Date,
): Promise<CertificateResponse> {
  const [row] = await db
    .select({
      certificate: certificates,
      learner: { id: users.id, displayName: users.displayName, collarNumber: users.collarNumber },
      force: { id: forces.id, name: forces.name },
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(forces, eq(forces.id, certificates.forceId))
    .where(eq(certificates.id, certificateId.toUpperCase()));
  const visible =
    row !== undefined &&
    row.certificate.forceId === viewer.forceId &&
    (viewer.role !== "officer" || row.certificate.userId === viewer.id);
  if (!visible) throw new NotFound("certificate");
  const module = catalog.module(row.certificate.moduleId);
  return {
    id: row.certificate.id,
    learner: row.learner,
    force: row.force,
    module: {
      // Certificates are only issued for catalog modules; the response schema checks the id on the way out.
      id: row.certificate.moduleId as CertificateResponse["module"]["id"],
      title: module?.title ?? row.certificate.moduleId,
      version: row.certificate.moduleVersion,
    },
    scorePercent: row.certificate.scorePercent,
    issuedAt: row.certificate.issuedAt.toISOString(),
    expiresAt: row.certificate.expiresAt.toISOString(),
    state: certificateState(row.certificate.expiresAt, now),
  };
}
