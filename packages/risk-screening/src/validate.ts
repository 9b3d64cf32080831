import type { RejectionIssue, ScreeningContext } from "./context";
import { ScreeningEventSchema, screeningEventTypes } from "./events";
import type { ScreeningEvent } from "./events";
import type { StepId, TaskId } from "./questions";
import { incidentQuestions, questionStepOrder, steps, tasks } from "./questions";
import {
  activeOrders,
  breachAlleged,
  currentInstrumentQuestion,
  forForce,
  gradeRank,
  instrumentQuestionAsQuestion,
  isStalking,
  provisionNote,
  safeguardingPlan,
  taskRequired,
} from "./rules";
import type { Actor, Answers, AnswerValue, Incident, Question } from "./schemas";
import { check } from "./schemas";

/** A problem with one field of an event, before its path is spelled out. */
type Issue = { readonly field: string; readonly message: string };

const dateFormat = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!dateFormat.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isMissing(value: AnswerValue | undefined): boolean {
  return (
    value === undefined ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

function required(question: Question, answers: Answers): boolean {
  if (!question.optional) return true;
  const trigger = question.requiredWhen;
  if (!trigger) return false;
  const other = answers[trigger.question];
  return typeof other === "string" && trigger.in.includes(other);
}

/** Checks one answer against its question; returns the message to show, or undefined when valid. */
export function checkAnswer(
  question: Question,
  value: AnswerValue | undefined,
  answers: Answers = {},
  today?: string,
): string | undefined {
  if (isMissing(value)) {
    return required(question, answers) ? (question.requiredMessage ?? `Answer "${question.prompt}"`) : undefined;
  }
  const options = new Set((question.options ?? []).map((o) => o.value));
  switch (question.kind) {
    case "yesNo":
      return value === "yes" || value === "no" ? undefined : "Select yes or no";
    case "yesNoNotKnown":
      return value === "yes" || value === "no" || value === "notKnown" ? undefined : "Select yes, no or not known";
    case "singleChoice":
      return typeof value === "string" && options.has(value) ? undefined : "Select one of the options";
    case "multipleChoice": {
      if (!Array.isArray(value)) return "Select one or more of the options";
      if (value.some((v) => !options.has(v))) return "Select only the options shown";
      if (new Set(value).size !== value.length) return "Select each option only once";
      const exclusive = question.options?.find((o) => o.exclusive && value.includes(o.value));
      return exclusive && value.length > 1 ? `"${exclusive.label}" cannot be combined with other options` : undefined;
    }
    case "number": {
      if (typeof value !== "number" || !Number.isInteger(value)) return "Enter a whole number";
      if (question.min !== undefined && value < question.min) return `Enter a number of ${question.min} or more`;
      if (question.max !== undefined && value > question.max) return `Enter a number of ${question.max} or less`;
      return undefined;
    }
    case "text":
      if (typeof value !== "string") return "Enter text";
      return question.maxLength !== undefined && value.length > question.maxLength
        ? `Enter ${question.maxLength} characters or fewer`
        : undefined;
    case "date":
      if (typeof value !== "string" || !isRealDate(value)) return "Enter a real date in the form YYYY-MM-DD";
      // ISO dates compare as strings.
      return today !== undefined && value > today ? "The date must be today or in the past" : undefined;
  }
}

/** Checks a page of answers: every question answered as it asks, and nothing that is not on the page. */
export function validateAnswers(questions: readonly Question[], answers: Answers, today?: string): RejectionIssue[] {
  const issues: Issue[] = [];
  const ids = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(answers)) {
    if (!ids.has(key)) issues.push({ field: key, message: "This is not a question on this page" });
  }
  for (const question of questions) {
    const message = checkAnswer(question, answers[question.id], answers, today);
    if (message) issues.push({ field: question.id, message });
  }
  return withPaths(issues);
}

/** The questions of the step the screening is on (the current instrument question on the instrument step). */
export function questionsForStep(context: ScreeningContext, step: StepId | null = context.step): readonly Question[] {
  if (step === null) return [];
  if (step === "instrument") {
    const question = currentInstrumentQuestion(context);
    return question ? [instrumentQuestionAsQuestion(question)] : [];
  }
  return forForce(context.config, steps[step].questions);
}

/** A task's questions as this force asks them (options that rest on a provision only where it is on). */
export function taskQuestions(context: ScreeningContext, task: TaskId): readonly Question[] {
  const questions = forForce(context.config, tasks[task].questions);
  const rightToKnow = context.config.provisions.rightToKnow;
  if (task !== "rightToKnow" || !rightToKnow) return questions;
  // The task itself rests on a provision, so its first question shows the status.
  return questions.map((q, i) => (i === 0 ? { ...q, hint: provisionNote(rightToKnow) } : q));
}

/** Whether a task's prerequisite is done, so the task can be started. */
export function taskAvailable(context: ScreeningContext, task: TaskId): boolean {
  const after = tasks[task].after;
  return after === undefined || context.taskRecords[after] !== undefined;
}

const questionSteps: ReadonlySet<StepId> = new Set(questionStepOrder);
const beforeIdentification: ReadonlySet<StepId> = new Set(
  questionStepOrder.slice(0, questionStepOrder.indexOf("breachEscalation")),
);

/**
 * Where a "Change" link on the check-answers page sends the machine, by step (a state path). The
 * same table decides which steps can be changed, so the page and the machine agree.
 */
export const editTargets = {
  reportedAs: "context.reportedAs",
  relationship: "context.relationship",
  domesticAbuse: "context.domesticAbuse",
  orders: "context.orders",
  breach: "context.breach",
  incidents: "identification.incidents",
  four: "identification.four",
  online: "identification.online",
  fearOfViolence: "identification.fearOfViolence",
  seriousAlarm: "identification.seriousAlarm",
  threats: "identification.threats",
  notStalkingReason: "notStalkingReason",
  instrument: "risk",
  grading: "grading",
} as const satisfies Partial<Record<StepId, string>>;

/** Steps a "change" link on the check-answers page can go back to, given the answers so far. */
export function editableSteps(context: ScreeningContext): StepId[] {
  return (Object.keys(editTargets) as StepId[]).filter(
    (step) =>
      (step !== "breach" || activeOrders(context).length > 0) &&
      (step !== "notStalkingReason" || context.classification === "harassment"),
  );
}

/** An event's `type`, or a placeholder in brackets for something that has none. */
export function eventType(event: unknown): string {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return "(not an event)";
  const type = (event as { type?: unknown }).type;
  return typeof type === "string" ? type : "(no type)";
}

/**
 * What is wrong with a value sent as an event before its type is even read: not an object, no string
 * `type`, or a type xstate reserves for itself. Empty when the value can be routed.
 */
export function edgeIssues(event: unknown): Issue[] {
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    return [{ field: "event", message: 'An event must be an object with a "type", such as { "type": "step.back" }' }];
  }
  const type = (event as { type?: unknown }).type;
  if (typeof type !== "string") {
    return [{ field: "type", message: '"type" must be the name of an event as text, such as "answer.submit"' }];
  }
  if (type.startsWith("xstate.")) {
    return [{ field: "type", message: `"${type}" is reserved for the state machine library and cannot be sent` }];
  }
  return [];
}

