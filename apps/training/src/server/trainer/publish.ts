import type { ActionPlan, PlanResponse, RecommendationId } from "@stalking-response/recommendations";
import { findRecommendation, findSubItem } from "@stalking-response/recommendations";
import { formatDay } from "../../shared/dates-in-words";
import { londonDayOf } from "../../shared/london-day";
import type {
  EvidenceResponse,
  PublishedCount,
  PublishedEvidence,
  PublishedPercent,
  PublishedPlan,
} from "../../shared/trainer-api";
import { DEFAULT_PUBLISH_MIN_GROUP_SIZE } from "../env";
import { publishedFileName } from "./file-names";

/**
 * What a recommendation or sub-item asks, in the recommendations package's words: the recommendation's short
 * title (a sub-item's is its parent's) and its summary (a sub-item's own). The id alone tells a reader nothing.
 */
export function recommendationText(id: RecommendationId): { title: string | null; summary: string } {
  const recommendation = findRecommendation(id);
  const summary = findSubItem(id)?.summary ?? recommendation?.summary ?? `Recommendation ${id}`;
  return { title: recommendation?.confirmed ? recommendation.title : null, summary };
}

type Reason = "small-number" | "secondary";
type Cell = { value: number; withheld: Reason | null };

const cell = (value: number, min: number): Cell => ({
  value,
  withheld: value > 0 && value < min ? "small-number" : null,
});

/**
 * Secondary suppression over one breakdown whose total is published: while the withheld cells add up to fewer
 * than `min` (so "total minus the shown cells" would give a small number, or 0 for a withheld small group),
 * the smallest shown non-zero cell is withheld too. Stops when nothing is withheld, the withheld cells hold at
 * least `min`, or no shown cell is left that would help (then the total is itself below `min` and withheld, or 0).
 */
function protectTotal(cells: Cell[], min: number): void {
  for (;;) {
    const hidden = cells.filter((candidate) => candidate.withheld !== null);
    if (hidden.length === 0) return;
    if (hidden.reduce((sum, candidate) => sum + candidate.value, 0) >= min) return;
    const [smallest] = cells
      .filter((candidate) => candidate.withheld === null && candidate.value > 0)
      .sort((a, b) => a.value - b.value);
    if (!smallest) return;
    smallest.withheld = "secondary";
  }
}

const published = ({ value, withheld }: Cell): PublishedCount =>
  withheld === null ? { value, suppressed: false } : { value: null, suppressed: true, reason: withheld };

/** The rule as the JSON states it for its readers (the HTML page says the same in its note). */
const ruleText = (min: number) =>
  `Counts of 1 to ${min - 1} people are withheld (value null, reason "small-number"), and so is any percentage ` +
  `worked out from a withheld count. Job roles add up to the totals, so where the totals minus the shown roles ` +
  `would give back a withheld count, the smallest other role figure is withheld too (reason "secondary") until ` +
  `the withheld figures together hold at least ${min} people. Zero is shown.`;

/**
 * The training evidence as a force may publish it: every count of fewer than `minGroupSize` people withheld,
 * and further figures withheld where a total would give one back (see {@link protectTotal}). Each person has
 * one job role, so the role rows partition the force's people and each recommendation's completions; those
 * are the totals protected. The trainer's own evidence view keeps the exact numbers.
 */
export function suppressEvidence(
  evidence: EvidenceResponse,
  minGroupSize: number = DEFAULT_PUBLISH_MIN_GROUP_SIZE,
): PublishedEvidence {
  const min = minGroupSize;
  // The people per role are the same for every recommendation, so they are protected once.
  const roles = evidence.items[0]?.byRole.map((role) => role.jobRole) ?? [];
  const peopleCells = new Map(
    roles.map((jobRole) => [
      jobRole,
      cell(evidence.items[0]?.byRole.find((role) => role.jobRole === jobRole)?.people ?? 0, min),
    ]),
  );
  protectTotal([...peopleCells.values()], min);
  return {
    force: evidence.force,
    plan: evidence.plan,
    generatedAt: evidence.generatedAt,
    suppression: { minGroupSize: min, rule: ruleText(min) },
    people: published(cell(evidence.people, min)),
    items: evidence.items.map((item) => {
      const rows = item.byRole.map((role) => {
        const people = peopleCells.get(role.jobRole) ?? cell(role.people, min);
        // A count about a withheld group is withheld with it, for the same reason.
        const completed: Cell =
          people.withheld === null ? cell(role.completed, min) : { value: role.completed, withheld: people.withheld };
        return { role, people, completed };
      });
      protectTotal(
        rows.map((row) => row.completed),
        min,
      );
      return {
        id: item.id,
        summary: item.summary,
        response: item.response,
        modules: item.modules,
        assigned: published(cell(item.assigned, min)),
        completed: published(cell(item.completed, min)),
        byRole: rows.map(({ role, people, completed }) => {
          const reasons = [people.withheld, completed.withheld];
          const percent: PublishedPercent = reasons.every((reason) => reason === null)
            ? { value: role.percent, suppressed: false }
            : {
                value: null,
                suppressed: true,
                reason: reasons.includes("small-number") ? "small-number" : "secondary",
              };
          return { jobRole: role.jobRole, people: published(people), completed: published(completed), percent };
        }),
      };
    }),
  };
}

