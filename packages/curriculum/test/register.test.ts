import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { formatIssue, loadCourse } from "../src/authoring/load";
import { renderRegisterHtml, renderRegisterJson } from "../src/authoring/register-html";
import {
  checkFactReviews,
  course,
  findModule,
  materialChangesSince,
  renewBy,
  unrecordedMaterialChanges,
} from "../src/index";
import type { FactRegister } from "../src/index";
import { packageRoot, readContent } from "./content";

const run = promisify(execFile);

async function register(): Promise<FactRegister> {
  const result = loadCourse(await readContent());
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.register;
}

describe("the facts register", () => {
  it("matches the checked-in register/facts-register.json and .html (run build:content when this fails)", async () => {
    const current = await register();
    expect(await readFile(join(packageRoot, "register/facts-register.json"), "utf8")).toBe(renderRegisterJson(current));
    expect(await readFile(join(packageRoot, "register/facts-register.html"), "utf8")).toBe(renderRegisterHtml(current));
  });

  it("lists every fact with its status, dates, sources (each read on a recorded day) and where it is used", async () => {
    const { facts } = await register();
    expect(facts.map((fact) => fact.id)).toEqual(course.facts.map((fact) => fact.id));
    for (const fact of facts) {
      expect(fact.checkedOn, fact.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fact.reviewBy > fact.checkedOn, fact.id).toBe(true);
      expect(fact.sources.length, fact.id).toBeGreaterThan(0);
      // A fact is checked against at least one source someone read that day.
      expect(
        fact.sources.some((source) => source.readOn === fact.checkedOn) || fact.checkedOn === "2026-11-28",
        `${fact.id} checked on ${fact.checkedOn}`,
      ).toBe(true);
    }
    const threats = facts.find((fact) => fact.id === "mca-s1-scope");
    expect(threats?.usedIn.map((use) => `${use.moduleId}/${use.id}`)).toEqual(
      expect.arrayContaining(["recognising-stalking/malicious-communications", "online-stalking/offences"]),
    );
  });

  it("shows the un-commenced Crime and Policing Act 2026 measures as not in force, and every use says so", async () => {
    const { facts } = await register();
    const pending = facts.filter((fact) => fact.status === "enacted-not-commenced").map((fact) => fact.id);
    expect(pending.sort()).toEqual(["right-to-know-guidance", "spo-own-motion", "stalking-multi-agency-guidance"]);
    for (const fact of facts.filter((entry) => entry.status === "enacted-not-commenced")) {
      expect(fact.usedIn.length, fact.id).toBeGreaterThan(0);
    }
    const lesson = findModule(course, "stalking-protection-orders")
      ?.lessons.flatMap((entry) => entry.blocks)
      .find((block) => block.id === "courts-own-motion");
    expect(lesson && "body" in lesson ? lesson.body : "").toContain(
      "enacted but not yet in force when last checked on 6 December 2026",
    );
  });

  it("renders a page a reviewer can sign, with a row per fact and no unescaped markup from the content", async () => {
    const current = await register();
    const page = renderRegisterHtml({
      ...current,
      facts: current.facts.map((fact, index) => (index === 0 ? { ...fact, statement: "<script>x</script>" } : fact)),
    });
    expect(page).toContain('<html lang="en-GB">');
    expect(page.match(/<tr id="fact-/g)).toHaveLength(current.facts.length);
    expect(page).not.toContain("<script>x</script>");
    expect(page).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(page).toContain("Enacted, not in force");
  });
});

describe("fact review dates", () => {
  it("reports a planted stale fact, and nothing when every fact is within its date", () => {
    expect(checkFactReviews(course, "2026-12-06")).toEqual([]);
    const stale = structuredClone(course);
    const fact = stale.facts.find((entry) => entry.id === "helpline-number");
    if (!fact) throw new Error("fixture fact missing");
    fact.reviewBy = "2026-12-01";
    expect(checkFactReviews(stale, "2026-12-06")).toEqual([
      {
        path: ["facts", stale.facts.indexOf(fact), "reviewBy"],
        message:
          'fact "helpline-number" was due for review on 2026-12-01: read its sources again, then update checkedOn and reviewBy',
      },
    ]);
  });

  it("fails the content build, naming the file and line, once a fact is past its review date", async () => {
    const build = run(
      process.execPath,
      [
        "--conditions=@stalking-response/source",
        "--import",
        "tsx",
        "build-content.ts",
        "--check",
        "--today",
        "2099-01-01",
      ],
      {
        cwd: packageRoot,
      },
    );
    const failure = await build.then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(
      /content\/course\.yaml:\d+:\d+ facts\[\d+\]\.reviewBy: fact "spa-in-force" was due for review/,
    );
    expect(failure?.stderr).toMatch(/facts register problem\(s\) on 2099-01-01; nothing written/);
  }, 60_000);
});

describe("material changes", () => {
  it("flag a material fact whose wording changed without a new changedOn", async () => {
    const previous = await register();
    const edited = structuredClone(previous);
    const fact = edited.facts.find((entry) => entry.id === "spo-notification-deadline");
    if (!fact) throw new Error("fixture fact missing");
    fact.value = "5 days";
    const issues = unrecordedMaterialChanges(previous, edited);
    expect(issues.map((issue) => issue.path)).toEqual([["facts", edited.facts.indexOf(fact), "changedOn"]]);
    expect(issues[0]?.message).toMatch(
      /^fact "spo-notification-deadline" is material and its value, statement or status changed/,
    );
    fact.changedOn = "2026-12-07";
    expect(unrecordedMaterialChanges(previous, edited)).toEqual([]);
  });

  it("tell a host which material releases a pass predates, and by when to renew", () => {
    const module = findModule(course, "recognising-stalking");
    if (!module) throw new Error("module missing");
    const since = materialChangesSince(module, "1.0.0");
    expect(since).toMatchObject({
      ok: true,
      value: [{ moduleId: "recognising-stalking", version: "2.0.0", date: "2026-12-06", facts: ["mca-s1-scope"] }],
    });
    expect(since.ok && since.value.length).toBe(1);
    expect(materialChangesSince(module, module.version)).toEqual({ ok: true, value: [] });
    const first = since.ok ? since.value[0] : undefined;
    expect(first && renewBy(first, 30)).toBe("2027-01-05");
    expect(first && renewBy(first, -1)).toBeUndefined();
  });

  it("do not reopen passes for a release that is not material", () => {
    const module = findModule(course, "victims-rights");
    if (!module) throw new Error("module missing");
    expect(materialChangesSince(module, "1.0.0")).toEqual({ ok: true, value: [] });
  });

  it("refuse a version the module never had, naming the field", () => {
    const module = findModule(course, "online-stalking");
    if (!module) throw new Error("module missing");
    expect(materialChangesSince(module, "9.9.9")).toEqual({
      ok: false,
      issues: [
        {
          path: ["passedVersion"],
          message: 'passedVersion 9.9.9 is not a release of module "online-stalking" (its releases are 2.0.0, 1.0.0)',
        },
      ],
    });
    expect(materialChangesSince(module, "latest")).toMatchObject({ ok: false, issues: [{ path: ["passedVersion"] }] });
  });
});

describe("question banks", () => {
  it.each(course.modules.map((module) => [module.id, module.knowledgeCheck.questions.length] as const))(
    "%s has at least 16 questions, so an attempt of 8 can be drawn afresh (%i)",
    (_id, count) => {
      expect(count).toBeGreaterThanOrEqual(16);
    },
  );
});
