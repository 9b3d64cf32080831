import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link BackLink}. */
export interface BackLinkProps extends ComponentPropsWithRef<"a"> {
  /** Where "back" goes: the previous step, not `javascript:history.back()`. */
  href: string;
  /** Defaults to "Back". */
  children?: ReactNode;
}

/**
 * GOV.UK back link, placed at the top of a page in a multi-step journey (before `<main>`).
 *
 * @example
 * ```tsx
 * <BackLink href="/screening/question-3" />
 * ```
 */
export function BackLink({ href, className, children = "Back", ...rest }: BackLinkProps) {
  return (
    <a href={href} className={classNames("govuk-back-link", className)} {...rest}>
      {children}
    </a>
  );
}
