import type { Jurisdiction, Source } from "@stalking-response/curriculum";
import { Fragment } from "react";
import { formatCalendarDate, formatCalendarMonth } from "../internal/dates";

/** Plain names for each jurisdiction a statement can apply in. */
export const jurisdictionNames: Readonly<Record<Jurisdiction, string>> = {
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
  "united-kingdom": "the United Kingdom",
};

/** A source's date as precisely as the publisher gave it: "2019", "April 2024" or "15 March 2019". */
export function formatSourceDate(date: string): string {
  if (/^\d{4}$/.test(date)) return date;
  return formatCalendarMonth(date) ?? formatCalendarDate(date) ?? date;
}

/**
 * Where a statement comes from and where it applies: every factual block names both (the
 * project's content rule), in one small line under the block.
 */
export function Citation({
  ids,
  sources,
  jurisdiction,
}: {
  ids: readonly string[];
  sources: readonly Source[];
  jurisdiction?: Jurisdiction | undefined;
}) {
  if (ids.length === 0 && jurisdiction === undefined) return null;
  return (
    <p className="govuk-body-s srt-lesson__citation">
      {jurisdiction !== undefined && <>Applies in {jurisdictionNames[jurisdiction]}. </>}
      {ids.length > 0 && (ids.length === 1 ? "Source: " : "Sources: ")}
      {ids.map((id, index) => {
        const source = sources.find((candidate) => candidate.id === id);
        return (
          <Fragment key={id}>
            {index > 0 && "; "}
            {source ? (
              <>
                <a className="govuk-link" href={source.url}>
                  {source.title}
                </a>{" "}
                ({source.publisher}, {source.dateKind} {formatSourceDate(source.date)})
              </>
            ) : (
              // An unresolved id is shown rather than dropped, so a broken citation is visible.
              `unlisted source "${id}"`
            )}
          </Fragment>
        );
      })}
      {ids.length > 0 && "."}
    </p>
  );
}
