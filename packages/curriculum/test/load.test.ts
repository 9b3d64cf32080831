import { describe, expect, it } from "vitest";
import { courseFile, formatIssue, loadCourse } from "../src/authoring/load";
import type { ContentIssue } from "../src/authoring/load";
import { edit, lineOf, readContent } from "./content";

const m1 = "modules/recognising-stalking.yaml";
const m3 = "modules/stalking-protection-orders.yaml";

function issuesOf(files: ReadonlyMap<string, string>): ContentIssue[] {
  const result = loadCourse(files);
  return result.ok ? [] : result.issues;
}

/** Plants one mistake and expects exactly one issue at the file and line where the mistake is. */
async function expectOneIssue(
  file: string,
  find: string,
  replace: string,
  expected: { message: RegExp; field?: string; lineOf?: string },
): Promise<void> {
  const files = edit(await readContent(), file, find, replace);
  const issues = issuesOf(files);
  expect(issues.map(formatIssue)).toHaveLength(1);
  const [issue] = issues;
  expect(issue?.file).toBe(file);
  expect(issue?.message).toMatch(expected.message);
  if (expected.field !== undefined) expect(issue?.field).toBe(expected.field);
  expect(issue?.line).toBe(lineOf(files.get(file), expected.lineOf ?? replace));
}

