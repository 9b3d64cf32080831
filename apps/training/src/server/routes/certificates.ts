import { z } from "zod";
import { CertificateResponseSchema, paths } from "../../shared/api";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";
import { viewCertificate } from "../learning/certificates";

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
      handler: ({ auth, params }) => viewCertificate(db, catalog, auth.user, params.certificateId, now()),
    }),
  ];
}
