import type { ReactNode } from "react";
import { Link } from "../routing/router";
import { serviceName } from "./page";
import { SignOutButton } from "./sign-out-button";

/**
 * The page template: skip link, a generic (unbranded) header with the service name, the phase banner,
 * the main landmark and our own footer. Police forces are not GOV.UK, so there is no crown and no
 * GOV.UK logotype or licence text anywhere. The menu is our own two-item bar: GOV.UK's service navigation
 * needs its script to collapse on phones, and the ui stylesheet leaves it out.
 */
export function Layout({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-template__header">
        <div className="govuk-generic-header">
          <div className="govuk-generic-header__container govuk-width-container">
            <div className="govuk-generic-header__logo">
              <Link to={{ name: "my-training" }} className="govuk-generic-header__homepage-link">
                {serviceName}
              </Link>
            </div>
          </div>
        </div>
        {signedIn ? (
          <nav aria-label="Menu" className="app-service-nav">
            <div className="govuk-width-container">
              <ul className="govuk-list app-service-nav__list">
                <li className="app-service-nav__item">
                  <Link to={{ name: "my-training" }} className="govuk-link govuk-link--no-visited-state">
                    My training
                  </Link>
                </li>
                <li className="app-service-nav__item">
                  <SignOutButton />
                </li>
              </ul>
            </div>
          </nav>
        ) : null}
      </header>
      <div className="govuk-width-container">
        <div className="govuk-phase-banner">
          <p className="govuk-phase-banner__content">
            <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
            <span className="govuk-phase-banner__text">
              This is a new service. If something is wrong or unclear, tell your force&apos;s training team.
            </span>
          </p>
        </div>
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s">
                Training content covers England and Wales unless a lesson says otherwise. Each fact names its source.
              </p>
              <p className="govuk-body-s">Stalking Response Toolkit. Open source under the MIT licence.</p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
