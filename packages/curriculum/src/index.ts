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
  CourseSchema,
  CourseShapeSchema,
  FactSchema,
  IdSchema,
  ImageBlockSchema,
  JurisdictionSchema,
  KeyFactsBlockSchema,
  KnowledgeCheckSchema,
  LawBlockSchema,
  LessonSchema,
  ModuleIdSchema,
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
  Course,
  CourseInput,
  CourseShape,
  Fact,
  ImageBlock,
  Jurisdiction,
  KeyFactsBlock,
  KnowledgeCheck,
  LawBlock,
  Lesson,
  Module,
  ModuleId,
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
export { AnswersSchema, lessonsToRevisit, scoreAttempt } from "./scoring";
export type { AnswerIssue, Answers, AttemptScore, OptionFeedback, QuestionResult, ScoreResult } from "./scoring";
export { addMonths, recertificationDueOn, reviewStatus } from "./dates";
export type { ReviewStatus } from "./dates";
export { learnerQuestions } from "./learner";
export { estimateAssumptions, estimateMinutes } from "./estimate";
export type { LearnerOption, LearnerQuestion } from "./learner";
