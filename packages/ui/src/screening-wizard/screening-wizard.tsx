import { useSelector } from "@xstate/react";
import {
  currentView,
  type Actor,
  type Answers,
  type Incident,
  type Rejection,
  type RejectionIssue,
  type ScreeningEvent,
  type ScreeningMachine,
  type ScreeningView,
  type TaskId,
} from "@stalking-response/risk-screening";
import { useEffect, useMemo, useRef, useState, type ComponentPropsWithRef } from "react";
import type { ActorRefFrom } from "xstate";
import { BackLink } from "../back-link/back-link";
import { ErrorSummary } from "../error-summary/error-summary";
import { classNames } from "../internal/class-names";
import { fieldId } from "./question-field";
import {
  CheckAnswersPage,
  IncidentsPage,
  NewInformation,
  OutcomeSummary,
  QuestionsPage,
  StartPage,
  SupervisorReviewPage,
  TasksPage,
} from "./screening-pages";

/** A running screening: the actor a host creates with `useActorRef(screeningMachine, { input })`. */
export type ScreeningActorRef = ActorRefFrom<ScreeningMachine>;

/** Props for {@link ScreeningWizard}. */
export interface ScreeningWizardProps extends Omit<ComponentPropsWithRef<"div">, "children"> {
  /** The screening to show and drive. The host owns it, provides its effects and persists it. */
  readonly actorRef: ScreeningActorRef;
  /** The person using the screen; sent with every event so the audit trail and role checks see them. */
  readonly user: Actor;
  /** The start page's heading. */
  readonly title?: string | undefined;
  /**
   * The action open on the actions page, for a host that gives each page its own address (with
   * `onOpenTaskChange`); leave both out and the wizard keeps it itself.
   */
  readonly openTask?: TaskId | null | undefined;
  /** Called when a task link or "Back to actions" opens or closes an action (see `openTask`). */
  readonly onOpenTaskChange?: ((task: TaskId | null) => void) | undefined;
}

type OmitActor<E> = E extends unknown ? Omit<E, "actor"> : never;

/** Where an error summary link should go for a rejection's issue, if the field is on the page. */
function issueHref(view: ScreeningView, openTask: string | null, issue: RejectionIssue): string | undefined {
  const questions =
    view.kind === "questions"
      ? view.questions
      : view.kind === "incidents"
        ? view.incidentQuestions
        : view.kind === "tasks"
          ? (view.tasks.find((task) => task.id === openTask)?.questions ?? [])
          : [];
  const question = questions.find((q) => issue.field === q.id || issue.field.endsWith(`.${q.id}`));
  if (question) return `#${fieldId(question)}`;
  if (view.kind === "supervisorReview") {
    const ids: Record<string, string> = {
      reason: "screening-reason",
      classification: "screening-classification",
      to: "screening-return-to",
    };
    const id = ids[issue.field];
    return id === undefined ? undefined : `#${id}`;
  }
  return undefined;
}

/** A key that changes whenever a different page is on screen. */
function pageKey(view: ScreeningView, openTask: string | null): string {
  switch (view.kind) {
    case "questions":
      return `questions:${view.step}:${view.progress?.current ?? 0}`;
    case "tasks":
      return `tasks:${openTask ?? ""}`;
    default:
      return view.kind;
  }
}

function RejectionSummary({
  rejection,
  view,
  openTask,
}: {
  rejection: Rejection;
  view: ScreeningView;
  openTask: string | null;
}) {
  const errors = rejection.issues.map((issue) => ({ text: issue.message, href: issueHref(view, openTask, issue) }));
  return <ErrorSummary description={errors.length === 0 ? rejection.reason : undefined} errors={errors} />;
}

/**
 * The stalking screening as GOV.UK pages, bound to a running `@stalking-response/risk-screening`
 * actor with `@xstate/react`: a start page, one step per page with a Back link, the incidents of
 * the course of conduct, check your answers with Change links, the supervisor's review, the
 * actions task list and the outcome with every required action and the recommendation it
 * answers. The machine is the only judge of answers: when it rejects an event, its reasons appear
 * in an error summary and beside each field. Focus moves to each new page's heading.
 *
 * @example
 * const actorRef = useActorRef(screeningMachine, { input: { config } });
 * <ScreeningWizard actorRef={actorRef} user={{ id: "officer-17", role: "officer" }} />
 */
