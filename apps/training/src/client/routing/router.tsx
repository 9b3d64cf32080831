import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";
import { href, parseRoute, type Route } from "./routes";

const listeners = new Set<() => void>();
let current: { key: string; route: Route } = read();
let focusPending = false;

function read() {
  return { key: location.pathname + location.search, route: parseRoute(location.pathname, location.search) };
}

function publish() {
  current = read();
  for (const listener of listeners) listener();
}

window.addEventListener("popstate", () => {
  focusPending = true;
  publish();
});

/**
 * Links drawn by the ui package (cards, task lists, back links, header and footer) are plain anchors. A
 * plain left click on one that points at a page of this app navigates in place instead of reloading it,
 * so focus management and in-memory state survive; anything else (new tab, download, other sites, the
 * API, files) is left to the browser.
 */
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest("a") : null;
  if (!anchor || anchor.target !== "" || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname === location.pathname && url.hash !== "") return;
  if (parseRoute(url.pathname, url.search).name === "not-found") return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

/**
 * Goes to a route without a page load; the next page heading (or error summary) takes focus. A redirect
 * that replaces the page the browser has just loaded passes `focus: false`: after a full load the browser
 * starts at the top, where the skip link is, and the app should not take that away.
 */
export function navigate(to: Route | string, options: { replace?: boolean; focus?: boolean } = {}) {
  const target = typeof to === "string" ? to : href(to);
  if (options.replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  if (options.focus ?? true) focusPending = true;
  window.scrollTo(0, 0);
  publish();
}

/**
 * A screen reader announces nothing when a single-page app swaps its content, so the page that mounts
 * after a navigation claims focus once (GOV.UK moves it to the h1, or to the error summary if there is one).
 */
/**
 * A step of a page that shows as a page of its own (a check-answers step) moves focus like a navigation:
 * its heading takes focus when it mounts.
 */
export function focusNextPage(): void {
  focusPending = true;
}

export function claimPageFocus(): boolean {
  const claimed = focusPending;
  focusPending = false;
  return claimed;
}

/** The current route; re-renders on navigation and on the browser's back and forward buttons. */
export function useRoute(): { key: string; route: Route } {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/**
 * `href` and `onClick` for anything that renders an anchor (our links, the ui package's back link and button
 * link): a real link, so it opens in a new tab and works with Enter, that navigates in place on a plain click.
 */
export function linkTo(to: Route): { href: string; onClick: (event: MouseEvent<HTMLAnchorElement>) => void } {
  const target = href(to);
  return {
    href: target,
    onClick: (event) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(target);
    },
  };
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "onClick"> & { to: Route; children: ReactNode };

/** A GOV.UK link to a route of the app. */
export function Link({ to, className = "govuk-link", children, ...rest }: LinkProps) {
  return (
    <a {...rest} className={className} {...linkTo(to)}>
      {children}
    </a>
  );
}
