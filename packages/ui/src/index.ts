// Foundations
export { Button, ButtonLink } from "./button/button";
export type { ButtonLinkProps, ButtonProps, ButtonVariant } from "./button/button";

// Domain
export { CompletionGrid } from "./completion-grid/completion-grid";
export type {
  CompletionGridModule,
  CompletionGridProps,
  CompletionGridRow,
  CompletionGridSort,
} from "./completion-grid/completion-grid";
export { completionStatusLabels } from "./completion-grid/completion-status";
export type { CompletionStatus } from "./completion-grid/completion-status";
export { Certificate } from "./certificate/certificate";
export type { CertificateProps } from "./certificate/certificate";
export { CompletionChart } from "./completion-chart/completion-chart";
export type { CompletionChartProps, CompletionChartSeries } from "./completion-chart/completion-chart";
