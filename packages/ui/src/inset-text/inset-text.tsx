import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** Props for {@link InsetText}. */
export interface InsetTextProps extends ComponentPropsWithRef<"div"> {
  children: ReactNode;
}

/**
 * GOV.UK inset text: sets apart a quotation, example or note from the content around it,
 * such as the wording of a recommendation.
 *
 * @example
 * ```tsx
 * <InsetText>Forces should record stalking as stalking, not as harassment.</InsetText>
 * ```
 */
export function InsetText({ className, children, ...rest }: InsetTextProps) {
  return (
    <div className={classNames("govuk-inset-text", className)} {...rest}>
      {children}
    </div>
  );
}
