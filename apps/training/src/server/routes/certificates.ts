import { eq } from "drizzle-orm";
import { z } from "zod";
import { CertificateResponseSchema, paths } from "../../shared/api";
import { certificates, forces, users } from "../db/schema";
import { notFound } from "../http/problem";
import { defineRoute } from "../http/route";
import type { AppDeps } from "./deps";

/** Certificate pages and verification by id. */
export function certificateRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  return [
    defineRoute({
      method: "GET",
      url: paths.certificate,
      summary: "A certificate: the learner's own, or any in the force for trainers and admins (verification)",
      tags: ["certificates"],
      access: ["officer", "trainer", "admin"],
      // Any string is looked up; a malformed id simply is not found, which is what a verifier needs to hear.
      params: z.object({ certificateId: z.string().min(1).max(40) }),
      errors: [404],
      response: { status: 200, schema: CertificateResponseSchema, description: "Certificate" },
      handler: async ({ auth, params }) => {
        const [row] = await db
          .select({
            certificate: certificates,
            learner: { id: users.id, displayName: users.displayName, collarNumber: users.collarNumber },
            force: { id: forces.id, name: forces.name },
          })
          .from(certificates)
          .innerJoin(users, eq(users.id, certificates.userId))
          .innerJoin(forces, eq(forces.id, certificates.forceId))
          .where(eq(certificates.id, params.certificateId.toUpperCase()));
        const visible =
          row !== undefined &&
          row.certificate.forceId === auth.user.forceId &&
          (auth.user.role !== "officer" || row.certificate.userId === auth.user.id);
        // Someone else's certificate, or another force's, is "not found": its existence is not disclosed.
        if (!visible) throw notFound("certificate");
        const module = catalog.module(row.certificate.moduleId);
        return {
          id: row.certificate.id,
          learner: row.learner,
          force: row.force,
          module: {
            id: row.certificate.moduleId,
            title: module?.title ?? row.certificate.moduleId,
            version: row.certificate.moduleVersion,
          },
          scorePercent: row.certificate.scorePercent,
          issuedAt: row.certificate.issuedAt.toISOString(),
          expiresAt: row.certificate.expiresAt.toISOString(),
          state: now() >= row.certificate.expiresAt ? ("expired" as const) : ("valid" as const),
        };
      },
    }),
  ];
}
