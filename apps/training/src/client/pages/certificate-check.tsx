import { useState, type FormEvent } from "react";
import { Button, ErrorSummary, SummaryList, Tag, TextInput } from "@stalking-response/ui";
import type { CertificateCheck } from "../../shared/api";
import { getCertificateCheck } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { certificateStates } from "../certificates/certificate-state";
import { formatDay } from "../format/dates";
import { Link, navigate } from "../routing/router";
import { PageHeading, useDocumentTitle } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";

const EXAMPLE_ID = "SRT-7K2M-9QXD-4H3P";
const fieldId = "certificate-number";

/** The lookup box: anyone types the number printed on a certificate and is taken to what it proves today. */
function CertificateLookup({ label, errorSummary }: { label: string; errorSummary: boolean }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [attempts, setAttempts] = useState(0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    const number = value.trim().toUpperCase();
    if (number === "") return setError("Enter the certificate number");
    navigate({ name: "certificate-check", certificateId: number });
  };
  return (
    <>
      {errorSummary && error !== undefined ? (
        <ErrorSummary key={attempts} errors={[{ text: error, href: `#${fieldId}` }]} />
      ) : null}
      <form noValidate onSubmit={submit} role="search" aria-label="Check a certificate">
        <TextInput
          id={fieldId}
          name="certificateNumber"
          label={label}
          hint={`It is printed under "Verification ID" on the certificate, for example ${EXAMPLE_ID}`}
          className="govuk-input--width-20"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          errorMessage={error}
        />
        <Button>Check certificate</Button>
      </form>
    </>
  );
}

/** Anyone — a trainer, a supervisor, a court, the public — checks a certificate by its number, signed in or not. */
export function CertificateLookupPage() {
  useDocumentTitle("Check a certificate");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Check a certificate</PageHeading>
        <p className="govuk-body">
          Find out whether a stalking training certificate is real and still counts. You do not need to sign in.
        </p>
        <CertificateLookup label="Certificate number" errorSummary />
      </div>
    </div>
  );
}

/** What one certificate proves today, worded for whoever is looking: its holder, or anyone else. */
export function CertificateCheckPage({ certificateId }: { certificateId: string }) {
  const [check] = useResource(`certificate-check:${certificateId}`, () => getCertificateCheck(certificateId));
  const heading =
    check.state !== "ready"
      ? check.state === "failed" && check.problem.status === 404
        ? "No certificate has this number"
        : "Check a certificate"
      : check.data.viewerIsHolder
        ? "Your certificate"
        : `Certificate held by ${check.data.holderName}`;
  useDocumentTitle(heading);
  if (check.state === "loading") return <LoadingPage />;
  if (check.state === "failed") {
    if (check.problem.status !== 404 && check.problem.status !== 429) return <ProblemPage problem={check.problem} />;
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading>{heading}</PageHeading>
          {check.problem.status === 404 ? (
            <>
              <p className="govuk-body">
                There is no certificate numbered <strong className="app-certificate-number">{certificateId}</strong>.
              </p>
              <p className="govuk-body">
                Check the number against the certificate: it starts with SRT and has three groups of four letters and
                numbers. The letters I, L, O and U are never used, so read them as 1, 1, 0 and V.
              </p>
              <p className="govuk-body">A certificate that cannot be found should not be relied on.</p>
            </>
          ) : (
            <p className="govuk-body">{check.problem.detail ?? check.problem.title}</p>
          )}
          <CertificateLookup label="Try another certificate number" errorSummary={false} />
        </div>
      </div>
    );
  }
  return <CertificateCheckResult check={check.data} heading={heading} />;
}

function CertificateCheckResult({ check, heading }: { check: CertificateCheck; heading: string }) {
  const state = certificateStates[check.state];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading caption="Check a certificate">{heading}</PageHeading>
        <p className="govuk-body">
          <Tag colour={state.colour} className="app-nowrap">
            {state.label}
          </Tag>
        </p>
        <p className="govuk-body">{state.meaning}</p>
        <SummaryList
          rows={[
            { key: "Certificate number", value: <span className="app-certificate-number">{check.id}</span> },
            { key: "Holder", value: check.holderName },
            { key: "Module", value: check.module.title },
            { key: "Version", value: check.module.version },
            { key: "Passed on", value: formatDay(check.passedOn) },
            { key: "Valid until", value: formatDay(check.validUntil) },
            { key: "Status", value: state.label },
          ]}
        />
        <p className="govuk-body">
          <Link to={{ name: "certificate-lookup" }}>Check another certificate</Link>
        </p>
      </div>
    </div>
  );
}
