import { PageHeading, useDocumentTitle } from "../shell/page";

/**
 * Public sector bodies must publish an accessibility statement for their services. This one says only what
 * the project can stand behind: the standard aimed at, how it is checked, and what has not been done yet.
 */
export function AccessibilityPage() {
  useDocumentTitle("Accessibility statement");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Accessibility statement</PageHeading>
        <p className="govuk-body">
          This statement covers the stalking training service, which police officers and staff use to take training
          modules and keep a record of completing them.
        </p>
        <h2 className="govuk-heading-m">How accessible this service is</h2>
        <p className="govuk-body">
          We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. We want you to be able
          to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>use every page with a keyboard alone</li>
          <li>use the service with a screen reader or speech recognition software</li>
          <li>zoom to 400% and use the service on a phone, with text reflowing to fit</li>
          <li>change colours, contrast and fonts in your browser without losing content</li>
        </ul>
        <h2 className="govuk-heading-m">How we test it</h2>
        <p className="govuk-body">
          Before each release, automated tests take the officer&apos;s journey through a module in a real browser on a
          phone-sized screen, once with a pointer and once with the keyboard alone. Every page is checked against the
          WCAG 2.2 AA rules of the axe accessibility engine.
        </p>
        <p className="govuk-body">
          Automated checks find only some problems. The service has not yet been audited by an accessibility specialist
          or tested with disabled users, so there may be problems we do not know about.
        </p>
        <h2 className="govuk-heading-m">Reporting a problem</h2>
        <p className="govuk-body">
          If you find something hard to use, or you need content in a different format, tell your force&apos;s training
          team. They can also record your training another way while a problem is fixed.
        </p>
        <h2 className="govuk-heading-m">The law</h2>
        <p className="govuk-body">
          Police forces are public sector bodies, so this service is covered by the Public Sector Bodies (Websites and
          Mobile Applications) (No. 2) Accessibility Regulations 2018.
        </p>
      </div>
    </div>
  );
}
