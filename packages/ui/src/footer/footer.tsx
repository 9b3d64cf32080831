import type { ComponentPropsWithRef, MouseEvent, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** A support link in the {@link Footer} (accessibility statement, privacy, contact). */
export interface FooterLink {
  href: string;
  text: ReactNode;
  onClick?: ((event: MouseEvent<HTMLAnchorElement>) => void) | undefined;
}

/** Props for {@link Footer}. */
export interface FooterProps extends ComponentPropsWithRef<"footer"> {
  /** Support links; public-sector services must link their accessibility statement here. */
  links?: readonly FooterLink[] | undefined;
  /** Heading for the links, read by screen readers only; defaults to "Support links". */
  linksTitle?: string | undefined;
  /** A line about the content's licence or ownership, in your own words. */
  contentLicence?: ReactNode;
  /** e.g. "© College of Policing"; shown at the end of the footer. */
  copyright?: ReactNode;
  /** Any other content for the footer's meta area. */
  children?: ReactNode;
}

/**
 * Our own page footer on GOV.UK Frontend's footer styles, inside a `<footer>` landmark. It
 * carries no crown, no Open Government Licence and no Crown copyright: those are GOV.UK's and
 * a police or College service states its own.
 *
 * @example
 * ```tsx
 * <Footer links={[{ href: "/accessibility", text: "Accessibility statement" }]} copyright="© College of Policing" />
 * ```
 */
export function Footer({
  links = [],
  linksTitle = "Support links",
  contentLicence,
  copyright,
  className,
  children,
  ...rest
}: FooterProps) {
  return (
    <footer className={className} {...rest}>
      <div className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className={classNames("govuk-footer__meta-item", "govuk-footer__meta-item--grow")}>
              {links.length > 0 && (
                <>
                  <h2 className="govuk-visually-hidden">{linksTitle}</h2>
                  <ul className="govuk-footer__inline-list">
                    {links.map((link, index) => (
                      <li key={index} className="govuk-footer__inline-list-item">
                        <a
                          className="govuk-footer__link"
                          href={link.href}
                          {...(link.onClick ? { onClick: link.onClick } : {})}
                        >
                          {link.text}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {children !== undefined && <div className="govuk-footer__meta-custom">{children}</div>}
              {contentLicence !== undefined && (
                <span className="govuk-footer__licence-description">{contentLicence}</span>
              )}
            </div>
            {copyright !== undefined && <div className="govuk-footer__meta-item">{copyright}</div>}
          </div>
        </div>
      </div>
    </footer>
  );
}
