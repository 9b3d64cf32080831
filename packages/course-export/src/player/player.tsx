import {
  learnerQuestions,
  reviewStatus,
  scoreAttempt,
  type AttemptScore,
  type Module,
  type Source,
} from "@stalking-response/curriculum";
import {
  BackLink,
  Button,
  Footer,
  Header,
  InsetText,
  KnowledgeCheck,
  LessonView,
  NotificationBanner,
  Panel,
  SkipLink,
  SummaryList,
  WarningText,
} from "@stalking-response/ui";
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { decodeProgress, encodeProgress, type Progress } from "../progress";
import type { PlayerData } from "../player-data";
import { pageLocation, parseLocation, type Page } from "./pages";
import type { Tracker } from "./tracker";

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const formatDate = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));
const today = () => new Date().toISOString().slice(0, 10);
const jurisdictions: Record<string, string> = {
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
  "united-kingdom": "the United Kingdom",
};

/** Answers by question id, from the option positions the progress record keeps. */
function answersOf(module: Module, progress: Progress): Record<string, string[]> {
  return Object.fromEntries(
    module.knowledgeCheck.questions.map((question, index) => [
      question.id,
      (progress.a[index] ?? []).flatMap((position) => question.options[position]?.id ?? []),
    ]),
  );
}

/** Marks the attempt with the curriculum's own marking; a cmi5 masteryScore, when set, decides the pass. */
function mark(module: Module, progress: Progress, masteryScore: number | undefined): AttemptScore | undefined {
  const scored = scoreAttempt(module, answersOf(module, progress));
  if (!scored.ok) return undefined;
  if (masteryScore === undefined) return scored.value;
  const passed = scored.value.correctCount >= masteryScore * scored.value.questionCount - 1e-9;
  return { ...scored.value, passed };
}

function PageLink({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  return (
    <a
      className="govuk-link"
      href="#main-content"
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        onOpen();
      }}
    >
      {children}
    </a>
  );
}

/** GOV.UK's back link, moving within the player instead of through the browser's history. */
function Back({ onBack }: { onBack: () => void }) {
  return (
    <BackLink
      href="#main-content"
      onClick={(event) => {
        event.preventDefault();
        onBack();
      }}
    />
  );
}

