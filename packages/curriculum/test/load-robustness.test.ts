import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { courseFile, loadCourse } from "../src/authoring/load";
import { readContent } from "./content";

const files = await readContent();
const paths = [...files.keys()];

/** Pieces of text a careless edit might leave behind. */
const debris = fc.constantFrom(
  "",
  "  ",
  "- ",
  ": ",
  "{{",
  "}}",
  "[",
  "]",
  '"',
  "'",
  "\t",
  "&anchor",
  "*anchor",
  "!!binary",
  "id: x",
  "sources:",
  "- id: duplicate",
  "kind: text",
  "kind: unknown",
  "correctOptionIds: []",
  "{{fact:spo-notification-deadline}}",
  "within 9 days of notification",
);

describe("loadCourse on damaged content", () => {
  it("never throws, and every problem points at a line inside a file that exists", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.nat(),
        fc.nat(),
        fc.array(debris, { minLength: 1, maxLength: 3 }),
        (path, lineSeed, columnSeed, pieces) => {
          const lines = (files.get(path) ?? "").split("\n");
          const line = lineSeed % lines.length;
          const text = lines[line] ?? "";
          const column = columnSeed % (text.length + 1);
          lines[line] = `${text.slice(0, column)}${pieces.join("")}${text.slice(column)}`;
          const damaged = new Map(files).set(path, lines.join("\n"));

          const result = loadCourse(damaged);
          if (result.ok) return;
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            const fileLines = damaged.get(issue.file)?.split("\n").length ?? 0;
            expect(damaged.has(issue.file), issue.file).toBe(true);
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.line).toBeLessThanOrEqual(fileLines + 1);
            expect(issue.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 40 },
    );
    // Each run parses and validates the whole course, so the default per-test timeout is too tight here.
  }, 240_000);

  it("reports an alias bomb as a located problem instead of expanding it", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 12 }, (_, i) => {
        const name = String.fromCharCode(98 + i);
        const prev = String.fromCharCode(97 + i);
        return `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
    ].join("\n");
    const result = loadCourse(new Map(files).set(courseFile, bomb));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => issue.file)).toEqual([courseFile]);
  });
});
