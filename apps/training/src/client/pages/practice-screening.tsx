import { useEffect, useMemo, useRef, useState } from "react";
import { useActorRef, useSelector } from "@xstate/react";
import { Button, Details, InsetText, Tag, WarningText } from "@stalking-response/ui";
import { ScreeningWizard } from "@stalking-response/ui/screening";
import {
  currentView,
  screeningMachine,
  type ScreeningOutcome,
  type ScreeningView,
  type TaskId,
} from "@stalking-response/risk-screening";
import {
  exampleForceConfig,
  practiceFeedback,
  practiceInspector,
  practiceOfficer,
  practiceScenarios,
  practiceSupervisor,
  type PracticeScenario,
} from "@stalking-response/risk-screening/practice";
import type { LessonBlock, ModuleDetailResponse } from "../../shared/api";
import { useResource } from "../api/use-resource";
import { eventsToReach, pageAddress, practiceStore, taskOfAddress } from "../practice/step-address";
import { claimPageFocus, Link, navigate } from "../routing/router";
import type { Route } from "../routing/routes";
import { PageHeading, serviceName } from "../shell/page";
import { LoadingPage, ProblemPage } from "../shell/status-pages";
import { loadModule } from "../training/module-store";

type PracticeBlock = Extract<LessonBlock, { kind: "practice-screening" }>;

/**
 * Why the address was just corrected to the screening's own page, for that page to say: every address remounts
 * the page (the app keys pages by location), so the reason cannot be kept in the state of the page that found it.
 */
let refusal: { practice: string; at: string } | null = null;

/**
 * The practice screening of a lesson: the example screening tool run on an invented case, then the outcome
 * compared with what an expert would reach. It runs entirely in the browser: nothing typed here is sent to the
 * server, because nothing here is about a real person. Each page of the screening has its own address
 * (`…/practice-screening/<page>`), and the screening is kept in this tab's sessionStorage, so Back, Forward and
 * reload find the page and the answers again.
 */
export function PracticeScreeningPage({
  moduleId,
  lessonId,
  step,
}: {
  moduleId: string;
  lessonId: string;
  step?: string | undefined;
}) {
  const [module] = useResource(`module:${moduleId}`, () => loadModule(moduleId));
  if (module.state === "loading") return <LoadingPage />;
  if (module.state === "failed") return <ProblemPage problem={module.problem} />;
  const lesson = module.data.lessons.find((candidate) => candidate.id === lessonId);
  const block = lesson?.blocks.find((candidate): candidate is PracticeBlock => candidate.kind === "practice-screening");
  const scenario = practiceScenarios.find((candidate) => candidate.id === block?.scenarioId);
  if (!lesson || !block || !scenario) {
    return <ProblemPage problem={{ status: 404, title: "Page not found", fieldErrors: [] }} />;
  }
  return (
    <Practice
      key={`${module.data.id}:${lesson.id}:${scenario.id}`}
      module={module.data}
      lessonId={lesson.id}
      block={block}
      scenario={scenario}
      step={step}
    />
  );
}

type PracticeProps = {
  module: ModuleDetailResponse;
  lessonId: string;
  block: PracticeBlock;
  scenario: PracticeScenario;
  step: string | undefined;
};

function Practice(props: PracticeProps) {
  const { module, lessonId, scenario } = props;
  const store = useMemo(
    () => practiceStore(`practice-screening:${module.id}:${lessonId}:${scenario.id}`),
    [module.id, lessonId, scenario.id],
  );
  // A new run is a new actor: remounting by key throws the old one (and every answer in it) away.
  const [run, setRun] = useState(0);
  const restart = () => {
    store.forget();
    setRun((count) => count + 1);
  };
  return <Run key={run} {...props} store={store} onRestart={restart} />;
}

type RunProps = PracticeProps & { store: ReturnType<typeof practiceStore>; onRestart: () => void };

