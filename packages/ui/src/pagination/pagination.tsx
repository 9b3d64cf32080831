import type { ComponentPropsWithRef, MouseEvent, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** The previous or next link of a {@link Pagination}. */
export interface PaginationLink {
  href: string;
  /** Overrides "Previous" / "Next". */
  text?: ReactNode;
  /** A description of the target, e.g. "Module 2: Recognising stalking"; switches to the stacked layout. */
  labelText?: ReactNode;
  /** Lets a single-page app handle the navigation. */
  onClick?: ((event: MouseEvent<HTMLAnchorElement>) => void) | undefined;
}

/** A numbered page link, or an ellipsis standing for skipped pages. */
export type PaginationItem =
  | {
      number: number;
      href: string;
      current?: boolean | undefined;
      /** Defaults to "Page <number>". */
      visuallyHiddenText?: string | undefined;
      onClick?: ((event: MouseEvent<HTMLAnchorElement>) => void) | undefined;
    }
  | { ellipsis: true };

/** Props for {@link Pagination}. */
export interface PaginationProps extends ComponentPropsWithRef<"nav"> {
  previous?: PaginationLink | undefined;
  next?: PaginationLink | undefined;
  items?: readonly PaginationItem[] | undefined;
  /** Names the navigation landmark; defaults to "Pagination" (change it when a page has two). */
  landmarkLabel?: string | undefined;
}

const PREVIOUS_ICON =
  "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z";
const NEXT_ICON =
  "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z";

function Arrow({ direction }: { direction: "prev" | "next" }) {
  return (
    <svg
      className={`govuk-pagination__icon govuk-pagination__icon--${direction}`}
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d={direction === "prev" ? PREVIOUS_ICON : NEXT_ICON} />
    </svg>
  );
}

function EdgeLink({ link, direction, block }: { link: PaginationLink; direction: "prev" | "next"; block: boolean }) {
  const defaultText = direction === "prev" ? "Previous" : "Next";
  // Stacked links lead with the arrow on both; inline, the next arrow points away at the end.
  const arrowFirst = direction === "prev" || block;
  const title = (
    <span
      className={classNames(
        "govuk-pagination__link-title",
        block && link.labelText === undefined && "govuk-pagination__link-title--decorated",
      )}
    >
      {link.text ?? (
        <>
          {defaultText}
          <span className="govuk-visually-hidden"> page</span>
        </>
      )}
    </span>
  );
  return (
    <div className={`govuk-pagination__${direction}`}>
      <a
        className="govuk-link govuk-pagination__link"
        href={link.href}
        rel={direction}
        {...(link.onClick ? { onClick: link.onClick } : {})}
      >
        {arrowFirst && <Arrow direction={direction} />}
        {title}
        {block && link.labelText !== undefined && (
          <>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{link.labelText}</span>
          </>
        )}
        {!arrowFirst && <Arrow direction={direction} />}
      </a>
    </div>
  );
}

/**
 * GOV.UK pagination: numbered pages with previous and next links, or (without `items`) just
 * previous and next, stacked, for a sequence such as lessons in a module.
 *
 * @example
 * ```tsx
 * <Pagination previous={{ href: "?page=1" }} next={{ href: "?page=3" }}
 *   items={[{ number: 1, href: "?page=1" }, { number: 2, href: "?page=2", current: true }, { number: 3, href: "?page=3" }]} />
 * ```
 */
export function Pagination({
  previous,
  next,
  items = [],
  landmarkLabel = "Pagination",
  className,
  ...rest
}: PaginationProps) {
  const block = items.length === 0;
  return (
    <nav
      className={classNames("govuk-pagination", block && "govuk-pagination--block", className)}
      aria-label={landmarkLabel}
      {...rest}
    >
      {previous && <EdgeLink link={previous} direction="prev" block={block} />}
      {!block && (
        <ul className="govuk-pagination__list">
          {items.map((item, index) =>
            "ellipsis" in item ? (
              <li key={`ellipsis-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
                {"\u22EF"}
              </li>
            ) : (
              <li
                key={item.number}
                className={classNames("govuk-pagination__item", item.current && "govuk-pagination__item--current")}
              >
                <a
                  className="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={item.visuallyHiddenText ?? `Page ${item.number}`}
                  aria-current={item.current ? "page" : undefined}
                  {...(item.onClick ? { onClick: item.onClick } : {})}
                >
                  {item.number}
                </a>
              </li>
            ),
          )}
        </ul>
      )}
      {next && <EdgeLink link={next} direction="next" block={block} />}
    </nav>
  );
}
