import type { ComponentPropsWithRef, MouseEvent, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link SkipLink}. */
export interface SkipLinkProps extends ComponentPropsWithRef<"a"> {
  /** `#id` of the main content; defaults to `#main-content`. */
  href?: string | undefined;
  /** Defaults to "Skip to main content". */
  children?: ReactNode;
}

const FOCUSED = "govuk-skip-link-focused-element";

/**
 * GOV.UK skip link: the first focusable element on every page, hidden until focused, letting
 * keyboard users jump past the header. Following it moves focus to the target (which does
 * not need its own tabindex), as GOV.UK Frontend's script does.
 *
 * @example
 * ```tsx
 * <SkipLink href="#main-content" />
 * <Header ... />
 * <main id="main-content">...</main>
 * ```
 */
export function SkipLink({
  href = "#main-content",
  className,
  onClick,
  children = "Skip to main content",
  ...rest
}: SkipLinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !href.startsWith("#")) return;
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) return;
    // Browsers scroll to the target but do not focus it unless it is focusable; focus it for
    // the duration of the visit only, so it never becomes a tab stop.
    if (!target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
      target.classList.add(FOCUSED);
      target.addEventListener(
        "blur",
        () => {
          target.removeAttribute("tabindex");
          target.classList.remove(FOCUSED);
        },
        { once: true },
      );
    }
    target.focus();
  };
  return (
    <a href={href} className={classNames("govuk-skip-link", className)} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