/**
 * What `plan.json` holds: the force's plan as published and its training evidence with small numbers
 * withheld (see {@link suppressEvidence}); {@link publishedHtml} renders the same object.
 */
export function publishPlan(
  evidence: EvidenceResponse,
  plan: ActionPlan | null,
  minGroupSize: number = DEFAULT_PUBLISH_MIN_GROUP_SIZE,
): PublishedPlan {
  return {
    generatedAt: evidence.generatedAt,
    force: evidence.force,
    plan,
    trainingEvidence: suppressEvidence(evidence, minGroupSize),
  };
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

// The plan's statuses in words for the public page (the SPA shows the same words through @stalking-response/ui,
// which the server does not load because it is a React package).
const STATUS_WORDS: Readonly<Record<string, string>> = {
  complete: "Complete",
  "in-progress": "In progress",
  partial: "Partly in place",
  "not-started": "Not started",
  "not-applicable": "Not applicable",
};

const words = (status: string) => STATUS_WORDS[status] ?? status;

const JOB_ROLE_WORDS: Readonly<Record<string, string>> = {
  "call-handler": "Call handlers",
  "response-officer": "Response officers",
  investigator: "Investigators",
  supervisor: "Supervisors",
  staff: "Staff",
};

type EvidenceItem = PublishedEvidence["items"][number];

function responseSection(response: PlanResponse, evidence: EvidenceItem | undefined, min: number): string {
  const h = escapeHtml;
  // A list rather than a three-column table: an update's note is a paragraph, and a table of them scrolls
  // sideways on a phone.
  const updates = response.updates.length
    ? `<h4>Progress updates for ${h(response.id)}</h4><ul class="updates">${response.updates
        .map(
          (update) =>
            `<li><p><strong>${h(formatDay(update.date))}</strong>: ${h(words(update.status))}</p><p>${h(update.note)}</p></li>`,
        )
        .join("")}</ul>`
    : "<p>No dated progress updates yet.</p>";
  return `<section aria-labelledby="rec-${h(response.id.replace(".", "-"))}">
${recommendationHeading(response.id, "rec")}
<p><strong>Status:</strong> ${h(words(response.status))}${response.statusWording ? ` (“${h(response.statusWording)}”)` : ""}</p>
<p>${h(response.narrative)}</p>
${updates}
${evidence ? evidenceBlock(evidence, min) : ""}
</section>`;
}

/** A recommendation's heading with its title, then what it asks, so the page reads without the report to hand. */
function recommendationHeading(id: string, prefix: "rec" | "ev"): string {
  const h = escapeHtml;
  const { title, summary } = recommendationText(id);
  return `<h3 id="${prefix}-${h(id.replace(".", "-"))}">Recommendation ${h(id)}${title ? `: ${h(title)}` : ""}</h3>
<p class="asks"><strong>What it asks:</strong> ${h(summary)}</p>`;
}

/** A published count in words: the number, "fewer than 5", or "withheld" (a secondary suppression). */
function figure(count: PublishedCount, min: number): string {
  if (count.suppressed) return count.reason === "small-number" ? `fewer than ${min}` : "withheld";
  return count.value.toLocaleString("en-GB");
}

/** A published percentage in words ("fewer than 5%" would misread, so a withheld one names the group). */
function percentage(percent: PublishedPercent, min: number): string {
  if (percent.suppressed) return percent.reason === "small-number" ? `based on fewer than ${min}` : "withheld";
  return percent.value === null ? "–" : `${percent.value}%`;
}

// On a phone the role table is read as one block per role ("People: 12"), so it never scrolls sideways. A table
// laid out as blocks loses its table semantics in some browsers, so the roles are stated, and the visible labels
// carry an empty alternative text so a screen reader, which already announces the column header, does not say
// them twice.
function evidenceBlock(item: EvidenceItem, min: number): string {
  const h = escapeHtml;
  if (item.modules.length === 0) return `<p>No training module in the toolkit answers ${h(item.id)} yet.</p>`;
  const rows = item.byRole
    // A role nobody holds says nothing; a withheld one is listed, so the withheld figures can be seen.
    .filter((role) => role.people.suppressed || role.people.value > 0)
    .map(
      (role) =>
        `<tr role="row"><th scope="row" role="rowheader">${h(JOB_ROLE_WORDS[role.jobRole] ?? role.jobRole)}</th><td role="cell" data-label="People">${figure(role.people, min)}</td><td role="cell" data-label="Completed">${figure(role.completed, min)}</td><td role="cell" data-label="Percentage">${percentage(role.percent, min)}</td></tr>`,
    )
    .join("");
  return `<p>Training that answers ${h(item.id)}: ${item.modules.map((module) => h(module.title)).join(", ")}. People assigned: ${figure(item.assigned, min)}. People holding a current completion: ${figure(item.completed, min)}.</p>
<table class="stack" role="table"><caption>Training completion for ${h(item.id)} by role (each person counted once)</caption><thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Role</th><th scope="col" role="columnheader">People</th><th scope="col" role="columnheader">Completed</th><th scope="col" role="columnheader">Percentage</th></tr></thead><tbody role="rowgroup">${rows}</tbody></table>`;
}

/**
 * The public page: the plan with its progress updates, and for each training recommendation the live,
 * aggregate training evidence. A standalone file (inline styles, no scripts) so a force can put it on any
 * website; headings, captions and header cells make it readable by screen readers.
 */
export function publishedHtml(published: PublishedPlan): string {
  const h = escapeHtml;
  const { plan, trainingEvidence } = published;
  const byId = new Map(trainingEvidence.items.map((item) => [item.id, item]));
  const planned: ActionPlan["responses"] = plan?.responses ?? [];
  const answered = new Set(planned.map((response) => response.id));
  const unanswered = trainingEvidence.items.filter((item) => !answered.has(item.id));
  const title = `${published.force.name}: stalking super-complaint action plan and training evidence`;
  const min = trainingEvidence.suppression.minGroupSize;
  const jsonName = publishedFileName(published.force.id, published.generatedAt, "json");
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem;color:#0b0c0c;overflow-wrap:break-word}
.updates{padding-left:1.25rem}.updates p{margin:.25rem 0}
table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}caption{text-align:left;font-weight:700;padding:.5rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:left;vertical-align:top}a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
@media (max-width:40rem){body{padding:.75rem}
.stack thead{position:absolute;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.stack tr{display:block;border-bottom:1px solid #b1b4b6;padding:.5rem 0}.stack th,.stack td{display:block;border:0;padding:0}
.stack td::before{content:attr(data-label) ": " / "";font-weight:700}}
</style>
</head>
<body>
<main>
<h1>${h(title)}</h1>
<p>Published ${h(formatDay(londonDayOf(published.generatedAt)))}. Training figures are live counts of distinct people in ${h(published.force.name)} (${figure(trainingEvidence.people, min)} people), each person counted once; no individual is named.</p>
<p>To protect individuals, a figure about fewer than ${min} people is shown as “fewer than ${min}”, and so is a percentage worked out from one. Where a total minus the figures shown would give such a number back, another figure is also held back and shown as “withheld”.</p>
${plan ? `<p>Action plan source: ${plan.source.url ? `<a href="${h(plan.source.url)}">${h(plan.source.title)}</a>` : h(plan.source.title)} (${h(plan.source.publisher)}).</p>` : "<p>No action plan is held for this force in the toolkit; training evidence only.</p>"}
<h2>Responses to the recommendations</h2>
${planned.map((response) => responseSection(response, byId.get(response.id), min)).join("\n")}
${unanswered.length ? `<h2>Training evidence for recommendations the plan does not answer</h2>\n${unanswered.map((item) => `<section aria-labelledby="ev-${h(item.id.replace(".", "-"))}">${recommendationHeading(item.id, "ev")}${evidenceBlock(item, min)}</section>`).join("\n")}` : ""}
<p>Machine-readable version: <a href="${h(jsonName)}">${h(jsonName)}</a>.</p>
</main>
</body>
</html>
`;
}
