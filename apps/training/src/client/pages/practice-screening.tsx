import { useEffect, useMemo, useRef, useState } from "react";
import { useActorRef, useSelector } from "@xstate/react";
import { Button, Details, InsetText, SummaryList, Tag, WarningText } from "@stalking-response/ui";
import { ScreeningWizard } from "@stalking-response/ui/screening";
import { currentView, screeningMachine, type ScreeningView } from "@stalking-response/risk-screening";
import {
  compareOutcome,
  exampleForceConfig,
  practiceInspector,
  practiceOfficer,
  practiceScenarios,
  practiceSupervisor,
  type PracticeScenario,
} from "@stalking-response/risk-screening/practice";
import type { LessonBlock, ModuleDetailResponse } from "../../shared/api";
import { useResource } from "../api/use-resource";
import { Link } from "../routing/router";
import { PageHeading, serviceName } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { loadModule } from "../training/module-store";

type PracticeBlock = Extract<LessonBlock, { kind: "practice-screening" }>;

/**
 * The practice screening of a lesson: the example screening tool run on an invented case, then the outcome
 * compared with what an expert would reach. It runs entirely in the browser: nothing typed here is saved or
 * sent, because nothing here is about a real person.
 */
export function PracticeScreeningPage({ moduleId, lessonId }: { moduleId: string; lessonId: string }) {
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId));
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const lesson = module.data.lessons.find((candidate) => candidate.id === lessonId);
  const block = lesson?.blocks.find((candidate): candidate is PracticeBlock => candidate.kind === "practice-screening");
  const scenario = practiceScenarios.find((candidate) => candidate.id === block?.scenarioId);
  if (!lesson || !block || !scenario) {
    return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;
  }
  return <Practice module={module.data} lessonId={lesson.id} block={block} scenario={scenario} />;
}

type PracticeProps = {
  module: ModuleDetailResponse;
  lessonId: string;
  block: PracticeBlock;
  scenario: PracticeScenario;
};

function Practice(props: PracticeProps) {
  // A new run is a new actor: remounting by key throws the old one (and every answer in it) away.
  const [run, setRun] = useState(0);
  const [started, setStarted] = useState(false);
  if (!started) return <Briefing {...props} onStart={() => setStarted(true)} />;
  return <Screening key={run} {...props} onRestart={() => setRun((count) => count + 1)} />;
}

function Briefing({ module, lessonId, block, scenario, onStart }: PracticeProps & { onStart: () => void }) {
  useEffect(() => setPracticeTitle(block.title, false), [block.title]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading caption={module.title}>{block.title}</PageHeading>
        <FictionWarning />
        <Narrative scenario={scenario} />
        <p className="govuk-body">
          The screening uses an example tool written for this training. It is not an official risk assessment tool.
        </p>
        <Button type="button" isStartButton onClick={onStart}>
          Start the practice screening
        </Button>
        <p className="govuk-body">
          <Link to={{ name: "lesson", moduleId: module.id, lessonId }}>Back to the lesson</Link>
        </p>
      </div>
    </div>
  );
}

function Screening({ module, lessonId, block, scenario, onRestart }: PracticeProps & { onRestart: () => void }) {
  const actorRef = useActorRef(screeningMachine, { input: { config: exampleForceConfig } });
  const snapshot = useSelector(actorRef, (state) => state);
  const view = useMemo(() => currentView(snapshot), [snapshot]);
  const container = useRef<HTMLDivElement>(null);
  const rejected = snapshot.context.lastRejection !== null;

  // The briefing already said what the screening is, so the run begins at its first question.
  useEffect(() => {
    if (currentView(actorRef.getSnapshot()).kind === "start")
      actorRef.send({ type: "screening.start", actor: practiceOfficer });
    container.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [actorRef]);

  // Each step of the wizard is a page with its own h1; the tab title follows it, as a page load would.
  useEffect(() => {
    setPracticeTitle(container.current?.querySelector("h1")?.textContent ?? block.title, rejected);
  }, [snapshot, block.title, rejected]);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds" ref={container}>
        <RoleNote view={view} />
        <ScreeningWizard actorRef={actorRef} user={actorFor(view)} title={block.title} />
        {view.kind === "outcome" ? (
          <Feedback scenario={scenario} differences={compareOutcome(scenario.expected, view.outcome)} />
        ) : (
          <Details summary="Read the case again">
            <Narrative scenario={scenario} />
          </Details>
        )}
        <ul className="govuk-list">
          {view.kind === "outcome" ? (
            <li>
              <Button type="button" variant="secondary" onClick={onRestart}>
                Try the practice screening again
              </Button>
            </li>
          ) : null}
          <li>
            <Link to={{ name: "lesson", moduleId: module.id, lessonId }}>
              Leave the practice and go back to the lesson
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}

/** In practice the learner plays each role in turn, so the screening sees the role that step belongs to. */
function actorFor(view: ScreeningView) {
  if (view.kind === "supervisorReview") return practiceSupervisor;
  // Decisions such as authorising a Stalking Protection Order application sit with an inspector.
  if (view.kind === "tasks") return practiceInspector;
  return practiceOfficer;
}

function RoleNote({ view }: { view: ScreeningView }) {
  if (view.kind === "supervisorReview") {
    return <InsetText>In this practice you now play the supervisor who reviews the screening.</InsetText>;
  }
  if (view.kind === "tasks") {
    return (
      <InsetText>In this practice you now record the actions, including the decisions an inspector makes.</InsetText>
    );
  }
  return null;
}

function Feedback({ scenario, differences }: { scenario: PracticeScenario; differences: string[] }) {
  return (
    <section aria-labelledby="practice-feedback" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-l" id="practice-feedback">
        How your screening compares
      </h2>
      {differences.length === 0 ? (
        <>
          <p className="govuk-body">
            <Tag colour="green">Matches the expected outcome</Tag>
          </p>
          <p className="govuk-body">
            Your screening reached the outcome an experienced officer and supervisor would reach on this case.
          </p>
        </>
      ) : (
        <>
          <p className="govuk-body">
            <Tag colour="orange">{`${differences.length} ${differences.length === 1 ? "difference" : "differences"}`}</Tag>
          </p>
          <p className="govuk-body">
            These parts of your outcome differ from what an experienced officer and supervisor would reach on this case.
            Read the case again and think about why.
          </p>
          <SummaryList
            rows={differences.map((difference, index) => ({ key: `Difference ${index + 1}`, value: difference }))}
          />
        </>
      )}
      <p className="govuk-body-s">Case: {scenario.title}</p>
    </section>
  );
}

function FictionWarning() {
  return (
    <WarningText>
      This case is invented. Do not type in anything about a real person: nothing in the practice screening is saved or
      sent.
    </WarningText>
  );
}

function Narrative({ scenario }: { scenario: PracticeScenario }) {
  return (
    <InsetText>
      {scenario.narrative.map((paragraph) => (
        <p className="govuk-body" key={paragraph}>
          {paragraph}
        </p>
      ))}
    </InsetText>
  );
}

function setPracticeTitle(heading: string, hasErrors: boolean) {
  document.title = `${hasErrors ? "Error: " : ""}${heading} – Practice screening – ${serviceName}`;
}
