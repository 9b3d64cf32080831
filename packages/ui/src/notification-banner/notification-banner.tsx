import { useId } from "react";
import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";
import { useFocusOnMount } from "../internal/use-focus-on-mount";

/** Props for {@link NotificationBanner}. */
export interface NotificationBannerProps extends Omit<ComponentPropsWithRef<"div">, "title"> {
  /** `success` confirms the outcome of something the user just did; it is announced and focused. */
  type?: "success" | undefined;
  /** Defaults to "Important", or "Success" for the success type. */
  title?: ReactNode;
  /** Id of the title, which names the banner's region; generated when omitted. */
  titleId?: string | undefined;
  /** The title's heading level; 2 unless the page structure needs otherwise. */
  titleHeadingLevel?: 1 | 2 | 3 | 4 | 5 | 6 | undefined;
  /** The main message, shown large. */
  heading?: ReactNode;
  /** Further content below the heading. */
  children?: ReactNode;
  /** A success banner takes focus when it appears unless this is set. */
  disableAutoFocus?: boolean | undefined;
}

/**
 * GOV.UK notification banner: tells users about something important that is not related to
 * the page content (e.g. "Your action plan was saved"). Use sparingly: one per page at most.
 *
 * @example
 * ```tsx
 * <NotificationBanner type="success" heading="Action plan updated" />
 * ```
 */
export function NotificationBanner({
  type,
  title,
  titleId,
  titleHeadingLevel = 2,
  heading,
  disableAutoFocus = false,
  role,
  className,
  ref,
  children,
  ...rest
}: NotificationBannerProps) {
  const generatedId = useId();
  const isSuccess = type === "success";
  const resolvedRole = role ?? (isSuccess ? "alert" : "region");
  // Only an alert interrupts the user, so only an alert is worth moving focus for.
  const focusRef = useFocusOnMount<HTMLDivElement>(resolvedRole === "alert" && !disableAutoFocus, ref);
  const id = titleId ?? `${generatedId}-title`;
  const Title = `h${titleHeadingLevel}` as const;
  return (
    <div
      ref={focusRef}
      className={classNames("govuk-notification-banner", isSuccess && "govuk-notification-banner--success", className)}
      role={resolvedRole}
      aria-labelledby={id}
      {...rest}
    >
      <div className="govuk-notification-banner__header">
        <Title className="govuk-notification-banner__title" id={id}>
          {title ?? (isSuccess ? "Success" : "Important")}
        </Title>
      </div>
      <div className="govuk-notification-banner__content">
        {heading !== undefined && <p className="govuk-notification-banner__heading">{heading}</p>}
        {children}
      </div>
    </div>
  );
}