/** Spells out each issue's path from its dotted field (array indexes as numbers). */
export function withPaths(issues: readonly Issue[]): RejectionIssue[] {
  return issues.map((issue) => ({
    path: issue.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    field: issue.field,
    message: issue.message,
  }));
}

/** The person an event is attributed to: the event's own actor, else whoever started the screening. */
export function eventActor(context: ScreeningContext, event: { actor?: Actor | undefined }): Actor | null {
  return event.actor ?? context.actor;
}

function incidentIssues(incident: Incident, today: string | undefined): Issue[] {
  const answers: Answers = { date: incident.date, behaviours: incident.behaviours };
  return validateAnswers(incidentQuestions, answers, today).map((issue) => ({
    field: `incident.${issue.field}`,
    message: issue.message,
  }));
}

function stepRuleIssues(context: ScreeningContext): Issue[] {
  if (context.step === "incidents" && context.incidents.length === 0) {
    return [{ field: "incidents", message: "Add at least one incident" }];
  }
  return [];
}

function taskRuleIssues(context: ScreeningContext, task: TaskId, answers: Answers, actor: Actor | null): Issue[] {
  const issues: Issue[] = [];
  if (task === "recording" && isStalking(context.classification)) {
    // Recs 7 and 23: once reviewed as stalking, the record keeps it unless a reason is recorded.
    const recorded = [answers["principal"], ...(Array.isArray(answers["included"]) ? answers["included"] : [])];
    const reason = answers["stalkingNotRecordedReason"];
    if (
      !recorded.some((c) => c === "stalkingS2A" || c === "stalkingS4A") &&
      !(typeof reason === "string" && reason.trim())
    ) {
      issues.push({
        field: "stalkingNotRecordedReason",
        message: "Enter why stalking is not recorded: the reviewed screening found stalking",
      });
    }
  }
  if (task === "spoDecision") {
    const decision = answers["decision"];
    const roles = context.config.spoAuthorisingRoles;
    if ((decision === "apply" || decision === "interim") && (!actor || !roles.includes(actor.role))) {
      issues.push({
        field: "decision",
        message: `A decision to apply for a stalking protection order must be recorded by: ${roles.join(", ")}`,
      });
    }
  }
  if (task === "referrals") {
    const offered = answers["offered"];
    const accepted = answers["accepted"];
    if (Array.isArray(offered) && Array.isArray(accepted)) {
      const notOffered = accepted.filter((a) => a !== "none" && !offered.includes(a));
      if (notOffered.length) {
        issues.push({ field: "accepted", message: "The victim can only agree to referrals that were offered" });
      }
    }
  }
  if (task === "safeguarding") {
    const made = Array.isArray(answers["multiAgency"]) ? answers["multiAgency"] : [];
    const plan = safeguardingPlan(context);
    if (made.includes("stalkingPanel") && context.config.stalkingPanel === undefined) {
      issues.push({ field: "multiAgency", message: `${context.config.forceName} has no stalking panel` });
    }
    const missing = [
      plan.maracExpected && !made.includes("marac") ? "MARAC" : undefined,
      plan.panelExpected && !made.includes("stalkingPanel") ? (context.config.stalkingPanel?.name ?? "") : undefined,
    ].filter((m): m is string => m !== undefined);
    const note = answers["note"];
    if (missing.length && (typeof note !== "string" || note.trim() === "")) {
      issues.push({
        field: "note",
        message: `Enter why there is no referral to ${missing.join(" or ")} at this grade`,
      });
    }
  }
  return issues;
}

