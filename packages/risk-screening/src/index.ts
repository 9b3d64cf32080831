// The machine
export { createScreeningMachine, screeningMachine } from "./machine";
export type { ScreeningInput, ScreeningMachine, ScreeningMachineOptions } from "./machine";
export { runScreening } from "./run";
export type { RunOptions, ScreeningRun } from "./run";

// Events and context
export { ReturnTargetSchema, ScreeningEventSchema, screeningEventTypes } from "./events";
export type { ScreeningEvent, ScreeningEventType } from "./events";
export type { GradeDecision, Issue, Rejection, ScreeningContext, TaskRecord } from "./context";

// Models (zod)
export {
  ActorSchema,
  AnswerValueSchema,
  AnswersSchema,
  AuditEntrySchema,
  ClassificationSchema,
  ForceConfigSchema,
  GradeSchema,
  HighGradeTriggerSchema,
  IncidentSchema,
  InstrumentQuestionSchema,
  InstrumentSchema,
  OverrideSchema,
  QuestionKindSchema,
  QuestionOptionSchema,
  QuestionSchema,
  ReferralSchema,
  RequiredActionSchema,
  ScreeningOutcomeSchema,
  formatIssues,
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
  ForceConfig,
  ForceConfigInput,
  Grade,
  HighGradeTrigger,
  Incident,
  Instrument,
  InstrumentInput,
  InstrumentQuestion,
  Override,
  ParseResult,
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
  availableEvents,
  behaviourLabels,
  classificationLabels,
  currentView,
  formatAnswer,
  rejectionByField,
  selectRejection,
  selectRequiredActions,
} from "./view";
export type { AnswerRow, AnswerSection, QuestionView, ScreeningSnapshotLike, ScreeningView, TaskView } from "./view";
export { checkAnswer, validateAnswers, validateEvent } from "./validate";

// Rules (pure; the guards use them)
export {
  classify,
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
export type { InstrumentScore, SafeguardingPlan } from "./rules";

// Outcomes, comparison and persistence
export { ScreeningNotFinishedError, buildOutcome, compareOutcome, outcomeFieldLabels } from "./outcome";
export type { DeepPartial, ExpectedOutcome } from "./outcome";
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, persistScreening, restoreScreening } from "./persistence";
export type { PersistedScreening } from "./persistence";

// Examples (labelled: fictional force, example instrument, fictional practice scenarios)
export { exampleForceConfig } from "./examples/example-config";
export { exampleStalkingInstrument } from "./examples/example-instrument";
export { practiceInspector, practiceOfficer, practiceScenarios, practiceSupervisor } from "./examples/scenarios";
export type { PracticeScenario } from "./examples/scenarios";