describe("loadCourse reports each content mistake with its file and line", () => {
  it("a citation of a source the course does not have", async () => {
    await expectOneIssue(m1, "sources: [pha-1997-s7]\n", "sources: [pha-1997-s9]\n", {
      message: /unknown source "pha-1997-s9"/,
      field: "lessons[1].blocks[0].sources[0]",
    });
  });

  it("a citation of a course source missing from the module's own list", async () => {
    await expectOneIssue(
      m1,
      "        sources: [ons-stalking-2024, ons-crime-2025]",
      "        sources: [ons-stalking-2024, ons-crime-2025, spa-2019]",
      {
        message: /source "spa-2019" is not in this module's sources list/,
      },
    );
  });

  it("a recommendation id the report does not have", async () => {
    await expectOneIssue(m1, '"23.1"]', '"23.9"]', {
      message: /"23\.9" is not a recommendation or sub-item in the report/,
      field: "recommendationIds[5]",
      lineOf: "recommendationIds:",
    });
  });

  it("a practice screening on a scenario that is not shipped", async () => {
    await expectOneIssue(
      "modules/risk-screening.yaml",
      "scenarioId: breached-spo-ex-partner",
      "scenarioId: example-unknown-case",
      { message: /unknown practice scenario "example-unknown-case"/ },
    );
  });

  it("a practice screening whose feedback links to a lesson that does not exist", async () => {
    await expectOneIssue(
      "modules/risk-screening.yaml",
      "- { about: dmmListing.listed, lessonId: meetings-and-practice }",
      "- { about: dmmListing.listed, lessonId: no-such-lesson }",
      { message: /module "risk-screening" has no lesson "no-such-lesson"/ },
    );
  });

  it("a fact-bearing block with no citation", async () => {
    await expectOneIssue(m1, "        sources: [ons-stalking-2024, ons-crime-2025]\n", "", {
      message: /states facts, so it must cite at least one source/,
      field: "lessons[0].blocks[3].sources",
      lineOf: "id: how-common",
    });
  });

  it("a fact-bearing block with an empty citation list", async () => {
    await expectOneIssue(m1, "        sources: [super-complaint-report, essex-action-plan]", "        sources: []", {
      message: /must cite at least one source/,
      field: "lessons[2].blocks[3].sources",
    });
  });

  it("an option without an explanation", async () => {
    await expectOneIssue(m3, "          explanation: Section 7 sends SPO appeals to the Crown Court.\n", "", {
      message: /every option needs an explanation/,
      lineOf: "id: court-of-appeal",
    });
  });

  it("an option with a blank explanation", async () => {
    await expectOneIssue(m3, "explanation: Section 7 sends SPO appeals to the Crown Court.", 'explanation: " "', {
      message: /every option needs an explanation/,
    });
  });

  it("a duplicate block id within a module", async () => {
    await expectOneIssue(m1, "id: list-not-exhaustive", "id: s2a3-behaviours", {
      message: /duplicate block id "s2a3-behaviours"/,
      lineOf: "id: s2a3-behaviours\n        kind: callout",
    });
  });

  it("a duplicate question id", async () => {
    await expectOneIssue(m3, "id: which-court", "id: who-applies", {
      message: /duplicate question id "who-applies"/,
      lineOf: "id: who-applies\n      kind: single-choice\n      prompt: To which court",
    });
  });

  it("a duplicate option id", async () => {
    await expectOneIssue(m3, "id: court-of-appeal", "id: crown-court", {
      message: /duplicate option id "crown-court"/,
      lineOf: "id: crown-court\n          text: The Court of Appeal",
    });
  });

  it("a duplicate source id in the course", async () => {
    const duplicate =
      '  - id: spa-2019\n    title: Copy\n    publisher: Copy\n    url: https://example.org\n    date: "2019"\n';
    await expectOneIssue(courseFile, "  - id: spa-2019-notes\n", `${duplicate}  - id: spa-2019-notes\n`, {
      message: /duplicate source id "spa-2019"/,
      lineOf: "id: spa-2019\n    title: Copy",
    });
  });

  it("a correct answer that is not one of the options", async () => {
    await expectOneIssue(m3, "correctOptionIds: [crown-court]", "correctOptionIds: [high-court]", {
      message: /correct option "high-court" is not an option/,
    });
  });

  it("a placeholder for a fact that does not exist", async () => {
    await expectOneIssue(m3, "{{fact:spo-minimum-duration}}, or until", "{{fact:spo-min}}, or until", {
      message: /unknown fact "spo-min"/,
      lineOf: "summary: >-\n          A full order runs",
    });
  });

  it("a field that is not part of the model", async () => {
    await expectOneIssue(m1, "validityMonths: 12", "validityMonths: 12\nvalidFor: 12", {
      message: /validFor/,
      lineOf: "validFor",
    });
  });

  it("a module estimated outside 15 to 25 minutes", async () => {
    await expectOneIssue(m1, "estimatedMinutes: 23", "estimatedMinutes: 40", {
      message: /15 to 25 minutes/,
      field: "estimatedMinutes",
    });
  });

  it("a next review date that is not after the last review", async () => {
    await expectOneIssue(m1, 'nextReviewDue: "2027-06-06"', 'nextReviewDue: "2026-01-01"', {
      message: /must be after reviewedOn/,
    });
  });

  it("a sentence that puts threats back under the Malicious Communications Act", async () => {
    await expectOneIssue(
      m1,
      "A message threatening death or serious harm is now charged under OSA s181, and",
      "A message threatening death or serious harm is now charged under the Malicious Communications Act. And",
      {
        message: /states "threatening" where the fact "mca-s1-scope" says "indecent or grossly offensive"/,
        lineOf: "summary: >-\n          Since",
      },
    );
  });

  it("a lesson that states an un-commenced provision without its status", async () => {
    await expectOneIssue(
      m3,
      "This change is {{status:spo-own-motion}}: until it is commenced",
      "This change is coming: until it is commenced",
      {
        message: /states "spo-own-motion", which is enacted-not-commenced, without saying so/,
        lineOf: "- id: courts-own-motion",
      },
    );
  });

  it("prose that describes an un-commenced provision in its own words, without placeholder or status", async () => {
    await expectOneIssue(
      m1,
      "          record why it does not fit the description of stalking.",
      "          record why it does not fit the description of stalking. Courts now make SPOs of their own motion.",
      {
        message: /states "spo-own-motion", which is enacted-not-commenced, without saying so/,
        lineOf: "- id: think-stalking-first",
      },
    );
  });

  it("a material fact change without a major release of the module that uses it", async () => {
    const changed = edit(
      await readContent(),
      courseFile,
      "    guard:\n      near: [summary, within]",
      '    changedOn: "2026-12-06"\n    guard:\n      near: [summary, within]',
    );
    const issues = issuesOf(changed).map(formatIssue);
    expect(issues).toEqual([
      expect.stringMatching(
        /^modules\/recognising-stalking\.yaml:\d+:\d+ history: uses the material fact "summary-time-limit", changed on 2026-12-06: add a release that raises the major version/,
      ),
    ]);
  });

  it("a material release that does not raise the major version", async () => {
    await expectOneIssue(
      m3,
      "version: 2.0.0\nhistory:\n  - version: 2.0.0",
      "version: 1.1.0\nhistory:\n  - version: 1.1.0",
      {
        message: /a material release must raise the major version/,
        lineOf: "  - version: 1.1.0",
      },
    );
  });

  it("a history that does not start at the module's version", async () => {
    await expectOneIssue(m3, "version: 2.0.0\nhistory:", "version: 2.1.0\nhistory:", {
      message: /must be 2\.1\.0, the module's version/,
      lineOf: "  - version: 2.0.0",
    });
  });

  it("a YAML duplicate key", async () => {
    await expectOneIssue(m1, "validityMonths: 12", "validityMonths: 12\nvalidityMonths: 6", {
      message: /duplicate key/i,
      lineOf: "validityMonths: 6",
    });
  });

  it("a YAML syntax error", async () => {
    await expectOneIssue(m1, "title: Recognising stalking", "title: Recognising stalking: the basics", {
      message: /./,
    });
  });

  it("a module id that differs from its file name", async () => {
    await expectOneIssue(m1, "id: recognising-stalking", "id: recognising-stalking-v2", {
      message: /must be "recognising-stalking"/,
    });
  });
});

