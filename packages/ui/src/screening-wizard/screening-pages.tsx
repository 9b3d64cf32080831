import { findRecommendation } from "@stalking-response/recommendations";
import {
  classificationLabels,
  formatAnswer,
  incidentQuestions,
  type Answers,
  type Classification,
  type RejectionIssue,
  type RequiredAction,
  type ScreeningOutcome,
  type ScreeningView,
  type TaskView,
} from "@stalking-response/risk-screening";
import { useState, type FormEvent, type MouseEvent, type ReactNode } from "react";
import { BackLink } from "../back-link/back-link";
import { Button } from "../button/button";
import { formatCalendarDate } from "../internal/dates";
import { Details } from "../details/details";
import { ErrorSummary } from "../error-summary/error-summary";
import { InsetText } from "../inset-text/inset-text";
import { Panel } from "../panel/panel";
import { Radios } from "../radios/radios";
import { SummaryList } from "../summary-list/summary-list";
import { Table } from "../table/table";
import { Tag } from "../tag/tag";
import { TaskList } from "../task-list/task-list";
import { Textarea } from "../textarea/textarea";
import { issueFor, QuestionForm } from "./question-form";

type View<K extends ScreeningView["kind"]> = Extract<ScreeningView, { kind: K }>;

/** The page's `<h1>`; it takes focus when the page changes so screen readers announce the new page. */
export function PageHeading({ caption, children }: { caption?: ReactNode; children: ReactNode }) {
  return (
    <h1 className="govuk-heading-l" tabIndex={-1}>
      {caption !== undefined && <span className="govuk-caption-l">{caption}</span>}
      {children}
    </h1>
  );
}

/** Intercepts a link's click so a "Change" or task link sends an event instead of navigating. */
function onHashLink(prefix: string, handle: (value: string) => void) {
  return (event: MouseEvent<HTMLElement>) => {
    const link = (event.target as HTMLElement).closest("a");
    const href = link?.getAttribute("href") ?? "";
    if (!href.startsWith(`#${prefix}`)) return;
    event.preventDefault();
    handle(href.slice(prefix.length + 1));
  };
}

/** The first page: what the screening is, and the button that starts it. */
export function StartPage({
  title,
  forceName,
  exampleInstrument,
  onStart,
}: {
  title: string;
  forceName: string;
  exampleInstrument: boolean;
  onStart: () => void;
}) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="govuk-body">
        Use this to identify stalking, screen the risk and record the actions that follow, for {forceName}. It takes you
        through one question at a time; you can check and change your answers before a supervisor reviews them.
      </p>
      {exampleInstrument && <InsetText>The risk questions are an example instrument, not an official tool.</InsetText>}
      <Button type="button" isStartButton onClick={onStart}>
        Start screening
      </Button>
    </>
  );
}

/** A step of questions (one question is the page heading; several share the step title). */
export function QuestionsPage({
  view,
  issues,
  exampleInstrument,
  onSubmit,
}: {
  view: View<"questions">;
  issues: readonly RejectionIssue[];
  exampleInstrument: boolean;
  onSubmit: (answers: Answers) => void;
}) {
  const progress = view.progress;
  const caption = progress
    ? `${progress.instrumentTitle}: question ${progress.current} of ${progress.total}`
    : view.title;
  const lone = view.questions.length === 1;
  return (
    <>
      {!lone && <PageHeading>{view.title}</PageHeading>}
      {view.description !== undefined && <p className="govuk-body">{view.description}</p>}
      {progress && exampleInstrument && (
        <p className="govuk-body-s">These questions are an example instrument, not an official tool.</p>
      )}
      {view.notes.length > 0 && (
        <InsetText>
          {view.notes.map((note) => (
            <p key={note} className="govuk-body">
              {note}
            </p>
          ))}
        </InsetText>
      )}
      <QuestionForm
        questions={view.questions}
        issues={issues}
        submitLabel="Continue"
        onSubmit={onSubmit}
        loneQuestionIsHeading={lone}
        caption={<span className="govuk-caption-l">{caption}</span>}
      />
    </>
  );
}

const behavioursQuestion = incidentQuestions.find((question) => question.id === "behaviours");

