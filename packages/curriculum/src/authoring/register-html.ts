import type { FactRegister, RegisterEntry } from "../register";
import { longDate } from "../register";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const html = (text: string): string => text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);

const statusLabel: Record<RegisterEntry["status"], string> = {
  "in-force": "In force",
  "enacted-not-commenced": "Enacted, not in force",
  announced: "Announced",
  pending: "Pending",
  published: "Published figure",
};

function sourceItem(source: RegisterEntry["sources"][number]): string {
  const read = source.readOn ? `read ${html(longDate(source.readOn))}` : "not recorded as read";
  const note = source.note ? `<br>${html(source.note)}` : "";
  return `<li><a href="${html(source.url)}">${html(source.title)}</a> (${html(source.publisher)}; ${read})${note}</li>`;
}

function useItem(use: RegisterEntry["usedIn"][number]): string {
  const where = use.kind === "question" ? `question ${use.id}` : `lesson ${use.lessonId ?? ""}, block ${use.id}`;
  return `<li>${html(use.moduleTitle)}: ${html(where)}</li>`;
}

function row(fact: RegisterEntry): string {
  const used = fact.usedIn.length > 0 ? `<ul>${fact.usedIn.map(useItem).join("")}</ul>` : "Not used in lessons";
  const material = fact.material ? `Yes${fact.changedOn ? `, changed ${html(longDate(fact.changedOn))}` : ""}` : "No";
  return [
    `<tr id="fact-${html(fact.id)}">`,
    `<th scope="row"><code>${html(fact.id)}</code><br>${html(fact.value)}</th>`,
    `<td>${html(fact.statement)}<br><span class="jurisdiction">${html(fact.jurisdiction)}</span></td>`,
    `<td><strong class="status status-${html(fact.status)}">${statusLabel[fact.status]}</strong></td>`,
    `<td>${html(fact.confidence)}</td>`,
    `<td>${html(longDate(fact.checkedOn))}</td>`,
    `<td>${html(longDate(fact.reviewBy))}</td>`,
    `<td>${material}</td>`,
    `<td><ul>${fact.sources.map(sourceItem).join("")}</ul></td>`,
    `<td>${used}</td>`,
    `<td></td>`,
    "</tr>",
  ].join("\n");
}

/**
 * The facts register as a standalone HTML page a legal reviewer can read, print and sign: one row per fact with
 * its status, confidence, dates, sources (with the day each was read) and where the course uses it, and an empty
 * column for the reviewer's initials.
 */
export function renderRegisterHtml(register: FactRegister): string {
  const modules = register.modules.map(
    (m) => `<li>${html(m.title)} (<code>${html(m.id)}</code>), version ${html(m.version)}</li>`,
  );
  const notInForce = register.facts.filter((fact) => !["in-force", "published"].includes(fact.status)).length;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Facts register: ${html(register.courseId)} ${html(register.courseVersion)}</title>
<style>
body { font-family: Arial, sans-serif; margin: 1rem; line-height: 1.4; color: #0b0c0c; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #505a5f; padding: 0.4rem; vertical-align: top; text-align: left; }
caption { text-align: left; font-weight: bold; font-size: 1.2rem; margin-bottom: 0.5rem; }
.status-enacted-not-commenced, .status-announced, .status-pending { background: #fff7bf; }
a { color: #1d70b8; }
@media print { a { color: inherit; } }
</style>
</head>
<body>
<main>
<h1>Facts register: Responding to stalking, version ${html(register.courseVersion)}</h1>
<p>Generated from the course content by <code>build:content</code>. Each fact is written once and used by the lessons and questions listed against it. ${register.facts.length} facts; ${notInForce} not in force (taught with their status).</p>
<h2>Modules</h2>
<ul>
${modules.join("\n")}
</ul>
<h2>Facts</h2>
<table>
<caption>Every key fact with its status, confidence, dates, sources and use</caption>
<thead>
<tr><th scope="col">Fact</th><th scope="col">Statement and jurisdiction</th><th scope="col">Status</th><th scope="col">Confidence</th><th scope="col">Checked on</th><th scope="col">Review by</th><th scope="col">Material</th><th scope="col">Sources</th><th scope="col">Used in</th><th scope="col">Reviewer's initials</th></tr>
</thead>
<tbody>
${register.facts.map(row).join("\n")}
</tbody>
</table>
<h2>Sign-off</h2>
<p>I have checked each fact above against the sources listed and agree that the course states it correctly, with its status, on the date below.</p>
<dl>
<dt>Reviewer's name and role</dt><dd>&nbsp;</dd>
<dt>Signature</dt><dd>&nbsp;</dd>
<dt>Date</dt><dd>&nbsp;</dd>
</dl>
</main>
</body>
</html>
`;
}

/** The facts register as the JSON document shipped in `register/facts-register.json`. */
export function renderRegisterJson(register: FactRegister): string {
  return `${JSON.stringify(register, null, 2)}\n`;
}
