import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** GOV.UK tag colours. Colour only reinforces the words; the text must carry the meaning. */
export type TagColour =
  "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

/** Props for {@link Tag}. */
export interface TagProps extends ComponentPropsWithRef<"strong"> {
  /** Omit for the default dark blue. */
  colour?: TagColour | undefined;
  children: ReactNode;
}

/**
 * A GOV.UK tag for a status, such as "Overdue" or "Completed". Use text that still makes sense
 * without the colour, and do not make tags interactive.
 *
 * @example
 * ```tsx
 * <Tag colour="red">Overdue</Tag>
 * ```
 */
export function Tag({ colour, className, children, ...rest }: TagProps) {
  return (
    <strong className={classNames("govuk-tag", colour && `govuk-tag--${colour}`, className)} {...rest}>
      {children}
    </strong>
  );
}