/** The incidents of the course of conduct: the list so far, a form to add one, and Continue. */
export function IncidentsPage({
  view,
  issues,
  onAdd,
  onRemove,
  onContinue,
}: {
  view: View<"incidents">;
  issues: readonly RejectionIssue[];
  onAdd: (answers: Answers) => void;
  onRemove: (index: number) => void;
  onContinue: () => void;
}) {
  const [formKey, setFormKey] = useState(0);
  const count = view.incidents.length;
  return (
    <>
      <PageHeading>{view.title}</PageHeading>
      {view.description !== undefined && <p className="govuk-body">{view.description}</p>}
      <h2 className="govuk-heading-m">{count === 0 ? "No incidents added yet" : `Incidents added: ${count}`}</h2>
      {count > 0 && (
        <SummaryList
          rows={view.incidents.map((incident, index) => ({
            key: `Incident ${index + 1}: ${formatCalendarDate(incident.date) ?? incident.date}`,
            value: (
              <>
                {behavioursQuestion
                  ? formatAnswer(behavioursQuestion, incident.behaviours)
                  : incident.behaviours.join(", ")}
                {incident.summary !== undefined && <p className="govuk-body-s">{incident.summary}</p>}
              </>
            ),
          }))}
        />
      )}
      {count > 0 && (
        <div className="govuk-button-group">
          {view.incidents.map((incident, index) => (
            <Button key={`${incident.date}-${index}`} type="button" variant="secondary" onClick={() => onRemove(index)}>
              Remove incident {index + 1}
            </Button>
          ))}
        </div>
      )}
      <h2 className="govuk-heading-m">Add an incident</h2>
      <QuestionForm
        // A fresh form after each add, so the next incident starts empty.
        key={formKey}
        questions={incidentQuestions}
        issues={issues}
        submitLabel="Add incident"
        onSubmit={(answers) => {
          onAdd(answers);
          setFormKey((key) => key + 1);
        }}
      />
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onContinue();
        }}
      >
        <Button>Continue</Button>
      </form>
    </>
  );
}

/** Check your answers: every answer by section, with Change links where the step can be changed. */
export function CheckAnswersPage({
  view,
  onEdit,
  onSubmit,
}: {
  view: View<"checkAnswers">;
  onEdit: (step: string) => void;
  onSubmit: () => void;
}) {
  return (
    <>
      <PageHeading>{view.title}</PageHeading>
      {view.sections.map((section) => (
        <SummaryList
          key={section.step}
          // Change links send `step.edit`; they stay real links, so Enter and assistive tech work as usual.
          onClick={onHashLink("change-", onEdit)}
          card={{ title: section.title, headingLevel: 2 }}
          rows={section.rows.map((row) => ({
            key: row.question,
            value: row.answer,
            actions:
              section.changeStep === undefined
                ? undefined
                : [{ href: `#change-${section.changeStep}`, text: "Change", visuallyHiddenText: row.question }],
          }))}
        />
      ))}
      <h2 className="govuk-heading-m">Send for supervisor review</h2>
      <p className="govuk-body">A supervisor checks the screening before the actions are recorded.</p>
      <Button type="button" onClick={onSubmit}>
        Send for review
      </Button>
    </>
  );
}

const decisionItems = [
  { value: "approve", label: "Approve" },
  { value: "reclassify", label: "Change the classification" },
  { value: "return", label: "Return it to the officer" },
];
const returnTargets = [
  { value: "identification", label: "Identifying stalking" },
  { value: "risk", label: "Risk questions" },
  { value: "grading", label: "Risk grade" },
];

/** A supervisor's decision on a screening, sent as one event. */
export type SupervisorDecision =
  | { type: "supervisor.approve"; reason?: string }
  | { type: "supervisor.reclassify"; classification: Classification; reason: string }
  | { type: "supervisor.return"; to: "identification" | "risk" | "grading"; reason: string };