describe("loadCourse checks the files match the module list", () => {
  it("reports a listed module with no file at its line in course.yaml", async () => {
    const files = await readContent();
    files.delete(m3);
    const issues = issuesOf(files);
    expect(issues).toEqual([
      expect.objectContaining({
        file: courseFile,
        line: lineOf(files.get(courseFile), "  - stalking-protection-orders"),
        message: expect.stringMatching(/no file modules\/stalking-protection-orders\.yaml/) as string,
      }),
    ]);
  });

  it("reports a module file that is not listed", async () => {
    const files = await readContent();
    files.set("modules/draft.yaml", files.get(m1) ?? "");
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({ file: "modules/draft.yaml", message: expect.stringMatching(/not listed/) as string }),
    ]);
  });

  it("reports a missing course file", () => {
    expect(issuesOf(new Map())).toEqual([expect.objectContaining({ file: courseFile, message: "file is missing" })]);
  });

  it("reports several mistakes in one run, each with its own location", async () => {
    let files = edit(await readContent(), m1, "id: list-not-exhaustive", "id: s2a3-behaviours");
    files = edit(files, m3, "correctOptionIds: [crown-court]", "correctOptionIds: [high-court]");
    const issues = issuesOf(files);
    expect(issues.map((issue) => issue.file).sort()).toEqual([m1, m3]);
  });
});

describe("formatIssue", () => {
  it("prints file:line:column and the message, which names the field", () => {
    const issue = {
      path: ["lessons", 0, "id"],
      file: m1,
      line: 4,
      column: 7,
      field: "lessons[0].id",
      message: "lessons[0].id: bad",
    };
    expect(formatIssue(issue)).toBe(`${m1}:4:7 lessons[0].id: bad`);
  });

  it("gives every issue a path and a message that starts with its field", async () => {
    const files = edit(await readContent(), m1, "sources: [pha-1997-s7]\n", "sources: [pha-1997-s9]\n");
    const [issue] = issuesOf(files);
    expect(issue?.path).toEqual(["lessons", 1, "blocks", 0, "sources", 0]);
    expect(issue?.message).toMatch(/^lessons\[1\]\.blocks\[0\]\.sources\[0\]: unknown source "pha-1997-s9"/);
  });
});
