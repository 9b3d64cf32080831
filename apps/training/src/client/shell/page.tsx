import { useEffect, useRef, type ReactNode, type RefObject } from "react";
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

/**
 * A screen reader announces nothing when a single-page app swaps its content, so after an in-app navigation
 * the page's h1 inside `container` takes focus once (focusable by script only), as GOV.UK moves focus on a
 * new page. An error summary on the page takes focus itself instead.
 */
export function useHeadingFocus(container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (document.querySelector(".govuk-error-summary")) return;
    const heading = container.current?.querySelector("h1");
    if (!heading || !claimPageFocus()) return;
    heading.setAttribute("tabindex", "-1");
    heading.classList.add("app-page-heading");
    heading.focus();
  }, [container]);
}

type PageHeadingProps = { children: ReactNode; caption?: string; size?: "l" | "xl"; className?: string };

/** The page's one h1, which takes focus after an in-app navigation. */
export function PageHeading({ children, caption, size = "l", className = `govuk-heading-${size}` }: PageHeadingProps) {
  const ref = useRef<HTMLDivElement>(null);
  useHeadingFocus(ref);
  return (
    <div ref={ref} className="app-page-heading-group">
      {caption === undefined ? null : <span className={`govuk-caption-${size}`}>{caption}</span>}
      <h1 className={className}>{children}</h1>
    </div>
  );
}
