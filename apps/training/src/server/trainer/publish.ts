import type { ActionPlan, PlanResponse } from "@stalking-response/recommendations";
import type { EvidenceItem, PublishedPlan } from "../../shared/trainer-api";

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

function responseSection(response: PlanResponse, evidence: EvidenceItem | undefined): string {
  const h = escapeHtml;
  const updates = response.updates.length
    ? `<table><caption>Progress updates for ${h(response.id)}</caption><thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Update</th></tr></thead><tbody>${response.updates
        .map(
          (update) =>
            `<tr><td>${h(update.date)}</td><td>${h(words(update.status))}</td><td>${h(update.note)}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : "<p>No dated progress updates yet.</p>";
  return `<section aria-labelledby="rec-${h(response.id.replace(".", "-"))}">
<h3 id="rec-${h(response.id.replace(".", "-"))}">Recommendation ${h(response.id)}</h3>
<p><strong>Status:</strong> ${h(words(response.status))}${response.statusWording ? ` (“${h(response.statusWording)}”)` : ""}</p>
<p>${h(response.narrative)}</p>
${updates}
${evidence ? evidenceBlock(evidence) : ""}
</section>`;
}

function evidenceBlock(item: EvidenceItem): string {
  const h = escapeHtml;
  if (item.modules.length === 0) return `<p>No training module in the toolkit answers ${h(item.id)} yet.</p>`;
  const rows = item.byRole
    .filter((role) => role.people > 0)
    .map(
      (role) =>
        `<tr><th scope="row">${h(JOB_ROLE_WORDS[role.jobRole] ?? role.jobRole)}</th><td>${role.people}</td><td>${role.completed}</td><td>${role.percent === null ? "–" : `${role.percent}%`}</td></tr>`,
    )
    .join("");
  return `<p>Training that answers ${h(item.id)}: ${item.modules.map((module) => h(module.title)).join(", ")}. ${item.assigned} people assigned; ${item.completed} people hold a current completion.</p>
<table><caption>Training completion for ${h(item.id)} by role (each person counted once)</caption><thead><tr><th scope="col">Role</th><th scope="col">People</th><th scope="col">Completed</th><th scope="col">Percentage</th></tr></thead><tbody>${rows}</tbody></table>`;
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
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem;color:#0b0c0c}
table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}caption{text-align:left;font-weight:700;padding:.5rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:left;vertical-align:top}a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
</style>
</head>
<body>
<main>
<h1>${h(title)}</h1>
<p>Published ${h(published.generatedAt.slice(0, 10))}. Training figures are live counts of distinct people in ${h(published.force.name)} (${trainingEvidence.people} people), each person counted once; no individual is named.</p>
${plan ? `<p>Action plan source: ${plan.source.url ? `<a href="${h(plan.source.url)}">${h(plan.source.title)}</a>` : h(plan.source.title)} (${h(plan.source.publisher)}).</p>` : "<p>No action plan is held for this force in the toolkit; training evidence only.</p>"}
<h2>Responses to the recommendations</h2>
${planned.map((response) => responseSection(response, byId.get(response.id))).join("\n")}
${unanswered.length ? `<h2>Training evidence for recommendations the plan does not answer</h2>\n${unanswered.map((item) => `<section aria-labelledby="ev-${h(item.id.replace(".", "-"))}"><h3 id="ev-${h(item.id.replace(".", "-"))}">Recommendation ${h(item.id)}</h3><p>${h(item.summary)}</p>${evidenceBlock(item)}</section>`).join("\n")}` : ""}
<p>Machine-readable version: <a href="plan.json">plan.json</a>.</p>
</main>
</body>
</html>
`;
}
