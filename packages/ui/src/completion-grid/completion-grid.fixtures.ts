import type { CompletionGridModule, CompletionGridRow } from "./completion-grid";
import type { CompletionStatus } from "./completion-status";

// Shared by tests and stories so both exercise the same data. Invented people, not real learners.

/** Example module columns. */
export const trainingModules: readonly CompletionGridModule[] = [
  { id: "identify", title: "Identifying stalking" },
  { id: "law", title: "The law on stalking and harassment" },
  { id: "screening", title: "Risk screening" },
  { id: "safeguarding", title: "Safeguarding and referral" },
  { id: "investigation", title: "Investigation and evidence" },
  { id: "orders", title: "Stalking Protection Orders" },
];

const firstNames = ["Asha", "Ben", "Cara", "Dev", "Ellen", "Femi", "Grace", "Hamid", "Iona", "Jack", "Kasia", "Liam"];
const lastNames = ["Patel", "Okafor", "Jones", "Murphy", "Nowak", "Evans", "Khan", "Taylor", "Reid", "Hughes", "Shah"];
const statuses: readonly CompletionStatus[] = ["completed", "completed", "in-progress", "not-started", "overdue"];

/** `count` learners with deterministic names and statuses, for large-grid stories and tests. */
export function makeLearners(count: number): CompletionGridRow[] {
  return Array.from({ length: count }, (_, index) => {
    const first = firstNames[index % firstNames.length] ?? "Alex";
    const last = lastNames[Math.floor(index / firstNames.length) % lastNames.length] ?? "Smith";
    const entries = trainingModules.map((module, column) => {
      const status = statuses[(index * 7 + column * 3) % statuses.length] ?? "not-started";
      return [module.id, status] as const;
    });
    return { id: `learner-${index + 1}`, name: `${first} ${last} ${index + 1}`, statuses: Object.fromEntries(entries) };
  });
}
