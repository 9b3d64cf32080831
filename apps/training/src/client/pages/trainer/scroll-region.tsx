import type { ReactNode } from "react";

/**
 * A wide table scrolls sideways inside this region instead of making the whole page scroll (WCAG 1.4.10
 * reflow). Keyboard users must be able to scroll it too, so the region takes focus (WCAG 2.1.1), as axe's
 * scrollable-region-focusable rule asks; its label tells screen reader users what they have reached.
 */
export function ScrollRegion({ label, labelledBy, children }: ScrollRegionProps) {
  return (
    <div
      role="region"
      {...(labelledBy === undefined ? { "aria-label": label } : { "aria-labelledby": labelledBy })}
      // `relative` makes the region the containing block of the table's visually hidden text (absolutely
      // positioned), which otherwise hangs past the region's edge and makes the whole page scroll sideways.
      style={{ overflowX: "auto", position: "relative" }}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
      tabIndex={0}
    >
      {children}
    </div>
  );
}

type ScrollRegionProps = { children: ReactNode } & (
  { label: string; labelledBy?: undefined } | { labelledBy: string; label?: undefined }
);
