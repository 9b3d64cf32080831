import { useEffect, useRef, type ReactNode } from "react";
import { claimPageFocus } from "../routing/router";

/** The service name every page title ends with. */
export const serviceName = "Stalking training";

/**
 * Sets the tab title GOV.UK-style ("Page – Stalking training"), prefixed with "Error:" while the page shows
 * errors so that screen reader users hear it when the title is read out.
 */
export function useDocumentTitle(title: string, hasErrors = false) {
  useEffect(() => {
    document.title = `${hasErrors ? "Error: " : ""}${title} – ${serviceName}`;
  }, [title, hasErrors]);
}

type PageHeadingProps = { children: ReactNode; caption?: string; size?: "l" | "xl"; className?: string };

/**
 * The page's one h1. After an in-app navigation it takes focus (it is focusable by script only), so
 * assistive technology announces the new page, as a full page load would.
 */
export function PageHeading({ children, caption, size = "l", className = `govuk-heading-${size}` }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The error summary, when present, takes focus itself; the heading only claims it otherwise.
    if (document.querySelector("[data-error-summary]")) return;
    if (claimPageFocus()) ref.current?.focus();
  }, []);
  return (
    <>
      {caption === undefined ? null : <span className={`govuk-caption-${size}`}>{caption}</span>}
      <h1 className={`${className} app-page-heading`} tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </>
  );
}
