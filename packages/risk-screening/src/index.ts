// The core: machine, models, wording, selectors and persistence. Practice helpers and examples live in
// the `./practice` entry so that force systems do not ship them.
// The machine
export { createScreeningActor, createScreeningMachine, screeningMachine } from "./machine";
export type { FollowUp, ScreeningInput, ScreeningMachine, ScreeningMachineOptions } from "./machine";
export { followUpScreening } from "./follow-up";
export type { FinishedScreening, FollowUpOptions } from "./follow-up";

// Events and context
export { ReturnTargetSchema, ScreeningEventSchema, screeningEventTypes } from "./events";
export type { ScreeningEvent, ScreeningEventType } from "./events";
export { ScreeningContextSchema } from "./context";
export type { GradeDecision, Rejection, RejectionIssue, ScreeningContext, TaskRecord } from "./context";

// Models (zod)
export {
  ActorSchema,
  AnswerValueSchema,
  AnswersSchema,
  AuditEntrySchema,
  ClassificationSchema,
  EarlierScreeningSchema,
  ForceConfigSchema,
  GradeSchema,
  HighGradeTriggerSchema,
  IncidentSchema,
  InstrumentQuestionSchema,
  InstrumentSchema,
  OverrideSchema,
  ProvisionSchema,
  ProvisionStatusSchema,
  QuestionKindSchema,
  QuestionOptionSchema,
  QuestionSchema,
  ReferralSchema,
  RequiredActionSchema,
  ScreeningOutcomeSchema,
  check,
  issuesFrom,
  parseForceConfig,
  parseInstrument,
} from "./schemas";
export type {
  Actor,
  ActorRole,
  AnswerValue,
  Answers,
  AuditEntry,
  Classification,
  CompletedOutcome,
  EarlierScreening,
  ForceConfig,
  ForceConfigInput,
  Grade,
  HighGradeTrigger,
  Incident,
  Instrument,
  InstrumentInput,
  InstrumentQuestion,
  Issue,
  Override,
  Provision,
  ProvisionStatus,
  Result,
  Question,
  QuestionKind,
  QuestionOption,
  Referral,
  RequiredAction,
  ScreeningOutcome,
} from "./schemas";

// Wording as data
export {
  incidentQuestions,
  multiAgencyOptions,
  questionStepOrder,
  recordingOptions,
  stalkingBehaviourOptions,
  steps,
  taskOrder,
  tasks,
  victimReferralOptions,
} from "./questions";
export type { QuestionStepId, StepDefinition, StepId, TaskDefinition, TaskId } from "./questions";

// Selectors for UIs
export {
  answerSummary,
  classificationLabels,
  currentView,
  formatAnswer,
  rejectionByField,
  selectRequiredActions,
} from "./view";
export type { AnswerRow, AnswerSection, QuestionView, ScreeningSnapshotLike, ScreeningView, TaskView } from "./view";
export { checkAnswer, eventType, validateAnswers, validateEvent } from "./validate";

// Rules (pure; the guards use them)
export {
  actionRecommendations,
  classify,
  gradeProposal,
  gradeRank,
  hasStalkingBehaviour,
  isCourseOfConduct,
  legalBasis,
  meetsS4ADistress,
  meetsS4AViolence,
  proposedGrade,
  safeguardingPlan,
  scoreInstrument,
} from "./rules";
export type { ActionId, GradeProposal, InstrumentScore, SafeguardingPlan } from "./rules";

// Outcomes and persistence
export { buildOutcome } from "./outcome";
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, persistScreening, restoreScreening } from "./persistence";
export type { PersistedScreening } from "./persistence";
