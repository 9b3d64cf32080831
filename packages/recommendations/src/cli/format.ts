import type { Issue } from "../parse";
import { summaryStatuses } from "../plan";
import type { OverdueEntry, PlanSummary } from "../plan";

/** Lays out rows as fixed-width text columns, each as wide as its widest cell. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** One line per issue: `responses[2].status: must be one of …`. */
export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.map((issue) => `  ${issue.message}`);
}

function describeOverdue(entry: OverdueEntry): string {
  if (entry.kind === "item") return `${entry.id} was due ${entry.deadline.date} and is ${entry.status}`;
  return `${entry.id} action "${entry.action.description}" was due ${entry.action.due ?? "?"} and is ${entry.action.status}`;
}

/** The `stalking-plan summary` report: a table per recommendation, totals, then what is overdue. */
export function formatSummary(summary: PlanSummary): string[] {
  const heading = summary.asOf ? `${summary.force}: progress as of ${summary.asOf}` : `${summary.force}: progress`;
  const rows = [
    ["Rec", "Status", "Due", "Overdue", "Title", "Items"],
    ...summary.recommendations.map((rec) => [
      String(rec.number),
      rec.status,
      rec.recommendation.deadlines.map((d) => d.date).join(", ") || "unknown",
      rec.overdue ? "yes" : summary.asOf ? "no" : "-",
      rec.recommendation.title,
      rec.items.map((item) => `${item.id} ${item.status}`).join("; "),
    ]),
  ];
  const totals = summaryStatuses
    .filter((status) => summary.byStatus[status] > 0)
    .map((status) => `${status} ${summary.byStatus[status]}`)
    .join(", ");
  const overdue = summary.asOf
    ? [
        "",
        summary.overdue.length === 0 ? "Nothing overdue." : `Overdue (${summary.overdue.length}):`,
        ...summary.overdue.map((entry) => `  ${describeOverdue(entry)}`),
      ]
    : [];
  return [
    heading,
    "",
    ...formatTable(rows),
    "",
    `Recommendations by status: ${totals}`,
    ...formatLatestUpdates(summary),
    ...overdue,
  ];
}

/** The latest dated update of each item that has one, with its date, status and source. */
export function formatLatestUpdates(summary: PlanSummary): string[] {
  const items = summary.recommendations.flatMap((rec) => rec.items).filter((item) => item.latestUpdate);
  if (items.length === 0) return ["", "No dated progress updates."];
  return [
    "",
    `Latest progress updates (${items.length}):`,
    ...items.map((item) => {
      const update = item.latestUpdate;
      const source = update?.source ? ` (source: ${update.source.title})` : "";
      return `  ${item.id} ${update?.date ?? ""} ${update?.status ?? ""}: ${update?.note ?? ""}${source}`;
    }),
  ];
}
