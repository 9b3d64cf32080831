import { factUses, proseKeys, statusText, unitsOf } from "./register";
import type { CourseShape, Fact } from "./schema";

/** A path into the course document, as zod reports it. */
export type IssuePath = (string | number)[];

/** A reference or consistency problem found in a course, located by path. */
export interface CourseIssue {
  path: IssuePath;
  message: string;
}

const placeholder = /\{\{\s*fact:([^}]*?)\s*\}\}/g;
const statusPlaceholder = /\{\{\s*status:([^}]*?)\s*\}\}/g;

/** Fact statuses that must be taught with their status because they are not (yet) law in force. */
const notInForce = new Set<Fact["status"]>(["enacted-not-commenced", "announced", "pending"]);

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
 * Replaces each `{{fact:id}}` with the fact's value and each `{{status:id}}` with its status in words ("enacted but
 * not yet in force when last checked on 6 December 2026"). Unknown ids are left in place; `checkCourse` reports them.
 *
 * @example resolveFacts("within {{fact:spo-notification-deadline}}", facts) // "within 3 days"
 */
export function resolveFacts(text: string, facts: readonly Fact[]): string {
  const find = (id: string): Fact | undefined => facts.find((fact) => fact.id === id);
  return text
    .replace(placeholder, (whole, id: string) => find(id)?.value ?? whole)
    .replace(statusPlaceholder, (whole, id: string) => {
      const fact = find(id);
      return fact ? statusText(fact) : whole;
    });
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
    if (fact.reviewBy <= fact.checkedOn) {
      issues.push({ path: ["facts", f, "reviewBy"], message: "must be after checkedOn" });
    }
    if (fact.changedOn !== undefined && fact.changedOn > fact.checkedOn) {
      issues.push({
        path: ["facts", f, "changedOn"],
        message: "cannot be after checkedOn: check the changed fact first",
      });
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
      if (block.kind === "practice-screening") {
        (block.lessons ?? []).forEach((link, k) => {
          const target = course.modules.find((candidate) => candidate.id === (link.moduleId ?? module.id));
          if (!target) {
            issues.push({ path: [...path, "lessons", k, "moduleId"], message: `unknown module "${link.moduleId}"` });
          } else if (!target.lessons.some((lesson) => lesson.id === link.lessonId)) {
            issues.push({
              path: [...path, "lessons", k, "lessonId"],
              message: `module "${target.id}" has no lesson "${link.lessonId}"`,
            });
          }
        });
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
      for (const match of [...value.matchAll(placeholder), ...value.matchAll(statusPlaceholder)]) {
        const id = match[1] ?? "";
        if (!factIds.has(id)) issues.push({ path, message: `unknown fact "${id}" in placeholder ${match[0]}` });
      }
      if (!distractor) checkGuards(value, validGuards, path, issues);
    }

    checkStatusesStated(module, course.facts, at(), issues);
    checkHistory(module, course.facts, at(), issues);
  });

  return issues;
}

/**
 * A block or question that states a fact not in force (enacted but not commenced, announced or pending) must say so
 * in the same block or question with `{{status:id}}`, so no officer is taught a future power as current practice.
 */
function checkStatusesStated(
  module: CourseShape["modules"][number],
  facts: readonly Fact[],
  path: IssuePath,
  issues: CourseIssue[],
): void {
  const pending = facts.filter((fact) => notInForce.has(fact.status));
  if (pending.length === 0) return;
  for (const unit of unitsOf(module, path)) {
    for (const fact of pending) {
      if (!factUses(unit.text, fact)) continue;
      // The exported course has its placeholders resolved, so the status may already be in words.
      if (unit.text.includes(`{{status:${fact.id}}}`) || unit.text.includes(statusText(fact))) continue;
      issues.push({
        path: unit.path,
        message: `states "${fact.id}", which is ${fact.status}, without saying so: add {{status:${fact.id}}} to this ${unit.kind}`,
      });
    }
  }
}

function semverParts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return [major, minor, patch];
}

/** Negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [semverParts(a), semverParts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/**
 * A module's history is its release list, newest first: it starts at `version`, only goes back in version and date,
 * raises the major version exactly when a release is material, and records a material release for every change to
 * a material fact the module uses.
 */
function checkHistory(
  module: CourseShape["modules"][number],
  facts: readonly Fact[],
  path: IssuePath,
  issues: CourseIssue[],
): void {
  const { history } = module;
  if (history[0] && history[0].version !== module.version) {
    issues.push({
      path: [...path, "history", 0, "version"],
      message: `must be ${module.version}, the module's version: list the newest release first`,
    });
  }
  history.forEach((release, r) => {
    const at = [...path, "history", r];
    const older = history[r + 1];
    release.facts.forEach((id, f) => {
      const fact = facts.find((candidate) => candidate.id === id);
      if (!fact) issues.push({ path: [...at, "facts", f], message: `unknown fact "${id}"` });
      else if (!fact.material)
        issues.push({ path: [...at, "facts", f], message: `fact "${id}" is not marked material` });
    });
    if (!older) return;
    if (compareVersions(release.version, older.version) <= 0) {
      issues.push({
        path: [...at, "version"],
        message: `must be newer than ${older.version}, the release listed after it`,
      });
    }
    if (release.date < older.date) {
      issues.push({ path: [...at, "date"], message: `cannot be before ${older.date}, the date of the older release` });
    }
    const majorRaised = semverParts(release.version)[0] > semverParts(older.version)[0];
    if (release.material && !majorRaised) {
      issues.push({
        path: [...at, "version"],
        message: "a material release must raise the major version, so hosts know past passes need renewing",
      });
    }
    if (!release.material && majorRaised) {
      issues.push({ path: [...at, "material"], message: "must be true: this release raises the major version" });
    }
  });

  const units = unitsOf(module, path);
  for (const fact of facts) {
    if (!fact.material || fact.changedOn === undefined) continue;
    if (!units.some((unit) => factUses(unit.text, fact))) continue;
    const recorded = history.some(
      (release) => release.material && release.date >= (fact.changedOn ?? "") && release.facts.includes(fact.id),
    );
    if (!recorded) {
      issues.push({
        path: [...path, "history"],
        message: `uses the material fact "${fact.id}", changed on ${fact.changedOn}: add a release that raises the major version, dated on or after that day, listing it under facts`,
      });
    }
  }
}
