import { useCallback, useEffect, useRef, useState } from "react";
import { BackLink, ButtonLink, LessonView, ProgressBar, WarningText } from "@stalking-response/ui";
import type { ModuleDetailResponse } from "../../shared/api";
import { recordLesson } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { Link, navigate } from "../routing/router";
import { href } from "../routing/routes";
import { useDocumentTitle, useHeadingFocus } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { nextAfterLesson } from "../training/journey";
import { loadModule, updateProgress } from "../training/module-store";

/** One lesson of a module, with where it sits in the module and the way on. */
export function LessonPage({ moduleId, lessonId }: { moduleId: string; lessonId: string }) {
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId));
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  return <Lesson module={module.data} lessonId={lessonId} />;
}

function Lesson({ module, lessonId }: { module: ModuleDetailResponse; lessonId: string }) {
  const index = module.lessons.findIndex((candidate) => candidate.id === lessonId);
  const lesson = module.lessons[index];
  const [saveFailed, setSaveFailed] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  useHeadingFocus(container);
  useDocumentTitle(lesson ? `${lesson.title} – ${module.title}` : "Page not found");

  const end = useRef<HTMLDivElement>(null);
  const recording = useRef<Promise<boolean> | null>(null);
  // A lesson is complete when the learner reaches its end (or moves on from it), not when it opens. The same
  // save is shared by both, so moving on waits for it: the next page then knows the lesson is done.
  const complete = useCallback((): Promise<boolean> => {
    if (!lesson) return Promise.resolve(false);
    recording.current ??= recordLesson(module.id, lesson.id).then((result) => {
      if (result.ok) {
        updateProgress(module.id, result.data);
        return true;
      }
      recording.current = null;
      setSaveFailed(result.problem.title);
      return false;
    });
    return recording.current;
  }, [module.id, lesson]);
  useEffect(() => {
    const marker = end.current;
    if (!marker) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void complete();
    });
    observer.observe(marker);
    return () => observer.disconnect();
  }, [complete]);

  if (!lesson) return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;
  const next = nextAfterLesson(module, lesson.id);
  return (
    <>
      <BackLink href={href({ name: "module", moduleId: module.id })}>Back to {module.title}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds" ref={container}>
          <ProgressBar
            label="Your progress through this module"
            value={index + 1}
            max={module.lessons.length}
            valueText={`Lesson ${index + 1} of ${module.lessons.length}`}
          />
          {saveFailed === null ? null : (
            <WarningText>
              We could not save your place in this module ({saveFailed}). You can carry on reading.
            </WarningText>
          )}
          <span className="govuk-caption-l">{module.title}</span>
          <LessonView
            lesson={lesson}
            sources={module.sources}
            renderPracticeScreening={() => (
              <p className="govuk-body">
                <Link to={{ name: "practice-screening", moduleId: module.id, lessonId: lesson.id }}>
                  Start the practice screening
                </Link>
              </p>
            )}
          />
          <div ref={end} />
          <ButtonLink
            href={href(next)}
            onClick={(event) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
              event.preventDefault();
              // Moves on once the lesson is saved; if it cannot be, the warning above says so and the officer stays.
              void complete().then((saved) => {
                if (saved) navigate(href(next));
              });
            }}
          >
            {next.name === "lesson" ? "Next lesson" : "Continue to the knowledge check"}
          </ButtonLink>
        </div>
      </div>
    </>
  );
}