/** The supervisor's review: what the officer found, and approve, reclassify or return. */
export function SupervisorReviewPage({
  view,
  issues,
  onDecide,
}: {
  view: View<"supervisorReview">;
  issues: readonly RejectionIssue[];
  onDecide: (decision: SupervisorDecision) => void;
}) {
  const [decision, setDecision] = useState<string | null>(null);
  const [classification, setClassification] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  // Counts refused submits without a decision, so the error summary takes focus again on each one.
  const [missing, setMissing] = useState(0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decision === "approve") {
      onDecide(reason.trim() === "" ? { type: "supervisor.approve" } : { type: "supervisor.approve", reason });
    } else if (decision === "reclassify") {
      onDecide({ type: "supervisor.reclassify", classification: (classification ?? "") as Classification, reason });
    } else if (decision === "return") {
      onDecide({ type: "supervisor.return", to: (target ?? "") as "identification", reason });
    } else {
      setMissing((count) => count + 1);
    }
  };
  return (
    <>
      {missing > 0 && (
        // Nothing was sent, so the machine has no rejection to show: the page shows its own summary, at the
        // top as on every other step, linking to the first decision.
        <ErrorSummary key={missing} errors={[{ text: "Select your decision", href: "#screening-decision" }]} />
      )}
      <PageHeading>{view.title}</PageHeading>
      <SummaryList
        rows={[
          { key: "Classification", value: classificationLabels[view.classification] },
          { key: "Legal basis", value: view.legalBasis },
          { key: "Proposed grade", value: capitalise(view.proposedGrade) },
          { key: "Officer's grade", value: capitalise(view.grade) },
        ]}
      />
      {view.gradeLowered && (
        <InsetText>The officer set a grade below the proposed one. Give a reason if you approve it.</InsetText>
      )}
      {view.reclassification && (
        <InsetText>
          Recorded as {view.reclassification.fromLabel}: {view.reclassification.reason}
        </InsetText>
      )}
      {view.sections.map((section) => (
        <SummaryList
          key={section.step}
          card={{ title: section.title, headingLevel: 2 }}
          rows={section.rows.map((row) => ({ key: row.question, value: row.answer }))}
        />
      ))}
      <form noValidate onSubmit={submit}>
        <Radios
          name="screening-decision"
          idPrefix="screening-decision"
          legend="Your decision"
          legendClassName="govuk-fieldset__legend--m"
          items={decisionItems.map((item) => ({
            ...item,
            conditional:
              item.value === "reclassify" ? (
                <Radios
                  name="screening-classification"
                  idPrefix="screening-classification"
                  legend="New classification"
                  legendClassName="govuk-fieldset__legend--s"
                  items={Object.entries(classificationLabels).map(([value, label]) => ({ value, label }))}
                  value={classification}
                  onChange={setClassification}
                  errorMessage={issueFor(issues, "classification")}
                />
              ) : item.value === "return" ? (
                <Radios
                  name="screening-return-to"
                  idPrefix="screening-return-to"
                  legend="Which part needs work?"
                  legendClassName="govuk-fieldset__legend--s"
                  items={returnTargets}
                  value={target}
                  onChange={setTarget}
                  errorMessage={issueFor(issues, "to")}
                />
              ) : undefined,
          }))}
          value={decision}
          onChange={(value) => {
            setDecision(value);
            setMissing(0);
          }}
          errorMessage={missing > 0 ? "Select your decision" : undefined}
        />
        <Textarea
          id="screening-reason"
          name="reason"
          label="Your reasons"
          hint={
            view.gradeLowered
              ? "Needed to approve the lower grade, to change the classification or to return the screening."
              : "Needed to change the classification or to return the screening; optional when you approve."
          }
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          errorMessage={issueFor(issues, "reason")}
        />
        <Button>Confirm decision</Button>
      </form>
    </>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function taskStatus(task: TaskView): { status: ReactNode; statusClassName?: string } {
  switch (task.status) {
    case "completed":
      return { status: "Completed" };
    case "notStarted":
      return { status: <Tag colour="blue">Not started</Tag> };
    case "cannotStartYet":
      return { status: "Cannot start yet", statusClassName: "govuk-task-list__status--cannot-start-yet" };
  }
}

const answersRecommendations = (ids: readonly string[]) =>
  `Answers recommendation${ids.length === 1 ? "" : "s"} ${ids.join(", ")}`;

/** The actions task list, or the open task's questions. */
export function TasksPage({
  view,
  issues,
  openTask,
  onOpen,
  onClose,
  onSubmit,
}: {
  view: View<"tasks">;
  issues: readonly RejectionIssue[];
  openTask: string | null;
  onOpen: (task: string) => void;
  onClose: () => void;
  onSubmit: (task: TaskView["id"], answers: Answers) => void;
}) {
  const task = view.tasks.find((candidate) => candidate.id === openTask);
  if (task) {
    return (
      <>
        <BackLink
          href="#tasks"
          onClick={(event) => {
            event.preventDefault();
            onClose();
          }}
        >
          Back to actions
        </BackLink>
        <PageHeading caption={view.title}>{task.title}</PageHeading>
        <p className="govuk-body-s">{answersRecommendations(task.recommendations)}</p>
        <QuestionForm
          key={task.id}
          questions={task.questions}
          issues={issues}
          submitLabel="Save and return to actions"
          onSubmit={(answers) => onSubmit(task.id, answers)}
        />
      </>
    );
  }
  const done = view.tasks.filter((candidate) => candidate.status === "completed").length;
  return (
    <>
      <PageHeading>{view.title}</PageHeading>
      <p className="govuk-body">
        You have completed {done} of {view.tasks.length} actions.
      </p>
      <TaskList
        // Task links open the task in place rather than navigate.
        onClick={onHashLink("task-", onOpen)}
        idPrefix="screening-task"
        items={view.tasks.map((candidate) => ({
          title: candidate.title,
          ...(candidate.status === "cannotStartYet" ? {} : { href: `#task-${candidate.id}` }),
          hint: answersRecommendations(candidate.recommendations),
          ...taskStatus(candidate),
        }))}
      />
    </>
  );
}

function recommendationText(id: string): string {
  const recommendation = findRecommendation(id);
  return recommendation?.confirmed ? `${id}: ${recommendation.title}` : id;
}

function ActionsTable({ actions }: { actions: readonly RequiredAction[] }) {
  return (
    <Table
      caption="Required actions and the recommendations they answer"
      captionClassName="govuk-table__caption--m"
      head={[{ content: "Action" }, { content: "Status" }, { content: "Answers recommendation" }]}
      firstCellIsHeader
      rowKeys={actions.map((action) => action.id)}
      rows={actions.map((action) => [
        {
          content: (
            <>
              {action.label}
              {action.detail !== undefined && (
                <span className="govuk-body-s srt-screening__detail">{action.detail}</span>
              )}
            </>
          ),
        },
        { content: action.done ? "Done" : <Tag colour="orange">To do</Tag> },
        {
          content: (
            <ul className="govuk-list">
              {action.recommendations.map((id) => (
                <li key={id}>{recommendationText(id)}</li>
              ))}
            </ul>
          ),
        },
      ])}
    />
  );
}

/** The end of the screening: the emergency instruction, or the outcome and its required actions. */
export function OutcomeSummary({ outcome }: { outcome: ScreeningOutcome }) {
  if (outcome.status === "emergency") {
    return (
      <>
        <Panel title="Dispatch an emergency response now" className="govuk-panel--interruption">
          Someone is in immediate danger, so the screening stopped.
        </Panel>
        <ActionsTable actions={outcome.requiredActions} />
      </>
    );
  }
  const gradeText = capitalise(outcome.grade);
  return (
    <>
      <Panel title="Screening complete">
        {classificationLabels[outcome.classification]}
        <br />
        Risk grade: <strong>{gradeText}</strong>
      </Panel>
      {outcome.instrument.example && (
        <InsetText>The risk questions used were an example instrument, not an official tool.</InsetText>
      )}
      <SummaryList
        rows={[
          { key: "Force", value: outcome.forceName },
          { key: "Legal basis", value: outcome.legalBasis },
          { key: "Proposed grade", value: capitalise(outcome.proposedGrade) },
          { key: "Risk grade", value: gradeText },
          { key: "Why this grade", value: outcome.gradeRationale },
          { key: "Allocated to", value: outcome.allocation },
          { key: "Incidents", value: String(outcome.incidentCount) },
        ]}
      />
      <ActionsTable actions={outcome.requiredActions} />
    </>
  );
}

/**
 * New information after the questions are done: stalking is a course of conduct, so a new incident
 * or a breach of an order reopens the screening (the machine decides where it resumes).
 */
export function NewInformation({
  issues,
  onIncident,
  onBreach,
}: {
  issues: readonly RejectionIssue[];
  onIncident: (answers: Answers) => void;
  onBreach: (note: string) => void;
}) {
  const [note, setNote] = useState("");
  return (
    <Details summary="Report new information" className="srt-screening__new-information">
      <h2 className="govuk-heading-m">A new incident</h2>
      <p className="govuk-body">
        Adding an incident takes the screening back to the incidents so the risk is looked at again.
      </p>
      <QuestionForm
        questions={incidentQuestions}
        issues={issues}
        submitLabel="Add incident and review"
        onSubmit={onIncident}
      />
      <h2 className="govuk-heading-m">A breach of an order</h2>
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onBreach(note);
        }}
      >
        <Textarea
          id="screening-breach-note"
          name="breach-note"
          label="What happened? (optional)"
          hint="A breach is treated as heightened risk and the screening goes back to the breach questions."
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <Button variant="warning">Report a breach</Button>
      </form>
    </Details>
  );
}
