/** Where the learner is in a module; saved as `cmi.core.lesson_location`, so kept short. */
export type Page =
  | { kind: "overview" }
  | { kind: "lesson"; index: number }
  | { kind: "question"; index: number }
  | { kind: "result" }
  | { kind: "exited" };

/** The page as a location string such as `lesson-2`. */
export function pageLocation(page: Page): string {
  return page.kind === "lesson" || page.kind === "question" ? `${page.kind}-${page.index}` : page.kind;
}

/** Reads a saved location back; anything unknown or out of range is the overview. */
export function parseLocation(location: string | null, lessonCount: number, questionCount: number): Page {
  const match = /^(lesson|question)-(\d+)$/.exec(location ?? "");
  if (match) {
    const index = Number(match[2]);
    if (match[1] === "lesson" && index < lessonCount) return { kind: "lesson", index };
    if (match[1] === "question" && index < questionCount) return { kind: "question", index };
  }
  return location === "result" ? { kind: "result" } : { kind: "overview" };
}