function supervisorIssues(context: ScreeningContext, event: ScreeningEvent & { actor: Actor }): Issue[] {
  const issues: Issue[] = [];
  if (!context.config.supervisorRoles.includes(event.actor.role)) {
    issues.push({
      field: "actor.role",
      message: `Only ${context.config.supervisorRoles.join(" or ")} can review a screening`,
    });
  }
  if (context.grade && context.grade.by.id === event.actor.id) {
    issues.push({
      field: "actor.id",
      message: "A screening must be reviewed by someone other than the person who graded it",
    });
  }
  const lowered = context.grade !== null && gradeRank(context.grade.value) < gradeRank(context.grade.proposed);
  if (event.type === "supervisor.approve" && lowered && !event.reason?.trim()) {
    issues.push({ field: "reason", message: "Enter why you approve a grade below the proposed grade" });
  }
  if (event.type === "supervisor.reclassify" && event.classification === context.classification) {
    issues.push({ field: "classification", message: "Select a classification different from the current one" });
  }
  return issues;
}

/** The issue for an event the screening understands but cannot take at its current step. */
export const notHere = (type: string): RejectionIssue => ({
  path: ["type"],
  field: "type",
  message: `"${type}" is not available at this step`,
});

/**
 * Everything wrong with an event in the screening's current position, with the field, its path and a
 * message for people. Guards accept an event only when this is empty, and a rejection shows the same
 * issues, so the reason a host sees is always the reason the machine used. `today` (YYYY-MM-DD) rules
 * out dates in the future; the machine passes its clock's date.
 */
