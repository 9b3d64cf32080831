import type { RecommendationId } from "@stalking-response/recommendations";
import type { RejectionIssue, ScreeningContext } from "./context";
import type { QuestionStepId, StepId, TaskId } from "./questions";
import { incidentQuestions, questionStepOrder, recordingOptions, steps, taskOrder, tasks } from "./questions";
import {
  actionRecommendations,
  classify,
  gradeProposal,
  instrumentQuestionAsQuestion,
  legalBasis,
  proposedGrade,
  proposedReclassification,
  recommendedRecording,
  requiredActions,
  safeguardingPlan,
  selectedInstrument,
  taskRequired,
} from "./rules";
import type { AnswerValue, Answers, Classification, Grade, Incident, Question, ScreeningOutcome } from "./schemas";
import { editableSteps, questionsForStep, taskAvailable, taskQuestions } from "./validate";

/**
 * The parts of an xstate snapshot the selectors read. Any snapshot of a screening machine (provided or
 * not) fits, so UIs can pass `useSelector`'s snapshot straight in.
 */
export interface ScreeningSnapshotLike {
  readonly status: string;
  readonly context: ScreeningContext;
  readonly output?: ScreeningOutcome | undefined;
}

/** A question ready to render: its data plus the answer given so far (to prefill the form). */
export type QuestionView = Question & { readonly value?: AnswerValue };

/** A task on the actions task list. */
export interface TaskView {
  readonly id: TaskId;
  readonly title: string;
  readonly status: "completed" | "notStarted" | "cannotStartYet";
  readonly questions: readonly QuestionView[];
  /** The recommendation(s) of the 2024 report this task answers. */
  readonly recommendations: readonly RecommendationId[];
}

/** One row of a check-answers summary list. */
export interface AnswerRow {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
}

/** A group of answered questions, with the step a "Change" link sends (`step.edit`), when it can be changed. */
export interface AnswerSection {
  readonly step: StepId;
  readonly title: string;
  readonly rows: readonly AnswerRow[];
  readonly changeStep?: StepId;
}

/** The page to show now. Each kind names the events the page sends. */
export type ScreeningView =
  | { readonly kind: "start"; readonly startEvent: "screening.start" }
  | {
      readonly kind: "questions";
      readonly step: QuestionStepId;
      readonly title: string;
      readonly description?: string;
      readonly questions: readonly QuestionView[];
      /** Facts the page should show above the questions (e.g. why a high grade is proposed). */
      readonly notes: readonly string[];
      /** For the instrument step: which question of how many. */
      readonly progress?: { readonly current: number; readonly total: number; readonly instrumentTitle: string };
      readonly canGoBack: boolean;
      readonly submitEvent: "answer.submit";
      readonly backEvent: "step.back";
    }
  | {
      readonly kind: "incidents";
      readonly step: "incidents";
      readonly title: string;
      readonly description?: string;
      readonly incidents: readonly Incident[];
      readonly incidentQuestions: readonly Question[];
      readonly addEvent: "incident.add";
      readonly removeEvent: "incident.remove";
      readonly submitEvent: "answer.submit";
      readonly backEvent: "step.back";
      readonly canGoBack: true;
    }
  | {
      readonly kind: "checkAnswers";
      readonly step: "checkAnswers";
      readonly title: string;
      readonly sections: readonly AnswerSection[];
      readonly submitEvent: "screening.submit";
      readonly editEvent: "step.edit";
      readonly backEvent: "step.back";
    }
  | {
      readonly kind: "supervisorReview";
      readonly step: "supervisorReview";
      readonly title: string;
      readonly sections: readonly AnswerSection[];
      readonly classification: Classification;
      readonly legalBasis: string;
      readonly proposedGrade: Grade;
      readonly grade: Grade;
      /** True when the officer went below the proposed grade: approval needs a reason. */
      readonly gradeLowered: boolean;
      /** `from` is the code of what the report was first recorded as; `fromLabel` is its words, for display. */
      readonly reclassification: { readonly from: string; readonly fromLabel: string; readonly reason: string } | null;
      readonly events: readonly ["supervisor.approve", "supervisor.reclassify", "supervisor.return"];
    }
  | {
      readonly kind: "tasks";
      readonly step: "tasks";
      readonly title: string;
      readonly tasks: readonly TaskView[];
      readonly submitEvent: "task.submit";
    }
  | { readonly kind: "outcome"; readonly outcome: ScreeningOutcome };

