// Foundations
export { Button, ButtonLink } from "./button/button";
export type { ButtonLinkProps, ButtonProps, ButtonVariant } from "./button/button";
export { Checkboxes } from "./checkboxes/checkboxes";
export type { CheckboxesProps, CheckboxItem } from "./checkboxes/checkboxes";
export { DateInput } from "./date-input/date-input";
export type { DateInputPart, DateInputProps, DateInputValue } from "./date-input/date-input";
export { ErrorMessage } from "./error-message/error-message";
export type { ErrorMessageProps } from "./error-message/error-message";
export { ErrorSummary } from "./error-summary/error-summary";
export type { ErrorSummaryItem, ErrorSummaryProps } from "./error-summary/error-summary";
export { Fieldset } from "./fieldset/fieldset";
export type { FieldsetProps } from "./fieldset/fieldset";
export type { ChoiceDivider, ChoiceGroupOptions, ChoiceItem } from "./internal/choices";
export type { FieldOptions } from "./internal/field";
export { Radios } from "./radios/radios";
export type { RadioItem, RadiosProps } from "./radios/radios";
export { Select } from "./select/select";
export type { SelectItem, SelectProps } from "./select/select";
export { TextInput } from "./text-input/text-input";
export type { TextInputProps } from "./text-input/text-input";
export { Textarea } from "./textarea/textarea";
export type { TextareaProps } from "./textarea/textarea";
export { BackLink } from "./back-link/back-link";
export type { BackLinkProps } from "./back-link/back-link";
export { Details } from "./details/details";
export type { DetailsProps } from "./details/details";
export { Footer } from "./footer/footer";
export type { FooterLink, FooterProps } from "./footer/footer";
export { Header } from "./header/header";
export type { HeaderNavigationItem, HeaderProps } from "./header/header";
export { InsetText } from "./inset-text/inset-text";
export type { InsetTextProps } from "./inset-text/inset-text";
export { NotificationBanner } from "./notification-banner/notification-banner";
export type { NotificationBannerProps } from "./notification-banner/notification-banner";
export { Pagination } from "./pagination/pagination";
export type { PaginationItem, PaginationLink, PaginationProps } from "./pagination/pagination";
export { Panel } from "./panel/panel";
export type { PanelProps } from "./panel/panel";
export { PhaseBanner } from "./phase-banner/phase-banner";
export type { PhaseBannerProps } from "./phase-banner/phase-banner";
export { ProgressBar } from "./progress-bar/progress-bar";
export type { ProgressBarProps } from "./progress-bar/progress-bar";
export { SkipLink } from "./skip-link/skip-link";
export type { SkipLinkProps } from "./skip-link/skip-link";
export { SummaryList } from "./summary-list/summary-list";
export type { SummaryListAction, SummaryListProps, SummaryListRow } from "./summary-list/summary-list";
export { Table } from "./table/table";
export type { SortDirection, TableCell, TableHeadCell, TableProps, TableSort } from "./table/table";
export { Tag } from "./tag/tag";
export type { TagColour, TagProps } from "./tag/tag";
export { TaskList } from "./task-list/task-list";
export type { TaskListItem, TaskListProps } from "./task-list/task-list";
export { WarningText } from "./warning-text/warning-text";
export type { WarningTextProps } from "./warning-text/warning-text";

// Domain
export { StatusTag, trainingStatusColours } from "./status-tag/status-tag";
export type { StatusTagProps } from "./status-tag/status-tag";
export { Certificate } from "./certificate/certificate";
export type { CertificateProps } from "./certificate/certificate";
export { CompletionChart } from "./completion-chart/completion-chart";
export type { CompletionChartProps, CompletionChartSeries } from "./completion-chart/completion-chart";
export {
  ActionPlanTable,
  filterRecommendationProgress,
  noActionPlanFilters,
} from "./action-plan-table/action-plan-table";
export type { ActionPlanFilters, ActionPlanTableProps } from "./action-plan-table/action-plan-table";
export { planStatusLabels } from "./action-plan-table/action-plan-status";
export { KnowledgeCheck } from "./knowledge-check/knowledge-check";
export type { KnowledgeCheckProps } from "./knowledge-check/knowledge-check";
export { LessonView } from "./lesson-view/lesson-view";
export type { LessonViewProps } from "./lesson-view/lesson-view";
export { ModuleProgress } from "./module-progress/module-progress";
export type { KnowledgeCheckStatus, ModuleProgressProps } from "./module-progress/module-progress";
// ScreeningWizard is exported from "@stalking-response/ui/screening" (it needs xstate and @xstate/react).
