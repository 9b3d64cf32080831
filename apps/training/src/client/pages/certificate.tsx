import { Certificate, SummaryList, Tag } from "@stalking-response/ui";
import { getCertificate } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { certificateStates } from "../certificates/certificate-state";
import { QrCode } from "../certificates/qr-code";
import { formatDateTime, londonDayOf } from "../format/dates";
import { href } from "../routing/routes";
import { Link } from "../routing/router";
import { useSession } from "../session/session";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";

/**
 * A printable certificate. The paper carries its number, the address where anyone can check it, a QR code of
 * that address and its expiry, so a copy can be checked long after it was printed.
 */
export function CertificatePage({ certificateId }: { certificateId: string }) {
  const { session } = useSession();
  const [certificate] = useResource(`certificate:${certificateId}`, () => getCertificate(certificateId));
  const ownCertificate =
    certificate.state === "ready" && session.state === "signed-in" && session.user.id === certificate.data.learner.id;
  const heading =
    certificate.state !== "ready"
      ? "Certificate"
      : ownCertificate
        ? "Your certificate"
        : `${certificate.data.learner.displayName}'s certificate`;
  useDocumentTitle(certificate.state === "ready" ? `${heading} – ${certificate.data.module.title}` : heading);
  if (certificate.state === "loading") return <LoadingPage />;
  if (certificate.state === "failed") return <ProblemPage problem={certificate.problem} />;
  const { data } = certificate;
  const state = certificateStates[data.state];
  const checkAddress = `${location.origin}${href({ name: "certificate-check", certificateId: data.id })}`;
  return (
    <>
      <PageHeading caption={data.module.title}>{heading}</PageHeading>
      <SummaryList
        rows={[
          {
            key: "Status",
            value: (
              <Tag colour={state.colour} className="app-nowrap">
                {state.label}
              </Tag>
            ),
          },
          { key: "Score", value: `${data.scorePercent}%` },
          { key: data.state === "expired" ? "Expired on" : "Valid until", value: formatDateTime(data.expiresAt) },
          { key: "Certificate number", value: <span className="app-certificate-number">{data.id}</span> },
        ]}
      />
      <p className="govuk-body">
        Anyone can check this certificate, without signing in, by scanning the QR code on it or by entering its number
        at{" "}
        <Link to={{ name: "certificate-lookup" }}>{`${location.origin}${href({ name: "certificate-lookup" })}`}</Link>.
      </p>
      <Certificate
        headingLevel={2}
        learnerName={data.learner.displayName}
        courseTitle={`${data.module.title} (version ${data.module.version})`}
        completedOn={londonDayOf(data.issuedAt)}
        validUntil={londonDayOf(data.expiresAt)}
        issuer={data.force.name}
        verificationId={data.id}
        verificationUrl={checkAddress}
        verificationCode={<QrCode text={checkAddress} />}
      />
      <p className="govuk-body app-no-print">
        <Link to={ownCertificate ? { name: "my-training" } : { name: "trainer-learner", userId: data.learner.id }}>
          {ownCertificate ? "Back to my training" : `Back to ${data.learner.displayName}'s training record`}
        </Link>
      </p>
    </>
  );
}
