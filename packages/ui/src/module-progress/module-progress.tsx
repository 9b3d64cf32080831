import type { Lesson, Module } from "@stalking-response/curriculum";
import type { ComponentPropsWithRef } from "react";
import { classNames } from "../internal/class-names";
import { ProgressBar } from "../progress-bar/progress-bar";
import { Tag } from "../tag/tag";
import { TaskList, type TaskListItem } from "../task-list/task-list";

/** Where the learner stands on a module's knowledge check. The server decides; this only shows it. */
export type KnowledgeCheckStatus =
  | { readonly status: "cannot-start-yet" }
  | { readonly status: "not-started"; readonly href: string }
  | { readonly status: "passed"; readonly percent: number }
  | { readonly status: "not-passed"; readonly percent: number; readonly href: string };

/** Props for {@link ModuleProgress}. */
export interface ModuleProgressProps extends Omit<ComponentPropsWithRef<"div">, "children"> {
  readonly module: Pick<Module, "id" | "title" | "lessons">;
  /** Ids of the lessons the learner has finished. */
  readonly completedLessonIds: readonly string[];
  readonly knowledgeCheck: KnowledgeCheckStatus;
  /** Where each lesson is read. */
  readonly getLessonHref: (lesson: Lesson) => string;
}

function knowledgeCheckItem(check: KnowledgeCheckStatus): TaskListItem {
  const title = "Knowledge check";
  switch (check.status) {
    case "cannot-start-yet":
      return {
        title,
        hint: "Finish every lesson first.",
        status: "Cannot start yet",
        statusClassName: "govuk-task-list__status--cannot-start-yet",
      };
    case "not-started":
      return { title, href: check.href, status: <Tag colour="blue">Not started</Tag> };
    case "passed":
      return { title, status: `Passed (${check.percent}%)` };
    case "not-passed":
      return {
        title,
        href: check.href,
        hint: "You can take it again.",
        status: <Tag colour="red">{`Not passed (${check.percent}%)`}</Tag>,
      };
  }
}

/**
 * A module's lessons and knowledge check as a GOV.UK task list, with a progress bar that counts the lessons
 * done in words as well as length ("1 of 3 lessons", the words every other view uses); the task list says
 * where the knowledge check stands. Statuses are text ("Completed", "Cannot start yet");
 * tags only mark what still needs doing.
 *
 * @example
 * <ModuleProgress module={module} completedLessonIds={["what-stalking-is"]}
 *   knowledgeCheck={{ status: "cannot-start-yet" }} getLessonHref={(lesson) => `/lessons/${lesson.id}`} />
 */
export function ModuleProgress({
  module,
  completedLessonIds,
  knowledgeCheck,
  getLessonHref,
  className,
  ...rest
}: ModuleProgressProps) {
  const done = new Set(completedLessonIds);
  const lessonsDone = module.lessons.filter((lesson) => done.has(lesson.id)).length;
  const items: TaskListItem[] = [
    ...module.lessons.map((lesson): TaskListItem => ({
      title: lesson.title,
      href: getLessonHref(lesson),
      hint: lesson.summary,
      status: done.has(lesson.id) ? "Completed" : <Tag colour="blue">Not started</Tag>,
    })),
    knowledgeCheckItem(knowledgeCheck),
  ];
  return (
    <div className={classNames("srt-module-progress", className)} {...rest}>
      <ProgressBar
        label={`Your progress on ${module.title}`}
        value={lessonsDone}
        max={module.lessons.length}
        valueText={`${lessonsDone} of ${module.lessons.length} lessons`}
      />
      <TaskList items={items} idPrefix={`module-${module.id}`} />
    </div>
  );
}