function Run({ module, lessonId, block, scenario, step, store, onRestart }: RunProps) {
  const [restored] = useState(() => store.read());
  const actorRef = useActorRef(
    screeningMachine,
    restored === undefined
      ? { input: { config: exampleForceConfig } }
      : { snapshot: restored, input: { config: exampleForceConfig } },
  );
  const snapshot = useSelector(actorRef, (state) => state);
  const view = useMemo(() => currentView(snapshot), [snapshot]);
  const openTask = taskOfAddress(view, step);
  const page = pageAddress(view, openTask);
  const practice = `${module.id}:${lessonId}:${scenario.id}`;
  // Read once: the notice belongs to the arrival on this address, not to what happens on the page afterwards.
  const [refused] = useState(() => refusal?.practice === practice && refusal.at === step);
  useEffect(() => {
    refusal = null;
  }, []);

  const addressOf = (at: string | null): Route =>
    at === null
      ? { name: "practice-screening", moduleId: module.id, lessonId }
      : { name: "practice-screening", moduleId: module.id, lessonId, step: at };

  // Every change is kept for this tab, so a reload restores the screening where it was.
  useEffect(() => {
    const subscription = actorRef.subscribe(() => store.keep(actorRef));
    return () => subscription.unsubscribe();
  }, [actorRef, store]);

  // The address and the screening follow each other. When the screening moves (Continue, the page's own Back
  // link, an action opened), the address follows as a new history entry. When the address moves (browser Back
  // or Forward, a reload, a typed address), the screening goes there the way a person could: back through its
  // own Back, or forward with the answers it holds; where it cannot, the address returns to the screening's page.
  // Every change of address remounts this page (the app keys pages by location), so this runs once per address.
  const last = useRef<{ step: string | undefined; page: string | null }>({ step, page });
  useEffect(() => {
    const before = last.current;
    last.current = { step, page };
    if (step === undefined) {
      // The briefing: pressing start moves the screening to its first page.
      if (page !== null && before.page !== page && before.step === step) navigate(addressOf(page));
      return;
    }
    // An in-app navigation (Continue, a link, browser Back or Forward) owes the new page its focus. When this
    // address is the screening's page, its heading takes focus here, as on any page (an error summary takes
    // focus itself). When the address has to be corrected, the correction is the new page: it carries the
    // claim, so focus lands on the heading of the page the person ends up on, not on the one thrown away.
    // After a full load (a reload or a typed address) nothing is owed: the browser starts at the skip link.
    const owed = claimPageFocus();
    if (step === page) {
      if (owed) focusHeading();
      return;
    }
    if (before.page !== page && before.step === step) {
      navigate(addressOf(page));
      return;
    }
    const target = step.startsWith("actions-") ? "actions" : step;
    const events = eventsToReach(actorRef.getSnapshot(), target, practiceOfficer);
    if (events !== null) {
      // The wizard moves focus to its new page's heading as the screening moves.
      for (const event of events) actorRef.send(event);
      const now = currentView(actorRef.getSnapshot());
      const reached = pageAddress(now, taskOfAddress(now, step));
      last.current = { step, page: reached };
      if (reached !== step) navigate(addressOf(reached), { replace: true, focus: owed });
      return;
    }
    // Browser Back to a page the screening has left behind by sending it for review: the page it is on says why.
    const sentBack = view.kind === "supervisorReview" || view.kind === "tasks" || view.kind === "outcome";
    const leftBehind = !step.startsWith("actions") || view.kind === "outcome";
    refusal = sentBack && leftBehind && page !== null ? { practice, at: page } : null;
    navigate(addressOf(page), { replace: true, focus: owed });
    // addressOf reads only ids that key this component.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, page, actorRef]);

  if (step === undefined) {
    return (
      <Briefing
        module={module}
        lessonId={lessonId}
        block={block}
        scenario={scenario}
        started={page !== null}
        onStart={() => {
          if (page === null) actorRef.send({ type: "screening.start", actor: practiceOfficer });
          else navigate(addressOf(page));
        }}
      />
    );
  }
  return (
    <Screening
      module={module}
      lessonId={lessonId}
      block={block}
      scenario={scenario}
      actorRef={actorRef}
      view={view}
      openTask={openTask}
      refused={refused}
      // Read the screening as it is now, not as it was drawn: saving the last action finishes the screening
      // before the wizard closes the action, and the address must then be the feedback's, not the actions'.
      onOpenTask={(task) => navigate(addressOf(pageAddress(currentView(actorRef.getSnapshot()), task)))}
      onRestart={() => {
        onRestart();
        navigate(addressOf(null));
      }}
    />
  );
}

function Briefing({
  module,
  lessonId,
  block,
  scenario,
  started,
  onStart,
}: {
  module: ModuleDetailResponse;
  lessonId: string;
  block: PracticeBlock;
  scenario: PracticeScenario;
  started: boolean;
  onStart: () => void;
}) {
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
          {started ? "Continue the practice screening" : "Start the practice screening"}
        </Button>
        <p className="govuk-body">
          <Link to={{ name: "lesson", moduleId: module.id, lessonId }}>Back to the lesson</Link>
        </p>
      </div>
    </div>
  );
}

type ScreeningProps = {
  module: ModuleDetailResponse;
  lessonId: string;
  block: PracticeBlock;
  scenario: PracticeScenario;
  actorRef: ReturnType<typeof useActorRef<typeof screeningMachine>>;
  view: ScreeningView;
  openTask: TaskId | null;
  refused: boolean;
  onOpenTask: (task: TaskId | null) => void;
  onRestart: () => void;
};

function Screening({
  module,
  lessonId,
  block,
  scenario,
  actorRef,
  view,
  openTask,
  refused,
  onOpenTask,
  onRestart,
}: ScreeningProps) {
  const snapshot = useSelector(actorRef, (state) => state);
  const container = useRef<HTMLDivElement>(null);
  const rejected = snapshot.context.lastRejection !== null;

  // Each step of the wizard is a page with its own h1; the tab title follows it, as a page load would.
  useEffect(() => {
    setPracticeTitle(container.current?.querySelector("h1")?.textContent ?? block.title, rejected);
  }, [snapshot, openTask, block.title, rejected]);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds" ref={container}>
        {refused && (
          <InsetText>
            The screening has been sent for review, so its earlier pages cannot be changed now. You are on its current
            page.
          </InsetText>
        )}
        <RoleNote view={view} />
        <ScreeningWizard
          actorRef={actorRef}
          user={actorFor(view)}
          title={block.title}
          openTask={openTask}
          onOpenTaskChange={onOpenTask}
        />
        {view.kind === "outcome" ? (
          <Feedback module={module} block={block} scenario={scenario} outcome={view.outcome} />
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

/** The lesson the curriculum names for an outcome field, as a link in the learner's words. */
function LessonLink({ module, block, field }: { module: ModuleDetailResponse; block: PracticeBlock; field: string }) {
  const link = block.lessons.find((candidate) => candidate.about === field);
  if (!link) return null;
  const moduleId = link.moduleId ?? module.id;
  const lesson =
    moduleId === module.id ? module.lessons.find((candidate) => candidate.id === link.lessonId) : undefined;
  return (
    <p className="govuk-body">
      <Link to={{ name: "lesson", moduleId, lessonId: link.lessonId }}>
        {lesson ? `Read the lesson “${lesson.title}” again` : "Read the lesson that teaches this again"}
      </Link>
    </p>
  );
}

function Feedback({
  module,
  block,
  scenario,
  outcome,
}: {
  module: ModuleDetailResponse;
  block: PracticeBlock;
  scenario: PracticeScenario;
  outcome: ScreeningOutcome;
}) {
  const feedback = practiceFeedback(scenario, outcome);
  return (
    <section aria-labelledby="practice-feedback" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-l" id="practice-feedback">
        How your screening compares
      </h2>
      {feedback.matches ? (
        <>
          <p className="govuk-body">
            <Tag colour="green">Matches the expected outcome</Tag>
          </p>
          <p className="govuk-body">
            Your screening reached the outcome an experienced officer and supervisor would reach on this case.
          </p>
        </>
      ) : null}
      {feedback.decisive ? (
        <>
          <h3 className="govuk-heading-m">The difference that matters most</h3>
          <p className="govuk-body govuk-!-font-weight-bold">{feedback.decisive.text}</p>
          {feedback.decisive.why === undefined ? null : <p className="govuk-body">Why: {feedback.decisive.why}</p>}
          <LessonLink module={module} block={block} field={feedback.decisive.field} />
        </>
      ) : null}
      {feedback.others.length > 0 ? (
        <>
          <h3 className="govuk-heading-m">
            {feedback.decisive ? "Other differences" : "Your decisions match; some details of the record differ"}
          </h3>
          <ul className="govuk-list govuk-list--bullet">
            {feedback.others.map((other) => (
              <li key={other.text}>{other.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="govuk-body-s">Case: {scenario.title}</p>
    </section>
  );
}

function FictionWarning() {
  return (
    <WarningText>
      This case is invented. Do not type in anything about a real person. Nothing in the practice screening is sent
      anywhere: it is kept in this browser tab only, until you close the tab or sign out.
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

/** The page's h1 takes focus (focusable by script only), as GOV.UK moves focus on a new page. */
function focusHeading() {
  if (document.querySelector(".govuk-error-summary")) return;
  const heading = document.querySelector<HTMLElement>("main h1");
  if (!heading) return;
  heading.setAttribute("tabindex", "-1");
  heading.classList.add("app-page-heading");
  heading.focus();
}

function setPracticeTitle(heading: string, hasErrors: boolean) {
  document.title = `${hasErrors ? "Error: " : ""}${heading} – Practice screening – ${serviceName}`;
}
