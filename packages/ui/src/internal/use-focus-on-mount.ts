import { useCallback, useEffect, useRef } from "react";
import type { Ref } from "react";

/**
 * Moves focus to an element when it appears, as GOV.UK Frontend does for error summaries and
 * success banners, so screen readers announce it at once. The element is focusable only
 * while it holds focus (tabindex -1, removed on blur), so it never becomes a tab stop.
 * Returns a ref callback that also forwards the node to the caller's ref.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled: boolean, forwarded: Ref<T> | undefined) {
  const node = useRef<T | null>(null);
  useEffect(() => {
    const element = node.current;
    if (!enabled || !element) return;
    element.setAttribute("tabindex", "-1");
    const onBlur = () => element.removeAttribute("tabindex");
    element.addEventListener("blur", onBlur, { once: true });
    element.focus();
    return () => element.removeEventListener("blur", onBlur);
  }, [enabled]);
  return useCallback(
    (element: T | null) => {
      node.current = element;
      if (typeof forwarded === "function") forwarded(element);
      else if (forwarded) forwarded.current = element;
    },
    [forwarded],
  );
}
