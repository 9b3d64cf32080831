import { z } from "zod";
import {
  CertificateCheckSchema,
  CertificateResponseSchema,
  CertificateWithdrawalSchema,
  paths,
} from "../../shared/api";
import { AddressRateLimit } from "../auth/throttle";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";
import { checkCertificate, viewCertificate, withdrawCertificate } from "../learning/certificates";

/** Checks of certificates one address may make in {@link CERTIFICATE_CHECK_WINDOW_MS}. */
export const CERTIFICATE_CHECKS_PER_WINDOW = 60;
/**
 * Ten minutes. Sixty checks in it is ample for a trainer working through a pile of paper certificates from a
 * force's one NAT address, and makes guessing a 60-bit id hopeless (10^16 years at that rate).
 */
export const CERTIFICATE_CHECK_WINDOW_MS = 10 * 60_000;

// Any string is looked up; a malformed id simply is not found, which is what a verifier needs to hear.
const certificateIdParams = z.object({ certificateId: z.string().min(1).max(40) });

/** Certificate pages, and checking a certificate by id, which anyone may do. */
export function certificateRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  const checks = new AddressRateLimit(
    db,
    "certificate-check",
    CERTIFICATE_CHECKS_PER_WINDOW,
    CERTIFICATE_CHECK_WINDOW_MS,
  );
  return [
    defineRoute({
      method: "GET",
      url: paths.certificate,
      summary: "A certificate: the learner's own, or any in the force for trainers and admins (verification)",
      tags: ["certificates"],
      access: ["officer", "trainer", "admin"],
      params: certificateIdParams,
      errors: [404],
      response: { status: 200, schema: CertificateResponseSchema, description: "Certificate" },
      handler: ({ auth, params }) => viewCertificate(db, catalog, auth.user, params.certificateId, now()),
    }),
    defineRoute({
      method: "POST",
      url: paths.certificateWithdrawal,
      summary:
        "Withdraw a certificate of the caller's force, with the reason (trainers and admins); it then verifies as withdrawn",
      tags: ["certificates"],
      access: ["trainer", "admin"],
      params: certificateIdParams,
      body: CertificateWithdrawalSchema,
      errors: [404],
      response: { status: 200, schema: CertificateResponseSchema, description: "The certificate, now withdrawn" },
      handler: ({ auth, params, body }) =>
        withdrawCertificate(db, catalog, auth.user, params.certificateId, body.reason, now()),
    }),
    defineRoute({
      method: "GET",
      url: paths.certificateCheck,
      summary:
        "Check a certificate by its id, signed in or not: holder, module, dates and whether it still counts (rate-limited per address)",
      tags: ["certificates"],
      access: "anyone",
      params: certificateIdParams,
      errors: [404, 429],
      response: { status: 200, schema: CertificateCheckSchema, description: "What the certificate proves today" },
      handler: async ({ auth, params, request }) => {
        const at = now();
        await checks.take(request.ip, at);
        return checkCertificate(db, catalog, auth?.user ?? null, params.certificateId, at);
      },
    }),
  ];
}
