import type { CourseShape, Fact } from "./schema";

/** A path into the course document, as zod reports it. */
export type IssuePath = (string | number)[];

/** A reference or consistency problem found in a course, located by path. */
export interface CourseIssue {
  path: IssuePath;
  message: string;
}

const placeholder = /\{\{\s*fact:([^}]*?)\s*\}\}/g;

/** Keys whose string values are prose a learner reads; only these may hold `{{fact:id}}` placeholders. */
const proseKeys = new Set([
  "title",
  "summary",
  "body",
  "items",
  "prompts",
  "prompt",
  "text",
  "explanation",
  "scenario",
  "briefing",
  "caption",
  "alt",
  "legislation",
  "section",
]);

/** A prose string inside a module, with where it sits and whether it is meant to be wrong. */
interface ProseString {
  path: IssuePath;
  value: string;
  /** The text of an option that is not a correct answer: a deliberate falsehood, exempt from fact guards. */
  distractor: boolean;
}

function collectProse(value: unknown, path: IssuePath, key: string | undefined, out: ProseString[]): void {
  if (typeof value === "string") {
    if (key !== undefined && proseKeys.has(key)) out.push({ path, value, distractor: false });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectProse(item, [...path, index], key, out));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [childKey, child] of Object.entries(value)) collectProse(child, [...path, childKey], childKey, out);
  }
}

/** Every prose string in a module, flagging the text of wrong options. */
function moduleProse(module: CourseShape["modules"][number], path: IssuePath): ProseString[] {
  const out: ProseString[] = [];
  collectProse(module, path, undefined, out);
  const distractorPaths = new Set<string>();
  module.knowledgeCheck.questions.forEach((question, q) => {
    question.options.forEach((option, o) => {
      if (!question.correctOptionIds.includes(option.id)) {
        distractorPaths.add(JSON.stringify([...path, "knowledgeCheck", "questions", q, "options", o, "text"]));
      }
    });
  });
  return out.map((entry) => ({ ...entry, distractor: distractorPaths.has(JSON.stringify(entry.path)) }));
}

/**
 * Replaces each `{{fact:id}}` with the fact's value. Unknown ids are left in place; `checkCourse` reports them.
 *
 * @example resolveFacts("within {{fact:spo-notification-deadline}}", facts) // "within 3 days"
 */
export function resolveFacts(text: string, facts: readonly Fact[]): string {
  return text.replace(placeholder, (whole, id: string) => facts.find((fact) => fact.id === id)?.value ?? whole);
}

/** Returns a copy of the course with every placeholder in its prose replaced by the fact value. */
export function resolveCourseFacts<T extends CourseShape>(course: T): T {
  const resolve = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === "string")
      return key !== undefined && proseKeys.has(key) ? resolveFacts(value, course.facts) : value;
    if (Array.isArray(value)) return value.map((item) => resolve(item, key));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, resolve(child, childKey)]));
    }
    return value;
  };
  // The walk only swaps strings for strings, so each module keeps its shape.
  const modules = course.modules.map((module) => resolve(module, undefined) as T["modules"][number]);
  return { ...course, modules };
}

function duplicates(ids: readonly string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  ids.forEach((id, index) => seen.set(id, [...(seen.get(id) ?? []), index]));
  return new Map([...seen].filter(([, indexes]) => indexes.length > 1));
}

function reportDuplicates(
  items: readonly { id: string }[],
  path: IssuePath,
  what: string,
  issues: CourseIssue[],
): void {
  for (const [id, indexes] of duplicates(items.map((item) => item.id))) {
    for (const index of indexes.slice(1)) {
      issues.push({ path: [...path, index, "id"], message: `duplicate ${what} id "${id}"` });
    }
  }
}

/** Splits prose into sentences so a guard compares a figure only with the words around it. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?;:])\s+|\n+/).filter((sentence) => sentence.trim().length > 0);
}

function keywordPresent(sentence: string, keyword: string): boolean {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[^a-z0-9])${escaped}`, "i").test(sentence);
}

/** Reports each sentence that talks about a guarded fact but states a different figure. */
function checkGuards(text: string, facts: readonly Fact[], path: IssuePath, issues: CourseIssue[]): void {
  const resolved = resolveFacts(text, facts);
  for (const fact of facts) {
    if (!fact.guard) continue;
    const { near, figure } = fact.guard;
    for (const sentence of sentences(resolved)) {
      if (!near.every((keyword) => keywordPresent(sentence, keyword))) continue;
      for (const match of sentence.matchAll(new RegExp(figure, "gi"))) {
        if (match[0].toLowerCase() !== fact.value.toLowerCase()) {
          issues.push({
            path,
            message: `states "${match[0]}" where the fact "${fact.id}" says "${fact.value}" (sentence: "${sentence.trim()}"); use {{fact:${fact.id}}}`,
          });
        }
      }
    }
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "gi");
    return true;
  } catch {
    return false;
  }
}

