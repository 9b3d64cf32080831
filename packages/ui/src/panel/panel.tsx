import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link Panel}. */
export interface PanelProps extends Omit<ComponentPropsWithRef<"div">, "title"> {
  title: ReactNode;
  /** The panel is usually the page's main heading; change it only when another `<h1>` exists. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6 | undefined;
  children?: ReactNode;
}

/**
 * GOV.UK confirmation panel, shown when a transaction is complete (e.g. "Module completed"),
 * with any reference the user needs in the body.
 *
 * @example
 * ```tsx
 * <Panel title="Screening saved">Your reference<br /><strong>SC-2024-0042</strong></Panel>
 * ```
 */
export function Panel({ title, headingLevel = 1, className, children, ...rest }: PanelProps) {
  const Heading = `h${headingLevel}` as const;
  // GOV.UK's interruption panel (a question before the user continues) replaces the
  // confirmation look; it is chosen with the `govuk-panel--interruption` class.
  const isInterruption = className?.includes("govuk-panel--interruption") ?? false;
  return (
    <div className={classNames("govuk-panel", !isInterruption && "govuk-panel--confirmation", className)} {...rest}>
      <Heading className="govuk-panel__title">{title}</Heading>
      {children !== undefined && <div className="govuk-panel__body">{children}</div>}
    </div>
  );
}
