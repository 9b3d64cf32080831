import type { CertificateCheck, CertificateResponse, CertificateState } from "../../shared/api";
import type { AuthUser } from "../auth/session";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { audit } from "../audit";
import { findCertificate, markCertificateWithdrawn } from "../db/certificates";
import { NotFound } from "../errors";
import { londonDayOf } from "../../shared/london-day";

/**
 * What a certificate proves at `now`. It is never deleted, so an old one still verifies: withdrawn first, then
 * replaced by a newer pass of the same module, then past its expiry.
 */
export function certificateState(
  certificate: { expiresAt: Date; revokedAt: Date | null; superseded: boolean },
  now: Date,
): CertificateState {
  if (certificate.revokedAt !== null && certificate.revokedAt <= now) return "revoked";
  if (certificate.superseded) return "superseded";
  return now >= certificate.expiresAt ? "expired" : "valid";
}

/** Ids are printed upper case; a lower-case one typed or read off paper is the same id. */
const normalised = (certificateId: string) => certificateId.trim().toUpperCase();

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
  const found = await findCertificate(db, normalised(certificateId));
  const visible =
    found !== null && found.force.id === viewer.forceId && (viewer.role !== "officer" || found.holder.id === viewer.id);
  if (!visible) throw new NotFound("certificate");
  return {
    id: found.id,
    learner: found.holder,
    force: found.force,
    module: {
      // Certificates are only issued for catalog modules; the response schema checks the id on the way out.
      id: found.moduleId as CertificateResponse["module"]["id"],
      title: catalog.module(found.moduleId)?.title ?? found.moduleId,
      version: found.moduleVersion,
    },
    scorePercent: found.scorePercent,
    issuedAt: found.issuedAt.toISOString(),
    expiresAt: found.expiresAt.toISOString(),
    state: certificateState(found, now),
    withdrawal:
      found.revokedAt === null ? null : { on: found.revokedAt.toISOString(), reason: found.revokedReason ?? "" },
  };
}

/**
 * A trainer or admin withdraws a certificate of their own force: from now on it verifies as withdrawn
 * everywhere. The reason is kept with the certificate (it may name people, so the audit entry records only
 * what was withdrawn and by whom). Withdrawing one already withdrawn changes nothing: the first reason stands.
 * Another force's certificate, or an officer's, is {@link NotFound}, as when viewing one.
 */
export async function withdrawCertificate(
  db: Db,
  catalog: Catalog,
  actor: Pick<AuthUser, "id" | "forceId" | "role">,
  certificateId: string,
  reason: string,
  now: Date,
): Promise<CertificateResponse> {
  const id = normalised(certificateId);
  const found = await findCertificate(db, id);
  if (found === null || found.force.id !== actor.forceId || actor.role === "officer") throw new NotFound("certificate");
  await db.transaction(async (tx) => {
    const withdrawn = await markCertificateWithdrawn(tx, id, { at: now, by: actor.id, reason });
    if (withdrawn)
      await audit(tx, {
        forceId: actor.forceId,
        actorUserId: actor.id,
        action: "certificate-withdraw",
        subject: found.holder.id,
        details: { certificateId: id },
      });
  });
  return viewCertificate(db, catalog, actor, id, now);
}

/**
 * A certificate as anyone checking it sees it, signed in or not: what its paper copy shows and whether it still
 * counts, nothing more. An id that names none is {@link NotFound}.
 */
export async function checkCertificate(
  db: Db,
  catalog: Catalog,
  viewer: Pick<AuthUser, "id"> | null,
  certificateId: string,
  now: Date,
): Promise<CertificateCheck> {
  const found = await findCertificate(db, normalised(certificateId));
  if (!found) throw new NotFound("certificate");
  return {
    id: found.id,
    holderName: found.holder.displayName,
    viewerIsHolder: viewer !== null && viewer.id === found.holder.id,
    module: { title: catalog.module(found.moduleId)?.title ?? found.moduleId, version: found.moduleVersion },
    passedOn: londonDayOf(found.issuedAt),
    validUntil: londonDayOf(found.expiresAt),
    state: certificateState(found, now),
  };
}