export function validateEvent(context: ScreeningContext, raw: unknown, today?: string): RejectionIssue[] {
  return withPaths(eventIssues(context, raw, today));
}

function eventIssues(context: ScreeningContext, raw: unknown, today: string | undefined): Issue[] {
  const edge = edgeIssues(raw);
  if (edge.length) return edge;
  const type = eventType(raw);
  if (!(screeningEventTypes as readonly string[]).includes(type)) {
    return [{ field: "type", message: `"${type}" is not an event this screening understands` }];
  }
  const parsed = check(ScreeningEventSchema, raw);
  if (!parsed.ok)
    return parsed.issues.map((issue) => ({ field: issue.path.join(".") || "event", message: issue.message }));
  const event = parsed.value;
  const step = context.step;
  switch (event.type) {
    case "screening.start":
      return step === null ? [] : [{ field: "type", message: "The screening has already started" }];
    case "answer.submit": {
      if (step === null || !questionSteps.has(step)) return [notHere(event.type)];
      return [...validateAnswers(questionsForStep(context), event.answers, today), ...stepRuleIssues(context)];
    }
    case "step.back":
      return step === null || step === "triage" || step === "supervisorReview" || step === "tasks"
        ? [
            {
              field: "type",
              message: step === "triage" ? "This is the first question" : "You cannot go back from here",
            },
          ]
        : [];
    case "step.edit":
      if (step !== "checkAnswers") return [notHere(event.type)];
      return editableSteps(context).includes(event.step)
        ? []
        : [{ field: "step", message: `"${event.step}" cannot be changed from the check answers page` }];
    case "incident.add":
      if (step === null || beforeIdentification.has(step)) {
        return [{ field: "type", message: "Incidents are added after the context questions" }];
      }
      return incidentIssues(event.incident, today);
    case "incident.remove":
      if (step !== "incidents") return [notHere(event.type)];
      return event.index < context.incidents.length ? [] : [{ field: "index", message: "There is no such incident" }];
    case "breach.report":
      if (step === null || beforeIdentification.has(step)) {
        return [{ field: "type", message: "Record the breach in the protective orders questions" }];
      }
      if (activeOrders(context).length === 0) {
        return [{ field: "type", message: "No protective order is recorded, so there is nothing to breach" }];
      }
      return breachAlleged(context) && step === "breachEscalation" ? [notHere(event.type)] : [];
    case "screening.submit":
      return step === "checkAnswers" ? [] : [notHere(event.type)];
    case "supervisor.approve":
    case "supervisor.reclassify":
    case "supervisor.return":
      return step === "supervisorReview" ? supervisorIssues(context, event) : [notHere(event.type)];
    case "task.submit": {
      if (step !== "tasks") return [notHere(event.type)];
      if (!taskRequired(context, event.task)) {
        return [{ field: "task", message: `"${tasks[event.task].title}" is not needed for this screening` }];
      }
      if (!taskAvailable(context, event.task)) {
        return [{ field: "task", message: `Complete "${tasks[tasks[event.task].after ?? event.task].title}" first` }];
      }
      const actor = eventActor(context, event);
      return [
        ...validateAnswers(taskQuestions(context, event.task), event.answers, today),
        ...taskRuleIssues(context, event.task, event.answers, actor),
      ];
    }
  }
}
