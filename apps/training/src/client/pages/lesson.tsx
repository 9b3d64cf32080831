import { useEffect, useRef, useState } from "react";
import { BackLink, ButtonLink, LessonView, ProgressBar, WarningText } from "@stalking-response/ui";
import type { ModuleDetailResponse } from "../../shared/api";
import { recordLesson } from "../api/endpoints";
import { useResource } from "../api/use-resource";
import { Link, linkTo } from "../routing/router";
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

  useEffect(() => {
    if (!lesson) return;
    let live = true;
    // Opening a lesson is what the server records as "experienced"; that is where any device resumes.
    void recordLesson(module.id, lesson.id).then((result) => {
      if (!live) return;
      if (result.ok) updateProgress(module.id, result.data);
      else setSaveFailed(result.problem.title);
    });
    return () => {
      live = false;
    };
  }, [module.id, lesson]);

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
          <ButtonLink {...linkTo(next)}>
            {next.name === "lesson" ? "Next lesson" : "Continue to the knowledge check"}
          </ButtonLink>
        </div>
      </div>
    </>
  );
}
