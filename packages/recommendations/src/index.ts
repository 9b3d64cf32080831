// The public API, listed by hand so every export is a decision (see AGENTS.md).

export { RecommendationIdSchema } from "./ids";
export type { RecommendationId } from "./ids";

export {
  AddresseeSchema,
  DataQualityNoteSchema,
  DeadlineBasisSchema,
  DeadlineSchema,
  InvestigatingBodySchema,
  IsoDateSchema,
  RecommendationSchema,
  ReportSchema,
  SourceSchema,
  SubItemSchema,
  ThemeSchema,
} from "./model";
export { addresseeNames, addressees, themeNames, themes } from "./vocabulary";
export type {
  Addressee,
  DataQualityNote,
  Deadline,
  DeadlineBasis,
  InvestigatingBody,
  IsoDate,
  Recommendation,
  Report,
  Source,
  SubItem,
  Theme,
} from "./model";

export {
  ActionPlanSchema,
  ActionSchema,
  EvidenceKindSchema,
  EvidenceSchema,
  KnownRecommendationIdSchema,
  PlanResponseSchema,
  ProgressUpdateSchema,
  StatusSchema,
  evidenceKinds,
  statuses,
} from "./action-plan";
export type {
  Action,
  ActionPlan,
  ActionPlanInput,
  Evidence,
  EvidenceKind,
  PlanResponse,
  ProgressUpdate,
  Status,
} from "./action-plan";

export { deadlineDate } from "./dates";
export { report } from "./dataset/report";
export { recommendations } from "./dataset/recommendations";
export { essexActionPlan } from "./dataset/essex";

export {
  deadlinesOf,
  dueBy,
  findRecommendation,
  findSubItem,
  isKnownRecommendationId,
  recommendationIds,
  recommendationNumberOf,
  recommendationsByTheme,
  recommendationsFor,
} from "./lookup";
export type { DueItem } from "./lookup";

export {
  fieldName,
  formatJsonPath,
  parseActionPlan,
  parseActionPlanJson,
  parseRecommendation,
  parseReport,
} from "./parse";
export type { Issue, ParseResult, Result } from "./parse";

export {
  compareIds,
  diffPlans,
  findResponse,
  overdueItems,
  rollUpStatus,
  summarisePlan,
  summaryStatuses,
} from "./plan";
export type {
  ItemProgress,
  OverdueEntry,
  PlanChange,
  PlanQueryOptions,
  PlanSummary,
  RecommendationProgress,
  ResolvedResponse,
  SummaryStatus,
} from "./plan";