function SourcesList({ sources }: { sources: readonly Source[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {sources.map((source) => (
        <li key={source.id}>
          <a className="govuk-link" href={source.url}>
            {source.title}
          </a>{" "}
          ({source.publisher}, {source.dateKind} {source.date})
        </li>
      ))}
    </ul>
  );
}

/** Props for {@link Player}. */
export interface PlayerProps {
  readonly data: PlayerData;
  readonly tracker: Tracker | null;
  /** Why no run-time was found, shown to the learner when `tracker` is null. */
  readonly trackerProblem?: string | undefined;
}

/**
 * The module as a learner takes it inside a learning platform: an overview with the module's version, review dates
 * and sources, each lesson, the knowledge check one question a page, and the marked result with every explanation.
 */
export function Player({ data, tracker, trackerProblem }: PlayerProps) {
  const { module, sources } = data;
  const questions = module.knowledgeCheck.questions;
  const learner = useMemo(() => learnerQuestions(module), [module]);
  const [started, setStarted] = useState(tracker === null);
  const [progress, setProgress] = useState<Progress>(() => decodeProgress(null, module.version, questions.length));
  const [page, setPage] = useState<Page>({ kind: "overview" });
  const [masteryScore, setMasteryScore] = useState<number | undefined>(undefined);
  const [recordsResults, setRecordsResults] = useState(true);
  const [problem, setProblem] = useState<string | undefined>(
    tracker === null ? (trackerProblem ?? "This module is not connected to a learning platform.") : undefined,
  );
  const [answer, setAnswer] = useState<readonly string[]>([]);
  const headingRef = useRef<HTMLElement | null>(null);
  const firstRender = useRef(true);
  const finished = useRef(false);

  const report = useCallback((error: unknown) => {
    setProblem(error instanceof Error ? error.message : String(error));
  }, []);

  useEffect(() => {
    if (!tracker) return;
    let cancelled = false;
    tracker.start().then(
      (session) => {
        if (cancelled) return;
        const saved = decodeProgress(session.progress, module.version, questions.length);
        setProgress(saved);
        setMasteryScore(session.masteryScore);
        setRecordsResults(session.recordsResults);
        const resumed = parseLocation(session.location, module.lessons.length, questions.length);
        setPage(saved.m && resumed.kind === "question" ? { kind: "result" } : resumed);
        setStarted(true);
      },
      (error: unknown) => {
        report(error);
        setStarted(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [tracker, module, questions.length, report]);

  // Saves after every change, so a closed window or a lost connection loses at most the last click.
  useEffect(() => {
    if (!tracker || !started || page.kind === "exited" || finished.current) return;
    tracker.save(encodeProgress(progress), pageLocation(page)).catch(report);
  }, [tracker, started, progress, page, report]);

  useEffect(() => {
    if (!tracker) return;
    const onPageHide = () => {
      if (finished.current) return;
      finished.current = true;
      void tracker.finish(true).catch(() => undefined);
    };
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [tracker]);

  // A new page moves focus to its heading, as a page load would, so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>("#main-content h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      headingRef.current = heading;
    }
  }, [page]);

  const score = useMemo(
    () => (progress.m ? mark(module, progress, masteryScore) : undefined),
    [module, progress, masteryScore],
  );

  const go = (next: Page) => {
    if (next.kind === "question") {
      const saved = progress.a[next.index] ?? [];
      setAnswer(saved.flatMap((position) => questions[next.index]?.options[position]?.id ?? []));
    }
    if (next.kind === "lesson" && !progress.s.includes(next.index)) {
      const seen = [...progress.s, next.index].sort((a, b) => a - b);
      setProgress({ ...progress, s: seen });
      if (seen.length === module.lessons.length && tracker) tracker.completed().catch(report);
    }
    setPage(next);
  };

  const submitAnswer = (index: number, optionIds: readonly string[]) => {
    const question = questions[index];
    if (!question) return;
    const positions = optionIds.map((id) => question.options.findIndex((option) => option.id === id));
    const a = progress.a.map((chosen, position) => (position === index ? positions : chosen));
    const next = { ...progress, a };
    if (index + 1 < questions.length) {
      setProgress(next);
      go({ kind: "question", index: index + 1 });
      return;
    }
    const marked = mark(module, next, masteryScore);
    const record = { ...next, m: true, t: next.t + 1, p: next.p || (marked?.passed ?? false) };
    setProgress(record);
    setPage({ kind: "result" });
    if (marked && tracker && recordsResults) {
      tracker
        .result({
          correctCount: marked.correctCount,
          questionCount: marked.questionCount,
          percent: marked.percent,
          passed: marked.passed,
        })
        .catch(report);
    }
  };

  const retry = () => {
    setProgress({ ...progress, m: false, a: progress.a.map(() => []) });
    setAnswer([]);
    setPage({ kind: "question", index: 0 });
  };

  const exit = () => {
    if (!tracker || finished.current) {
      setPage({ kind: "exited" });
      return;
    }
    finished.current = true;
    tracker.finish(false).then((outcome) => {
      setPage({ kind: "exited" });
      if (outcome.returnUrl) window.location.assign(outcome.returnUrl);
    }, report);
  };

  const lessonCount = module.lessons.length;
  const review = reviewStatus(module, today());
  const nextStart: Page = progress.m
    ? { kind: "result" }
    : progress.s.length < lessonCount
      ? { kind: "lesson", index: [...Array(lessonCount).keys()].find((index) => !progress.s.includes(index)) ?? 0 }
      : {
          kind: "question",
          index: Math.max(
            0,
            progress.a.findIndex((chosen) => chosen.length === 0),
          ),
        };

  let content: ReactNode;
  if (!started) {
    content = <h1 className="govuk-heading-l">Starting {module.title}</h1>;
  } else if (page.kind === "overview") {
    content = (
      <>
        <span className="govuk-caption-l">{data.courseTitle}</span>
        <h1 className="govuk-heading-xl">{module.title}</h1>
        <p className="govuk-body-l">{module.summary}</p>
        {review === "review-overdue" && (
          <WarningText>
            This module was due for review on {formatDate(module.nextReviewDue)}. Ask your trainer whether it is still
            current before you rely on it.
          </WarningText>
        )}
        <SummaryList
          rows={[
            { key: "Version", value: module.version },
            { key: "Last reviewed", value: formatDate(module.reviewedOn) },
            { key: "Next review due", value: formatDate(module.nextReviewDue) },
            { key: "Applies in", value: jurisdictions[module.jurisdiction] ?? module.jurisdiction },
            { key: "Time", value: `About ${module.estimatedMinutes} minutes` },
            {
              key: "Pass mark",
              value: `${module.knowledgeCheck.passMarkPercent}% in the knowledge check (${questions.length} questions)`,
            },
            ...(data.localPolicyForce
              ? [{ key: "Local policy", value: `Includes a lesson on ${data.localPolicyForce}'s own policy` }]
              : []),
          ]}
        />
        <h2 className="govuk-heading-m">Lessons</h2>
        <ol className="govuk-list govuk-list--number">
          {module.lessons.map((lesson, index) => (
            <li key={lesson.id}>
              <PageLink onOpen={() => go({ kind: "lesson", index })}>{lesson.title}</PageLink>
              {progress.s.includes(index) && <span className="govuk-body-s"> (opened)</span>}
            </li>
          ))}
          <li>
            <PageLink onOpen={() => (progress.m ? go({ kind: "result" }) : go({ kind: "question", index: 0 }))}>
              Knowledge check
            </PageLink>
          </li>
        </ol>
        <Button isStartButton onClick={() => go(nextStart)}>
          {progress.s.length === 0 && progress.t === 0 ? "Start module" : "Continue module"}
        </Button>
        <h2 className="govuk-heading-m">Sources</h2>
        <p className="govuk-body">
          Every fact in this module names its source. The module draws on these publications:
        </p>
        <SourcesList sources={sources} />
      </>
    );
  } else if (page.kind === "lesson") {
    const lesson = module.lessons[page.index];
    const last = page.index + 1 >= lessonCount;
    content = lesson && (
      <>
        <Back onBack={() => go(page.index === 0 ? { kind: "overview" } : { kind: "lesson", index: page.index - 1 })} />
        <span className="govuk-caption-m">
          Lesson {page.index + 1} of {lessonCount}
        </span>
        <LessonView lesson={lesson} sources={sources} headingLevel={1} />
        {lesson.blocks.some((block) => block.kind === "practice-screening") && (
          <p className="govuk-body">
            The interactive practice screening runs in the toolkit&apos;s training app; this package shows its briefing
            only.
          </p>
        )}
        <Button
          onClick={() =>
            go(
              last
                ? progress.m
                  ? { kind: "result" }
                  : { kind: "question", index: 0 }
                : { kind: "lesson", index: page.index + 1 },
            )
          }
        >
          {last ? "Continue to the knowledge check" : "Next lesson"}
        </Button>
      </>
    );
  } else if (page.kind === "question") {
    const question = learner[page.index];
    content = question && (
      <>
        <Back
          onBack={() => go(page.index === 0 ? { kind: "overview" } : { kind: "question", index: page.index - 1 })}
        />
        <KnowledgeCheck
          key={question.id}
          question={question}
          questionNumber={page.index + 1}
          questionCount={questions.length}
          value={answer}
          onChange={setAnswer}
          onSubmit={(optionIds) => submitAnswer(page.index, optionIds)}
          isPageHeading
          submitLabel={page.index + 1 === questions.length ? "Submit answers" : "Save and continue"}
        />
      </>
    );
  } else if (page.kind === "result") {
    content = score && (
      <>
        {score.passed ? (
          <Panel title="Module passed">
            You scored {score.percent}% ({score.correctCount} of {score.questionCount})
          </Panel>
        ) : (
          <>
            <h1 className="govuk-heading-l">You have not passed this time</h1>
            <p className="govuk-body-l">
              You scored {score.percent}% ({score.correctCount} of {score.questionCount}). The pass mark is{" "}
              {module.knowledgeCheck.passMarkPercent}%.
            </p>
          </>
        )}
        {progress.p && !score.passed && (
          <p className="govuk-body">You passed this module earlier; that pass still stands.</p>
        )}
        <p className="govuk-body">
          {tracker && recordsResults
            ? `Your result has been sent to your learning platform (${tracker.name}).`
            : "This result is not recorded."}
        </p>
        {!score.passed && <Button onClick={retry}>Try the knowledge check again</Button>}
        <h2 className="govuk-heading-l">Your answers explained</h2>
        {score.perQuestion.map((result, index) => {
          const question = learner[index];
          return (
            question && (
              <KnowledgeCheck
                key={question.id}
                question={question}
                questionNumber={index + 1}
                questionCount={questions.length}
                value={result.selectedOptionIds}
                onChange={() => undefined}
                onSubmit={() => undefined}
                feedback={result}
              />
            )
          );
        })}
      </>
    );
  } else {
    content = (
      <>
        <h1 className="govuk-heading-l">Your progress is saved</h1>
        <p className="govuk-body">
          You can close this window. Open the module again from your learning platform to carry on.
        </p>
      </>
    );
  }

  return (
    <>
      <SkipLink href="#main-content" />
      <Header
        logo={data.courseTitle}
        homepageUrl="#main-content"
        onHomepageClick={(event) => {
          event.preventDefault();
          if (page.kind !== "exited") go({ kind: "overview" });
        }}
      />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {problem !== undefined && (
            <NotificationBanner title="Important">
              <p className="govuk-notification-banner__heading">{problem}</p>
              <p className="govuk-body">You can still read the module{tracker ? "" : ", but nothing is recorded"}.</p>
            </NotificationBanner>
          )}
          {!recordsResults && tracker && (
            <InsetText>Your learning platform opened this module for review, so results are not recorded.</InsetText>
          )}
          {content}
          {started && page.kind !== "exited" && tracker && (
            <p className="govuk-body govuk-!-margin-top-8">
              <Button variant="secondary" onClick={exit}>
                Save and exit
              </Button>
            </p>
          )}
        </main>
      </div>
      <Footer>
        <p className="govuk-footer__meta-custom">
          {module.title}, version {module.version}. Last reviewed {formatDate(module.reviewedOn)}; next review due{" "}
          {formatDate(module.nextReviewDue)}. Training content for England and Wales unless a section says otherwise.
        </p>
      </Footer>
    </>
  );
}
