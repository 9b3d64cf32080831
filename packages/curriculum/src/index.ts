/**
 * The training course: five modules, validated from content/*.yaml at build time, with fact placeholders
 * resolved. Treat it as read-only.
 */
export { course } from "./course.generated";
export { citationsOf, findFact, findModule, moduleSources } from "./lookup";
export {
  AudienceRoleSchema,
  BlockSchema,
  CalloutBlockSchema,
  ChecklistBlockSchema,
  ConfidenceSchema,
  CourseSchema,
  CourseShapeSchema,
  FactSchema,
  FactStatusSchema,
  IdSchema,
  ImageBlockSchema,
  JurisdictionSchema,
  KeyFactsBlockSchema,
  KnowledgeCheckSchema,
  LawBlockSchema,
  LessonSchema,
  ModuleIdSchema,
  ModuleReleaseSchema,
  ModuleSchema,
  MultipleChoiceQuestionSchema,
  OptionSchema,
  PracticeScenarioSchema,
  PracticeScreeningBlockSchema,
  QuestionSchema,
  ScenarioBlockSchema,
  ScenarioQuestionSchema,
  SingleChoiceQuestionSchema,
  SourceSchema,
  TextBlockSchema,
  TrueFalseQuestionSchema,
  factBearingBlockKinds,
  moduleIds,
} from "./schema";
export type {
  AudienceRole,
  Block,
  BlockKind,
  CalloutBlock,
  ChecklistBlock,
  Confidence,
  Course,
  CourseInput,
  CourseShape,
  Fact,
  FactStatus,
  ImageBlock,
  Jurisdiction,
  KeyFactsBlock,
  KnowledgeCheck,
  LawBlock,
  Lesson,
  Module,
  ModuleId,
  ModuleRelease,
  Option,
  PracticeScenario,
  PracticeScreeningBlock,
  Question,
  QuestionKind,
  ScenarioBlock,
  Source,
  TextBlock,
} from "./schema";
export { checkCourse, resolveCourseFacts, resolveFacts } from "./checks";
export type { CourseIssue, IssuePath } from "./checks";
export {
  AnswersSchema,
  AttemptScoreSchema,
  OptionFeedbackSchema,
  QuestionResultSchema,
  WithheldQuestionResultSchema,
  lessonsToRevisit,
  scoreAttempt,
  withholdAnswerKey,
} from "./scoring";
export type {
  AnswerIssue,
  Answers,
  AttemptScore,
  OptionFeedback,
  QuestionResult,
  ScoreResult,
  WithheldQuestionResult,
} from "./scoring";
export { hasAnswerKey } from "./answer-key";
export { addDays, addMonths, recertificationDueOn, reviewStatus } from "./dates";
export type { ReviewStatus } from "./dates";
export { LearnerOptionSchema, LearnerQuestionSchema, learnerQuestion, learnerQuestions } from "./learner";
export { RecordedStatusSchema, TrainingStatusSchema } from "./status";
export {
  RENEWAL_WINDOW_DAYS,
  isCurrent,
  isOverdue,
  overdueLabel,
  contentChangedLabel,
  renewalFrom,
  trainingStatus,
  trainingStatusLabels,
  trainingStatusRank,
} from "./status-rules";
export type { RecordedStatus, TrainingStatus } from "./status";
export { estimateAssumptions, estimateMinutes } from "./estimate";
export type { LearnerOption, LearnerQuestion } from "./learner";
export { checkFactReviews, factRegister, statusText, unrecordedMaterialChanges } from "./register";
export type { FactRegister, FactUse, RegisterEntry, RegisterIssue, RegisterSource } from "./register";
export { materialChangesSince, renewBy } from "./versions";
export type { MaterialChange, VersionIssue, VersionResult } from "./versions";
