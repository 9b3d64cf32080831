import type { CourseShape, Fact, FactStatus, Source } from "./schema";

/** Keys whose string values are prose a learner reads; only these may hold `{{fact:id}}` placeholders. */
export const proseKeys: ReadonlySet<string> = new Set([
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

function proseOf(value: unknown, key: string | undefined, out: string[]): string[] {
  if (typeof value === "string") {
    if (key !== undefined && proseKeys.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) proseOf(item, key, out);
  } else if (value !== null && typeof value === "object") {
    for (const [childKey, child] of Object.entries(value)) proseOf(child, childKey, out);
  }
  return out;
}

type ModuleShape = CourseShape["modules"][number];

/** One block or question of a module with all its prose joined, the unit a status must be stated in. */
export interface ContentUnit {
  kind: "block" | "question";
  path: (string | number)[];
  lessonId?: string;
  id: string;
  text: string;
}

/** Every block and knowledge-check question of a module, with its prose, as authored (placeholders unresolved). */
export function unitsOf(module: ModuleShape, path: (string | number)[] = []): ContentUnit[] {
  const blocks = module.lessons.flatMap((lesson, l) =>
    lesson.blocks.map((block, b): ContentUnit => ({
      kind: "block",
      path: [...path, "lessons", l, "blocks", b],
      lessonId: lesson.id,
      id: block.id,
      text: proseOf(block, undefined, []).join("\n"),
    })),
  );
  const questions = module.knowledgeCheck.questions.map((question, q): ContentUnit => ({
    kind: "question",
    path: [...path, "knowledgeCheck", "questions", q],
    id: question.id,
    text: proseOf(question, undefined, []).join("\n"),
  }));
  return [...blocks, ...questions];
}

/** Whether authored prose states `fact`: through its placeholder or one of its `mentions`. */
export function factUses(text: string, fact: Pick<Fact, "id" | "mentions">): boolean {
  if (new RegExp(`\\{\\{\\s*(?:fact|status):${fact.id}\\s*\\}\\}`).test(text)) return true;
  const lower = text.toLowerCase();
  return fact.mentions.some((mention) => lower.includes(mention.toLowerCase()));
}

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** An ISO date as a learner reads it: `2026-12-06` becomes "6 December 2026". */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day ?? ""} ${months[(month ?? 1) - 1] ?? ""} ${year ?? ""}`;
}

const statusWords: Record<FactStatus, string> = {
  "in-force": "in force",
  "enacted-not-commenced": "enacted but not yet in force",
  announced: "announced by the government but not yet law",
  pending: "proposed but not yet law",
  published: "published",
};

/**
 * A fact's status in words, with the day it was checked, as lesson text shows it through `{{status:id}}`.
 *
 * @example statusText(fact) // "enacted but not yet in force when last checked on 6 December 2026"
 */
export function statusText(fact: Pick<Fact, "status" | "checkedOn">): string {
  return `${statusWords[fact.status]} when last checked on ${longDate(fact.checkedOn)}`;
}

/** Where a fact is used: a block of a lesson, or a knowledge-check question. */
export interface FactUse {
  moduleId: string;
  moduleTitle: string;
  kind: "block" | "question";
  lessonId?: string;
  id: string;
}

/** A fact's source as the register lists it. */
export type RegisterSource = Pick<
  Source,
  "id" | "title" | "publisher" | "url" | "date" | "dateKind" | "readOn" | "note"
>;

/** One row of the facts register a legal reviewer signs off. */
export interface RegisterEntry {
  id: string;
  value: string;
  statement: string;
  jurisdiction: Fact["jurisdiction"];
  status: FactStatus;
  statusText: string;
  confidence: Fact["confidence"];
  checkedOn: string;
  reviewBy: string;
  material: boolean;
  changedOn?: string;
  sources: RegisterSource[];
  usedIn: FactUse[];
}

/** The facts register: every key fact with its sources, status, dates and where the course uses it. */
export interface FactRegister {
  courseId: string;
  courseVersion: string;
  modules: { id: string; title: string; version: string }[];
  facts: RegisterEntry[];
}

/**
 * Builds the facts register from the course as authored (before placeholders are resolved, so it can see where
 * each fact is used).
 *
 * @example factRegister(courseShape).facts.filter((fact) => fact.status !== "in-force")
 */
export function factRegister(course: CourseShape): FactRegister {
  const units = course.modules.flatMap((module) => unitsOf(module).map((unit) => ({ module, unit })));
  return {
    courseId: course.id,
    courseVersion: course.version,
    modules: course.modules.map(({ id, title, version }) => ({ id, title, version })),
    facts: course.facts.map((fact) => ({
      id: fact.id,
      value: fact.value,
      statement: fact.statement,
      jurisdiction: fact.jurisdiction,
      status: fact.status,
      statusText: statusText(fact),
      confidence: fact.confidence,
      checkedOn: fact.checkedOn,
      reviewBy: fact.reviewBy,
      material: fact.material,
      ...(fact.changedOn === undefined ? {} : { changedOn: fact.changedOn }),
      sources: fact.sources.flatMap((id) =>
        course.sources
          .filter((source) => source.id === id)
          .map(({ id: sourceId, title, publisher, url, date, dateKind, readOn, note }) => ({
            id: sourceId,
            title,
            publisher,
            url,
            date,
            dateKind,
            ...(readOn === undefined ? {} : { readOn }),
            ...(note === undefined ? {} : { note }),
          })),
      ),
      usedIn: units
        .filter(({ unit }) => factUses(unit.text, fact))
        .map(({ module, unit }) => ({
          moduleId: module.id,
          moduleTitle: module.title,
          kind: unit.kind,
          ...(unit.lessonId === undefined ? {} : { lessonId: unit.lessonId }),
          id: unit.id,
        })),
    })),
  };
}

/** A register problem that must stop the content build. */
export interface RegisterIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Facts whose review date has passed on `today` (an ISO date). The content build runs this with the current date,
 * so a fact nobody has re-checked in time stops the build until someone reads its sources again.
 *
 * @example checkFactReviews(course, "2027-06-01")
 */
export function checkFactReviews(course: Pick<CourseShape, "facts">, today: string): RegisterIssue[] {
  return course.facts.flatMap((fact, f) =>
    fact.reviewBy < today
      ? [
          {
            path: ["facts", f, "reviewBy"],
            message: `fact "${fact.id}" was due for review on ${fact.reviewBy}: read its sources again, then update checkedOn and reviewBy`,
          },
        ]
      : [],
  );
}

/**
 * Material facts whose wording or status changed since the previous register without a new `changedOn`, so the
 * modules that use them would not be bumped and learners would not be asked to renew.
 *
 * @example unrecordedMaterialChanges(previousRegister, factRegister(course))
 */
export function unrecordedMaterialChanges(
  previous: Pick<FactRegister, "facts">,
  current: Pick<FactRegister, "facts">,
): RegisterIssue[] {
  return current.facts.flatMap((fact, f) => {
    const before = previous.facts.find((candidate) => candidate.id === fact.id);
    if (!fact.material || !before) return [];
    const changed = before.value !== fact.value || before.statement !== fact.statement || before.status !== fact.status;
    if (!changed || before.changedOn !== fact.changedOn) return [];
    return [
      {
        path: ["facts", f, "changedOn"],
        message: `fact "${fact.id}" is material and its value, statement or status changed: set changedOn to the day it changed and add a major release to every module that uses it`,
      },
    ];
  });
}
