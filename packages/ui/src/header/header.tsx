import { useEffect, useId, useRef, useState } from "react";
import type { ComponentPropsWithRef, MouseEvent, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** A link in the {@link Header} navigation. */
export interface HeaderNavigationItem {
  href: string;
  text: ReactNode;
  /** Marks the section the user is in (`aria-current="page"`). */
  current?: boolean | undefined;
  /** Lets a single-page app handle the navigation. */
  onClick?: ((event: MouseEvent<HTMLAnchorElement>) => void) | undefined;
}

/** Props for {@link Header}. */
export interface HeaderProps extends ComponentPropsWithRef<"header"> {
  /** The service or organisation name, optionally with a logo image or SVG before it. Never the crown. */
  logo: ReactNode;
  /** Where the logo links to; defaults to "/". */
  homepageUrl?: string | undefined;
  /** Lets a single-page app handle the logo link. */
  onHomepageClick?: ((event: MouseEvent<HTMLAnchorElement>) => void) | undefined;
  navigation?: readonly HeaderNavigationItem[] | undefined;
  /** Names the navigation landmark and labels the menu button; defaults to "Menu". */
  navigationLabel?: string | undefined;
  /** Spreads the header across the whole window instead of the page width. */
  fullWidth?: boolean | undefined;
  /**
   * Shown below the bar, inside the header landmark: a phase banner belongs here, so that no content sits
   * outside a landmark (axe `region`).
   */
  children?: ReactNode;
}

/**
 * The page header, on GOV.UK Frontend's generic header (for services that are not GOV.UK, so
 * no crown or GOV.UK logotype), inside a `<header>` landmark. With `navigation`, narrow screens
 * get a menu button (Escape closes the menu and returns focus to the button).
 *
 * @example
 * ```tsx
 * <Header logo="Stalking response training" navigation={[{ href: "/modules", text: "Modules", current: true }]} />
 * ```
 */
export function Header({
  logo,
  homepageUrl = "/",
  onHomepageClick,
  navigation,
  navigationLabel = "Menu",
  fullWidth = false,
  className,
  children,
  ...rest
}: HeaderProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    // Escape closes the open menu from anywhere, and focus returns to the button that opened it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);
  return (
    <header className={className} {...rest}>
      <div className="govuk-generic-header">
        <div
          className={classNames(
            "govuk-generic-header__container",
            fullWidth ? "govuk-generic-header__container--full-width" : "govuk-width-container",
          )}
        >
          <div className="govuk-generic-header__logo">
            <a
              href={homepageUrl}
              className="govuk-generic-header__homepage-link"
              {...(onHomepageClick ? { onClick: onHomepageClick } : {})}
            >
              {logo}
            </a>
          </div>
          {navigation && navigation.length > 0 && (
            <nav className="srt-header-navigation" aria-label={navigationLabel}>
              <button
                ref={toggle}
                type="button"
                className="srt-header-navigation__toggle"
                aria-controls={listId}
                aria-expanded={open}
                onClick={() => setOpen(!open)}
              >
                {navigationLabel}
              </button>
              <ul id={listId} className="srt-header-navigation__list" data-open={open}>
                {navigation.map((item, index) => (
                  <li key={index} className="srt-header-navigation__item">
                    <a
                      className="srt-header-navigation__link"
                      href={item.href}
                      aria-current={item.current ? "page" : undefined}
                      {...(item.onClick ? { onClick: item.onClick } : {})}
                    >
                      {item.text}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </div>
      {children}
    </header>
  );
}