export function ScreeningWizard({
  actorRef,
  user,
  title = "Stalking and harassment screening",
  openTask: controlledTask,
  onOpenTaskChange,
  className,
  ref,
  ...rest
}: ScreeningWizardProps) {
  const snapshot = useSelector(actorRef, (state) => state);
  const view = useMemo(() => currentView(snapshot), [snapshot]);
  const rejection = snapshot.context.lastRejection;
  const issues = rejection?.issues ?? [];
  const [ownTask, setOwnTask] = useState<string | null>(null);
  const controlled = controlledTask !== undefined;
  const openTask: string | null = controlled ? controlledTask : ownTask;
  const setOpenTask = (task: string | null) => {
    if (!controlled) setOwnTask(task);
    onOpenTaskChange?.(task as TaskId | null);
  };
  const root = useRef<HTMLDivElement>(null);
  const key = pageKey(view, openTask);
  const lastKey = useRef(key);

  useEffect(() => {
    if (lastKey.current === key) return;
    lastKey.current = key;
    // A new page in a single-page app is announced by moving focus to its heading (unless an
    // error summary has already taken focus to announce a problem).
    if (snapshot.context.lastRejection === null) {
      // A lone question's legend is the <h1> and is rendered by Radios and friends, so the
      // heading is made focusable here rather than through each field's props.
      const heading = root.current?.querySelector<HTMLElement>("h1");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    }
  }, [key, snapshot]);

  const send = (event: OmitActor<ScreeningEvent>) => {
    actorRef.send({ ...event, actor: user });
    return actorRef.getSnapshot().context.lastRejection === null;
  };

  const sendIncident = (answers: Answers) => {
    const { date, behaviours, summary } = answers;
    return send({
      type: "incident.add",
      incident: {
        date: typeof date === "string" ? date : "",
        // The machine checks each behaviour against the options and rejects unknown ones by field.
        behaviours: Array.isArray(behaviours) ? (behaviours as Incident["behaviours"]) : [],
        ...(typeof summary === "string" ? { summary } : {}),
      },
    });
  };

  const config = snapshot.context.config;
  const instruments = [config.instruments.stalking, config.instruments.domesticAbuse].filter(
    (instrument) => instrument !== undefined,
  );
  const exampleInstrument = (titleOf?: string) =>
    instruments.some((instrument) => instrument.example && (titleOf === undefined || instrument.title === titleOf));
  const canGoBack =
    (view.kind === "questions" && view.canGoBack) || view.kind === "incidents" || view.kind === "checkAnswers";

  let page;
  switch (view.kind) {
    case "start":
      page = (
        <StartPage
          title={title}
          forceName={config.forceName}
          exampleInstrument={exampleInstrument()}
          onStart={() => send({ type: "screening.start" })}
        />
      );
      break;
    case "questions":
      page = (
        <QuestionsPage
          key={key}
          view={view}
          issues={issues}
          exampleInstrument={exampleInstrument(view.progress?.instrumentTitle)}
          onSubmit={(answers: Answers) => send({ type: "answer.submit", answers })}
        />
      );
      break;
    case "incidents":
      page = (
        <IncidentsPage
          view={view}
          issues={issues}
          onAdd={sendIncident}
          onRemove={(index) => send({ type: "incident.remove", index })}
          onContinue={() => send({ type: "answer.submit", answers: {} })}
        />
      );
      break;
    case "checkAnswers":
      page = (
        <CheckAnswersPage
          view={view}
          onEdit={(step) =>
            send({ type: "step.edit", step: step as Extract<ScreeningEvent, { type: "step.edit" }>["step"] })
          }
          onSubmit={() => send({ type: "screening.submit" })}
        />
      );
      break;
    case "supervisorReview":
      page = <SupervisorReviewPage view={view} issues={issues} onDecide={(decision) => send(decision)} />;
      break;
    case "tasks":
      page = (
        <TasksPage
          view={view}
          issues={issues}
          openTask={openTask}
          onOpen={setOpenTask}
          onClose={() => setOpenTask(null)}
          onSubmit={(task, answers) => {
            if (send({ type: "task.submit", task, answers })) setOpenTask(null);
          }}
        />
      );
      break;
    case "outcome":
      page = <OutcomeSummary outcome={view.outcome} />;
      break;
  }

  return (
    <div
      ref={(node) => {
        root.current = node;
        if (typeof ref === "function") return ref(node);
        if (ref) ref.current = node;
      }}
      className={classNames("srt-screening", className)}
      {...rest}
    >
      {canGoBack && (
        <BackLink
          href="#back"
          onClick={(event) => {
            event.preventDefault();
            send({ type: "step.back" });
          }}
        />
      )}
      {rejection && <RejectionSummary key={rejection.at} rejection={rejection} view={view} openTask={openTask} />}
      {page}
      {(view.kind === "checkAnswers" ||
        view.kind === "supervisorReview" ||
        (view.kind === "tasks" && openTask === null)) && (
        <NewInformation
          issues={issues}
          onIncident={(answers) => sendIncident(answers)}
          onBreach={(note) => send(note.trim() === "" ? { type: "breach.report" } : { type: "breach.report", note })}
        />
      )}
    </div>
  );
}
