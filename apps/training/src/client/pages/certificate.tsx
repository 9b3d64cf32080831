import { Certificate, SummaryList } from "@stalking-response/ui";
import { getCertificate } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { formatDateTime, londonDayOf } from "../format/dates";
import { Link } from "../routing/router";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";

/** A printable certificate with its verification id, which a trainer can look up. */
export function CertificatePage({ certificateId }: { certificateId: string }) {
  const [certificate] = useResource(`certificate:${certificateId}`, () => getCertificate(certificateId));
  useDocumentTitle(certificate.state === "ready" ? `Certificate – ${certificate.data.module.title}` : "Certificate");
  if (certificate.state === "loading") return <LoadingPage />;
  if (certificate.state === "failed") return <ProblemPage problem={certificate.problem} />;
  const { data } = certificate;
  return (
    <>
      <PageHeading caption={data.module.title}>Your certificate</PageHeading>
      <SummaryList
        rows={[
          { key: "Score", value: `${data.scorePercent}%` },
          { key: data.state === "expired" ? "Expired" : "Valid until", value: formatDateTime(data.expiresAt) },
          { key: "Verification ID", value: data.id },
        ]}
      />
      <p className="govuk-body">A trainer in your force can check this certificate by its verification ID.</p>
      <Certificate
        headingLevel={2}
        learnerName={data.learner.displayName}
        courseTitle={`${data.module.title} (version ${data.module.version})`}
        completedOn={londonDayOf(data.issuedAt)}
        issuer={data.force.name}
        verificationId={data.id}
      />
      <p className="govuk-body app-no-print">
        <Link to={{ name: "my-training" }}>Back to my training</Link>
      </p>
    </>
  );
}
