import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { Button } from "../button/button";
import { classNames } from "../internal/class-names";
import { formatCalendarDate } from "../internal/dates";

/** Props for {@link Certificate}. */
export interface CertificateProps extends Omit<ComponentPropsWithRef<"article">, "children"> {
  readonly learnerName: string;
  /** The course or module completed, e.g. "Stalking: identification and first response". */
  readonly courseTitle: string;
  /** The day the course was completed, as `YYYY-MM-DD`. */
  readonly completedOn: string;
  /** The organisation issuing the certificate, e.g. the force or the College. */
  readonly issuer: string;
  /** The id anyone can check the certificate against; printed in full so it survives on paper. */
  readonly verificationId: string;
  /** Where the id can be checked. Printed as text as well as linked, because paper has no links. */
  readonly verificationUrl?: string | undefined;
  /** The last day the certificate counts, as `YYYY-MM-DD`; printed as "Valid until …" so paper shows its expiry. */
  readonly validUntil?: string | undefined;
  /**
   * A scannable code for the verification address (e.g. a QR code as inline SVG), printed beside it. It is
   * decorative for assistive technology: the address itself is always printed as text.
   */
  readonly verificationCode?: ReactNode;
  /** Modules the course covered, listed under the course title. */
  readonly modules?: readonly string[] | undefined;
  /** The heading level of "Certificate of completion", to fit the page it sits in. */
  readonly headingLevel?: 1 | 2 | 3 | undefined;
  /** Shows a "Print certificate" button; it is never printed itself. */
  readonly showPrintButton?: boolean | undefined;
}

/**
 * A printable certificate of completion. On screen it sits in the page; in print it is the only
 * thing on the page (A4 landscape where the browser supports named pages), with the verification
 * id and address spelled out so a paper copy can still be checked.
 *
 * @throws RangeError when `completedOn` is not a real `YYYY-MM-DD` date, rather than print a wrong date.
 *
 * @example
 * <Certificate learnerName="Asha Patel" courseTitle="Stalking: first response" completedOn="2026-11-27"
 *   issuer="Essex Police" verificationId="SRT-7F3K-92QD" verificationUrl="https://training.example/verify"
 *   validUntil="2027-11-27" />
 */
export function Certificate({
  learnerName,
  courseTitle,
  completedOn,
  issuer,
  verificationId,
  verificationUrl,
  validUntil,
  verificationCode,
  modules,
  headingLevel = 1,
  showPrintButton = true,
  className,
  ...rest
}: CertificateProps) {
  const headingId = useId();
  const date = formatCalendarDate(completedOn);
  if (date === undefined) {
    throw new RangeError(`Certificate: completedOn must be a calendar date as YYYY-MM-DD, got "${completedOn}"`);
  }
  const expiry = validUntil === undefined ? undefined : formatCalendarDate(validUntil);
  if (validUntil !== undefined && expiry === undefined) {
    throw new RangeError(`Certificate: validUntil must be a calendar date as YYYY-MM-DD, got "${validUntil}"`);
  }
  const Heading = `h${headingLevel}` as const;
  return (
    <article className={classNames("srt-certificate", className)} aria-labelledby={headingId} {...rest}>
      <div className="srt-certificate__sheet">
        <p className="govuk-body-l srt-certificate__issuer">{issuer}</p>
        <Heading id={headingId} className="govuk-heading-xl srt-certificate__title">
          Certificate of completion
        </Heading>
        <p className="govuk-body-l">This certifies that</p>
        <p className="govuk-heading-l srt-certificate__learner">{learnerName}</p>
        <p className="govuk-body-l">completed</p>
        <p className="govuk-heading-m srt-certificate__course">{courseTitle}</p>
        {modules && modules.length > 0 && (
          <ul className="govuk-list srt-certificate__modules" aria-label="Modules covered">
            {modules.map((module) => (
              <li key={module}>{module}</li>
            ))}
          </ul>
        )}
        <p className="govuk-body-l">
          on <time dateTime={completedOn}>{date}</time>
        </p>
        {validUntil !== undefined && (
          <p className="govuk-body srt-certificate__expiry">
            Valid until <time dateTime={validUntil}>{expiry}</time>
          </p>
        )}
        <div className="srt-certificate__check">
          {verificationCode !== undefined && (
            <div className="srt-certificate__code" aria-hidden="true">
              {verificationCode}
            </div>
          )}
          <dl className="srt-certificate__verification">
            <dt className="govuk-body-s">Verification ID</dt>
            <dd className="govuk-body srt-certificate__id">{verificationId}</dd>
            {verificationUrl !== undefined && (
              <>
                <dt className="govuk-body-s">Check this certificate at</dt>
                <dd className="govuk-body srt-certificate__url">
                  <a className="govuk-link" href={verificationUrl}>
                    {verificationUrl}
                  </a>
                </dd>
              </>
            )}
          </dl>
        </div>
      </div>
      {showPrintButton && (
        <div className="srt-certificate__actions">
          <Button type="button" variant="secondary" onClick={() => window.print()}>
            Print certificate
          </Button>
        </div>
      )}
    </article>
  );
}
