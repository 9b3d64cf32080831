import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** One task in a {@link TaskList}. */
export interface TaskListItem {
  title: ReactNode;
  /** Omit when the task cannot be started yet: the title is then plain text. */
  href?: string | undefined;
  hint?: ReactNode;
  /** Text, or a {@link Tag} for statuses that need attention (e.g. "Incomplete"). */
  status: ReactNode;
  /** e.g. `govuk-task-list__status--cannot-start-yet` to grey out a plain-text status. */
  statusClassName?: string | undefined;
  className?: string | undefined;
}

/** Props for {@link TaskList}. */
export interface TaskListProps extends ComponentPropsWithRef<"ul"> {
  items: readonly TaskListItem[];
  /** Prefix of the ids that tie each link to its hint and status; defaults to "task-list". */
  idPrefix?: string | undefined;
}

/**
 * GOV.UK task list: the tasks of a long journey (such as the modules of a course) with the
 * status of each. Each link is described by its hint and status, so a screen reader reads
 * "Module 2, Completed" as one item.
 *
 * @example
 * ```tsx
 * <TaskList items={[{ title: "Recognising stalking", href: "/modules/1", status: "Completed" }]} />
 * ```
 */
export function TaskList({ items, idPrefix = "task-list", className, ...rest }: TaskListProps) {
  return (
    <ul className={classNames("govuk-task-list", className)} {...rest}>
      {items.map((item, index) => {
        const base = `${idPrefix}-${index + 1}`;
        const hintId = item.hint === undefined ? undefined : `${base}-hint`;
        const statusId = `${base}-status`;
        return (
          <li
            key={index}
            className={classNames(
              "govuk-task-list__item",
              item.href !== undefined && "govuk-task-list__item--with-link",
              item.className,
            )}
          >
            <div className="govuk-task-list__name-and-hint">
              {item.href === undefined ? (
                <div>{item.title}</div>
              ) : (
                <a
                  className="govuk-link govuk-task-list__link"
                  href={item.href}
                  aria-describedby={hintId === undefined ? statusId : `${hintId} ${statusId}`}
                >
                  {item.title}
                </a>
              )}
              {hintId !== undefined && (
                <div id={hintId} className="govuk-task-list__hint">
                  {item.hint}
                </div>
              )}
            </div>
            <div className={classNames("govuk-task-list__status", item.statusClassName)} id={statusId}>
              {item.status}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
