import type { Module } from "@stalking-response/curriculum";
import { useId, type ComponentPropsWithRef } from "react";
import { formatCalendarDate } from "../certificate/dates";
import {
  completionStatusLabels,
  completionStatusTagColours,
  type CompletionStatus,
} from "../completion-grid/completion-status";
import { classNames } from "../internal/class-names";
import { Tag } from "../tag/tag";

/** Props for {@link ModuleCard}. */
export interface ModuleCardProps extends Omit<ComponentPropsWithRef<"article">, "children"> {
  readonly module: Pick<Module, "title" | "summary" | "estimatedMinutes">;
  /** Where the module starts or resumes. */
  readonly href: string;
  /** The learner's status on this module, shown in words on a tag. */
  readonly status: CompletionStatus;
  /** Shown as a caption above the title, e.g. "Module 2 of 5". */
  readonly caption?: string | undefined;
  /** When the learner must complete the module (`YYYY-MM-DD`); shown until it is completed. */
  readonly dueOn?: string | undefined;
  /** When the learner passed (`YYYY-MM-DD`). */
  readonly passedOn?: string | undefined;
  /** When the pass runs out and the learner must take the module again (`YYYY-MM-DD`). */
  readonly recertifyBy?: string | undefined;
  /** The title's heading level, to fit the page's outline. */
  readonly headingLevel?: 2 | 3 | 4 | undefined;
}

const dateOrRaw = (date: string) => formatCalendarDate(date) ?? date;

/**
 * A module on a learner's dashboard: title (the link), summary, how long it takes, the learner's
 * status in words, and the dates that matter to them — due, passed and recertify by.
 *
 * @example
 * <ModuleCard module={module} href="/modules/risk-screening" status="in-progress" caption="Module 2 of 5"
 *   dueOn="2027-03-01" />
 */
export function ModuleCard({
  module,
  href,
  status,
  caption,
  dueOn,
  passedOn,
  recertifyBy,
  headingLevel = 2,
  className,
  ...rest
}: ModuleCardProps) {
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  const facts: Array<[string, string]> = [["Time to complete", `About ${module.estimatedMinutes} minutes`]];
  if (dueOn !== undefined && status !== "completed") facts.push(["Complete by", dateOrRaw(dueOn)]);
  if (passedOn !== undefined) facts.push(["Passed on", dateOrRaw(passedOn)]);
  if (recertifyBy !== undefined) facts.push(["Take again by", dateOrRaw(recertifyBy)]);
  return (
    <article className={classNames("srt-module-card", className)} aria-labelledby={titleId} {...rest}>
      {caption !== undefined && <span className="govuk-caption-m">{caption}</span>}
      <Heading id={titleId} className="govuk-heading-m srt-module-card__title">
        <a className="govuk-link" href={href}>
          {module.title}
        </a>
      </Heading>
      <p className="govuk-body srt-module-card__status">
        <Tag colour={completionStatusTagColours[status]}>{completionStatusLabels[status]}</Tag>
      </p>
      <p className="govuk-body">{module.summary}</p>
      <dl className="govuk-body-s srt-module-card__facts">
        {facts.map(([term, detail]) => (
          <div key={term} className="srt-module-card__fact">
            <dt>{term}:</dt> <dd>{detail}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
