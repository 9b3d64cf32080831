import type { ComponentPropsWithRef, MouseEvent, ReactNode } from "react";
import { classNames } from "../internal/class-names";
import { useFocusOnMount } from "../internal/use-focus-on-mount";

/** One problem listed in an {@link ErrorSummary}. */
export interface ErrorSummaryItem {
  /** The same words as the error message beside the field. */
  text: ReactNode;
  /** `#<id>` of the field with the problem; omit when the problem is not about one field. */
  href?: string | undefined;
}

/** Props for {@link ErrorSummary}. */
export interface ErrorSummaryProps extends Omit<ComponentPropsWithRef<"div">, "title"> {
  /** Defaults to GOV.UK's "There is a problem". */
  title?: ReactNode;
  description?: ReactNode;
  errors?: readonly ErrorSummaryItem[] | undefined;
  /** By default the summary takes focus when it appears, so the problem is announced at once. */
  disableAutoFocus?: boolean | undefined;
}

/** Focus moves to the field and its question is scrolled into view, as GOV.UK Frontend does. */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const href = event.currentTarget.getAttribute("href") ?? "";
  if (!href.startsWith("#")) return;
  const field = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!field) return;
  event.preventDefault();
  const legend = field.closest("fieldset")?.querySelector("legend");
  const label = field instanceof HTMLInputElement ? field.labels?.[0] : undefined;
  (legend ?? label ?? field).scrollIntoView?.();
  field.focus({ preventScroll: true });
}

/**
 * GOV.UK error summary: put it at the top of the page (above the `<h1>`) when a form fails
 * validation, listing every problem with a link to its field. It takes focus when it appears,
 * and following a link moves focus to that field. In a single-page form that stays mounted,
 * give it a new `key` on each failed submit so it takes focus again, as a reloaded page would.
 *
 * @example
 * ```tsx
 * {errors.length > 0 && <ErrorSummary errors={[{ text: "Enter the date of the incident", href: "#incident-day" }]} />}
 * ```
 */
export function ErrorSummary({
  title = "There is a problem",
  description,
  errors = [],
  disableAutoFocus = false,
  className,
  ref,
  ...rest
}: ErrorSummaryProps) {
  const focusRef = useFocusOnMount<HTMLDivElement>(!disableAutoFocus, ref);
  return (
    <div ref={focusRef} className={classNames("govuk-error-summary", className)} {...rest}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description !== undefined && <p>{description}</p>}
          {errors.length > 0 && (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((error, index) => (
                <li key={error.href ?? index}>
                  {error.href === undefined ? (
                    error.text
                  ) : (
                    <a href={error.href} onClick={focusField}>
                      {error.text}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