/**
 * The cross-reference and consistency rules the shape alone cannot express. Pure: returns every problem found.
 * (Recommendation ids are checked by the schema, against the recommendations package's list.)
 */
export function checkCourse(course: CourseShape): CourseIssue[] {
  const issues: CourseIssue[] = [];
  const sourceIds = new Set(course.sources.map((source) => source.id));
  const scenarioIds = new Set(course.practiceScenarios.map((scenario) => scenario.id));

  reportDuplicates(course.sources, ["sources"], "source", issues);
  reportDuplicates(course.facts, ["facts"], "fact", issues);
  reportDuplicates(course.practiceScenarios, ["practiceScenarios"], "practice scenario", issues);
  reportDuplicates(course.modules, ["modules"], "module", issues);

  course.facts.forEach((fact, f) => {
    fact.sources.forEach((id, s) => {
      if (!sourceIds.has(id)) issues.push({ path: ["facts", f, "sources", s], message: `unknown source "${id}"` });
    });
    if (fact.guard && !compiles(fact.guard.figure)) {
      issues.push({ path: ["facts", f, "guard", "figure"], message: "is not a valid regular expression" });
    }
  });
  const factIds = new Set(course.facts.map((fact) => fact.id));
  const validGuards = course.facts.filter((fact) => !fact.guard || compiles(fact.guard.figure));

  course.modules.forEach((module, m) => {
    const at = (...rest: IssuePath): IssuePath => ["modules", m, ...rest];
    const cited = new Set<string>();
    const cite = (ids: readonly string[], path: IssuePath): void => {
      ids.forEach((id, s) => {
        cited.add(id);
        if (!module.sources.includes(id)) {
          issues.push({
            path: [...path, s],
            message: sourceIds.has(id)
              ? `source "${id}" is not in this module's sources list`
              : `unknown source "${id}"`,
          });
        }
      });
    };

    module.sources.forEach((id, s) => {
      if (!sourceIds.has(id)) issues.push({ path: at("sources", s), message: `unknown source "${id}"` });
    });
    for (const [id, indexes] of duplicates(module.sources)) {
      for (const index of indexes.slice(1))
        issues.push({ path: at("sources", index), message: `duplicate source "${id}"` });
    }
    if (module.nextReviewDue <= module.reviewedOn) {
      issues.push({ path: at("nextReviewDue"), message: "must be after reviewedOn" });
    }

    reportDuplicates(module.lessons, at("lessons"), "lesson", issues);
    const blocks = module.lessons.flatMap((lesson, l) =>
      lesson.blocks.map((block, b) => ({ block, path: at("lessons", l, "blocks", b) })),
    );
    for (const [id, indexes] of duplicates(blocks.map(({ block }) => block.id))) {
      for (const index of indexes.slice(1)) {
        const entry = blocks[index];
        if (entry) issues.push({ path: [...entry.path, "id"], message: `duplicate block id "${id}" in this module` });
      }
    }
    for (const { block, path } of blocks) {
      if ("sources" in block) cite(block.sources, [...path, "sources"]);
      if (block.kind === "practice-screening" && !scenarioIds.has(block.scenarioId)) {
        issues.push({ path: [...path, "scenarioId"], message: `unknown practice scenario "${block.scenarioId}"` });
      }
    }

    const questions = module.knowledgeCheck.questions;
    reportDuplicates(questions, at("knowledgeCheck", "questions"), "question", issues);
    questions.forEach((question, q) => {
      const qPath = at("knowledgeCheck", "questions", q);
      cite(question.sources, [...qPath, "sources"]);
      reportDuplicates(question.options, [...qPath, "options"], "option", issues);
      const optionIds = new Set(question.options.map((option) => option.id));
      question.correctOptionIds.forEach((id, c) => {
        if (!optionIds.has(id)) {
          issues.push({ path: [...qPath, "correctOptionIds", c], message: `correct option "${id}" is not an option` });
        }
      });
      for (const [id, indexes] of duplicates(question.correctOptionIds)) {
        for (const index of indexes.slice(1)) {
          issues.push({ path: [...qPath, "correctOptionIds", index], message: `option "${id}" listed twice` });
        }
      }
    });

    module.sources.forEach((id, s) => {
      if (!cited.has(id)) issues.push({ path: at("sources", s), message: `source "${id}" is listed but never cited` });
    });

    for (const { path, value, distractor } of moduleProse(module, at())) {
      for (const match of value.matchAll(placeholder)) {
        const id = match[1] ?? "";
        if (!factIds.has(id)) issues.push({ path, message: `unknown fact "${id}" in placeholder ${match[0]}` });
      }
      if (!distractor) checkGuards(value, validGuards, path, issues);
    }
  });

  return issues;
}