function withValues(questions: readonly Question[], answers: Answers): QuestionView[] {
  return questions.map((q) => {
    const value = answers[q.id];
    return value === undefined ? q : { ...q, value };
  });
}

function taskAnswers(context: ScreeningContext, task: TaskId): Answers {
  const recorded = context.taskRecords[task]?.answers;
  if (recorded) return recorded;
  if (task === "recording") {
    // Prefill the recommended recording so the officer confirms or changes it.
    const { principal, included } = recommendedRecording(context);
    return { principal, included: included.length ? included : ["none"] };
  }
  return {};
}

// GOV.UK style dates ("5 January 2026"); UTC so the calendar date never shifts with the host's zone.
const govukDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Formats an answer for a summary list: option labels, "Not known", GOV.UK dates ("5 January 2026"). */
export function formatAnswer(question: Question, value: AnswerValue | undefined): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0) || value === "") return "Not answered";
  const labelOf = (v: string) => question.options?.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map(labelOf).join(", ");
  if (typeof value === "number") return String(value);
  switch (question.kind) {
    case "yesNo":
    case "yesNoNotKnown":
      return value === "yes" ? "Yes" : value === "no" ? "No" : value === "notKnown" ? "Not known" : value;
    case "date": {
      const date = new Date(`${value}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? value : govukDate.format(date);
    }
    case "singleChoice":
    case "multipleChoice":
      return labelOf(value);
    default:
      return value;
  }
}

function section(context: ScreeningContext, step: StepId, editable: ReadonlySet<StepId>): AnswerSection | undefined {
  let rows: AnswerRow[];
  if (step === "incidents") {
    const behaviour = incidentQuestions.find((q) => q.id === "behaviours");
    rows = context.incidents.map((incident, i) => ({
      id: `incident-${i + 1}`,
      question: `Incident ${i + 1}: ${formatAnswer(incidentQuestions[0] as Question, incident.date)}`,
      answer: behaviour ? formatAnswer(behaviour, incident.behaviours) : incident.behaviours.join(", "),
    }));
  } else if (step === "instrument") {
    rows = selectedInstrument(context)
      .questions.filter((q) => context.instrumentAnswers[q.id] !== undefined)
      .map((q) => ({
        id: q.id,
        question: q.prompt,
        answer: formatAnswer(instrumentQuestionAsQuestion(q), context.instrumentAnswers[q.id]),
      }));
  } else {
    rows = steps[step].questions
      .filter((q) => context.answers[q.id] !== undefined)
      .map((q) => ({ id: q.id, question: q.prompt, answer: formatAnswer(q, context.answers[q.id]) }));
  }
  if (rows.length === 0) return undefined;
  const title = step === "instrument" ? selectedInstrument(context).title : steps[step].title;
  return editable.has(step) ? { step, title, rows, changeStep: step } : { step, title, rows };
}

/** Every answer so far, grouped by step in the order asked: the check-answers and review pages. */
export function answerSummary(context: ScreeningContext): AnswerSection[] {
  const editable = new Set(editableSteps(context));
  return questionStepOrder
    .filter((step) => step !== "notStalkingReason" || context.classification === "harassment")
    .map((step) => section(context, step, editable))
    .filter((s): s is AnswerSection => s !== undefined);
}

/**
 * The last rejection's issues keyed by field, for inline error messages beside each question. The
 * rejection itself, with its `reason` for an error summary, is `snapshot.context.lastRejection`.
 */
export function rejectionByField(snapshot: ScreeningSnapshotLike): Readonly<Record<string, string>> {
  const byField: Record<string, string> = {};
  for (const issue of snapshot.context.lastRejection?.issues ?? ([] as readonly RejectionIssue[])) {
    byField[issue.field] ??= issue.message;
  }
  return byField;
}

function labelOf(value: string): string {
  return recordingOptions.find((o) => o.value === value)?.label ?? value;
}

/** Labels for classifications, for headings and summaries (the recording wording, one source). */
export const classificationLabels: Readonly<Record<Classification, string>> = {
  stalkingS4A: labelOf("stalkingS4A"),
  stalkingS2A: labelOf("stalkingS2A"),
  harassment: labelOf("harassment"),
  singleIncident: "A single incident: link future reports",
};

const reportedAsOptions = steps.reportedAs.questions.find((q) => q.id === "reportedAs")?.options ?? [];

/** What a report was first recorded as, in words: a "recorded as" option, or a classification a supervisor changed. */
function recordedAsLabel(value: string): string {
  return (
    reportedAsOptions.find((o) => o.value === value)?.label ??
    classificationLabels[value as Classification] ??
    labelOf(value)
  );
}

function withLabel(found: { from: string; reason: string } | null) {
  return found === null ? null : { ...found, fromLabel: recordedAsLabel(found.from) };
}

/**
 * The page to show for a snapshot: which questions to ask (with answers so far), which events the page
 * sends, and the data a check-answers, review, task-list or outcome page needs. Pure: call it on every
 * snapshot.
 */
export function currentView(snapshot: ScreeningSnapshotLike): ScreeningView {
  const { context } = snapshot;
  if (snapshot.status === "done" && snapshot.output) return { kind: "outcome", outcome: snapshot.output };
  const step = context.step;
  if (step === null) return { kind: "start", startEvent: "screening.start" };
  const definition = steps[step];
  const described = definition.description === undefined ? {} : { description: definition.description };
  switch (step) {
    case "incidents":
      return {
        kind: "incidents",
        step,
        title: definition.title,
        ...described,
        incidents: context.incidents,
        incidentQuestions,
        addEvent: "incident.add",
        removeEvent: "incident.remove",
        submitEvent: "answer.submit",
        backEvent: "step.back",
        canGoBack: true,
      };
    case "checkAnswers":
      return {
        kind: "checkAnswers",
        step,
        title: definition.title,
        sections: answerSummary(context),
        submitEvent: "screening.submit",
        editEvent: "step.edit",
        backEvent: "step.back",
      };
    case "supervisorReview": {
      const classification = context.classification ?? classify(context);
      const proposed = context.grade?.proposed ?? proposedGrade(context);
      const grade = context.grade?.value ?? proposed;
      return {
        kind: "supervisorReview",
        step,
        title: definition.title,
        sections: answerSummary(context),
        classification,
        legalBasis: legalBasis(classification, context),
        proposedGrade: proposed,
        grade,
        gradeLowered: context.overrides.some((o) => o.direction === "lowered"),
        reclassification: withLabel(proposedReclassification(context)),
        events: ["supervisor.approve", "supervisor.reclassify", "supervisor.return"],
      };
    }
    case "tasks":
      return {
        kind: "tasks",
        step,
        title: definition.title,
        submitEvent: "task.submit",
        tasks: taskOrder
          .filter((id) => taskRequired(context, id))
          .map((id) => ({
            id,
            title: tasks[id].title,
            status: context.taskRecords[id]
              ? "completed"
              : taskAvailable(context, id)
                ? "notStarted"
                : "cannotStartYet",
            questions: withValues(taskQuestions(context, id), taskAnswers(context, id)),
            recommendations: actionRecommendations[id],
          })),
      };
    default: {
      const instrument = step === "instrument" ? selectedInstrument(context) : undefined;
      const answers = instrument ? context.instrumentAnswers : context.answers;
      const notes: string[] = [];
      if (step === "grading") {
        const proposal = gradeProposal(context);
        notes.push(`Proposed grade: ${proposal.grade}.`, ...proposal.reasons);
      }
      if (step === "breachEscalation" || step === "grading") {
        const plan = safeguardingPlan(context);
        if (plan.dmm.listed) notes.push("The case will be listed for the daily management meeting.");
      }
      const view: ScreeningView = {
        kind: "questions",
        step,
        title: instrument ? instrument.title : definition.title,
        ...described,
        questions: withValues(questionsForStep(context), answers),
        notes,
        canGoBack: step !== "triage",
        submitEvent: "answer.submit",
        backEvent: "step.back",
        ...(instrument
          ? {
              progress: {
                current: context.instrumentIndex + 1,
                total: instrument.questions.length,
                instrumentTitle: instrument.title,
              },
            }
          : {}),
      };
      return view;
    }
  }
}

/** The outcome's required actions, or those the screening so far calls for (for a running summary). */
export function selectRequiredActions(snapshot: ScreeningSnapshotLike) {
  return snapshot.output ? snapshot.output.requiredActions : requiredActions(snapshot.context);
}
