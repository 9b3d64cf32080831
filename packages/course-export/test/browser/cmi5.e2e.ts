// cmi5 end to end: the whole-course cmi5 package is unzipped and served from its own origin; a harness acting as the
// LMS reads cmi5.xml, stores LMS.LaunchData, records "launched" and launches each AU in Debian's chromium with
// endpoint, fetch, actor, registration and activityId. The AU talks to a strict xAPI endpoint (./lrs.ts) on another
// origin. The learner reads the lessons, fails, exits, is relaunched, resumes and passes; the test then checks the
// statements the LRS accepted against the cmi5 rules: order, context template, categories, results and moveOn.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { course } from "@stalking-response/curriculum";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCmi5 } from "../../src/index";
import {
  answerLabels,
  answerQuestion,
  axeViolations,
  launchChromium,
  overflowsSideways,
  serveFile,
  unzipPackage,
} from "./harness";
import { startLrs, type StoredStatement } from "./lrs";

const verbs = {
  launched: "http://adlnet.gov/expapi/verbs/launched",
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
};
const verbName = (id: string) => Object.entries(verbs).find(([, value]) => value === id)?.[0] ?? id;
const categoryCmi5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const categoryMoveOn = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const sessionIdExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const masteryExtension = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

type Au = { id: string; url: string; moveOn: string; masteryScore: number };

let lrs: Awaited<ReturnType<typeof startLrs>>;
let auServer: Server;
let auOrigin = "";
let browser: Browser;
const aus = new Map<string, Au>();

beforeAll(async () => {
  const exported = exportCmi5(course);
  if (!exported.ok) throw new Error(JSON.stringify(exported.issues));
  const folder = unzipPackage(exported.value.bytes);
  // The LMS imports the course structure: each AU's publisher id, launch URL, moveOn and masteryScore.
  const xml = readFileSync(join(folder, "cmi5.xml"), "utf8");
  for (const match of xml.matchAll(
    /<au id="([^"]+)" moveOn="([^"]+)" masteryScore="([^"]+)"[^>]*>[\s\S]*?<url>([^<]+)<\/url>/g,
  )) {
    const [, id = "", moveOn = "", mastery = "", url = ""] = match;
    aus.set(url.split("/")[0] ?? "", { id, url, moveOn, masteryScore: Number(mastery) });
  }
  auServer = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    if (!serveFile(folder, path, response)) response.writeHead(404).end();
  });
  await new Promise<void>((done) => auServer.listen(0, "127.0.0.1", done));
  auOrigin = `http://127.0.0.1:${(auServer.address() as AddressInfo).port}`;
  lrs = await startLrs();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await lrs?.close();
  await new Promise((done) => auServer?.close(done));
});

const inSession = (sessionId: string) => (statement: StoredStatement) =>
  statement.context?.extensions?.[sessionIdExtension] === sessionId;

describe.each(course.modules.map((module) => [module.id, module] as const))("cmi5 AU of %s", (_id, module) => {
  it("follows the launch sequence and sends valid cmi5 statements: completed, failed, then passed after a relaunch", async () => {
    const started = performance.now();
    const au = aus.get(module.id);
    if (!au) throw new Error(`cmi5.xml has no AU for ${module.id}`);
    expect(au).toMatchObject({ moveOn: "Passed", masteryScore: module.knowledgeCheck.passMarkPercent / 100 });
    const actor = {
      objectType: "Agent",
      name: "Test Learner",
      account: { homePage: "https://lms.example.invalid", name: `learner-${module.id}` },
    };
    const registration = randomUUID();
    const activityId = `https://lms.example.invalid/activities/${randomUUID()}`;
    const launch = () =>
      lrs.launch({
        auUrl: `${auOrigin}/${au.url}`,
        publisherId: au.id,
        activityId,
        actor,
        registration,
        masteryScore: au.masteryScore,
        moveOn: au.moveOn,
      });
    const questions = module.knowledgeCheck.questions;
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page: Page = await context.newPage();
    const rejectedBefore = lrs.rejected.length;
    try {
      // Session 1: read every lesson (completed), fail the check (failed), save and exit (terminated).
      const first = await launch();
      await page.goto(first.url);
      await page.getByRole("heading", { level: 1, name: module.title }).waitFor({ timeout: 60_000 });
      await expect
        .poll(() => lrs.statements.filter(inSession(first.sessionId)).map((s) => verbName(s.verb.id)))
        .toContain("initialized");
      expect(await axeViolations(page.mainFrame())).toEqual([]);
      expect(await overflowsSideways(page.mainFrame())).toBe(false);
      await page.getByRole("button", { name: "Start module" }).press("Enter");
      for (const [index, lesson] of module.lessons.entries()) {
        await page.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
        const last = index + 1 === module.lessons.length;
        await page
          .getByRole("button", { name: last ? "Continue to the knowledge check" : "Next lesson" })
          .press("Enter");
      }
      for (const index of questions.keys()) {
        await page.getByText(`Question ${index + 1} of ${questions.length}`).waitFor();
        if (index === 0) expect(await axeViolations(page.mainFrame())).toEqual([]);
        await answerQuestion(page, answerLabels(module, index, false), index + 1 === questions.length);
      }
      await page.getByRole("heading", { level: 1, name: "You have not passed this time" }).waitFor();
      await page.getByText("Your result has been sent to your learning platform (cmi5).").waitFor();
      await page.getByRole("button", { name: "Save and exit" }).press("Enter");
      await page.getByRole("heading", { level: 1, name: "Your progress is saved" }).waitFor();
      await expect.poll(() => lrs.statements.filter(inSession(first.sessionId)).length).toBe(5);

      // Session 2: relaunched by the LMS (a new fetch URL and session), the AU resumes at the result from its State
      // document, the learner tries again and passes.
      const second = await launch();
      await page.goto(second.url);
      await page.getByRole("heading", { level: 1, name: "You have not passed this time" }).waitFor({ timeout: 60_000 });
      await page.getByRole("button", { name: "Try the knowledge check again" }).press("Enter");
      for (const index of questions.keys()) {
        await page.getByText(`Question ${index + 1} of ${questions.length}`).waitFor();
        await answerQuestion(page, answerLabels(module, index, true), index + 1 === questions.length);
      }
      await page.getByRole("heading", { level: 1, name: "Module passed" }).waitFor();
      expect(await axeViolations(page.mainFrame())).toEqual([]);
      await page.getByRole("button", { name: "Save and exit" }).press("Enter");
      await page.getByRole("heading", { level: 1, name: "Your progress is saved" }).waitFor();
      await expect.poll(() => lrs.statements.filter(inSession(second.sessionId)).length).toBe(4);

      // Every request the AU made was accepted: nothing failed xAPI validation, auth or the session rules.
      expect(lrs.rejected.slice(rejectedBefore)).toEqual([]);

      // Order within each session: launched (LMS), initialized first from the AU, terminated last.
      const verbsOf = (sessionId: string) =>
        lrs.statements.filter(inSession(sessionId)).map((s) => verbName(s.verb.id));
      expect(verbsOf(first.sessionId)).toEqual(["launched", "initialized", "completed", "failed", "terminated"]);
      expect(verbsOf(second.sessionId)).toEqual(["launched", "initialized", "passed", "terminated"]);

      const fromAu = lrs.statements.filter(
        (statement) => statement.context?.registration === registration && statement.verb.id !== verbs.launched,
      );
      for (const statement of fromAu) {
        const verb = verbName(statement.verb.id);
        const contextActivities = statement.context?.contextActivities ?? {};
        // The context template: registration, the publisher id in grouping, the session id; cmi5 category.
        expect(statement.actor).toEqual(actor);
        expect(statement.object.id).toBe(activityId);
        expect(contextActivities.grouping).toContainEqual({ id: au.id });
        expect(contextActivities.category).toContainEqual({ id: categoryCmi5 });
        const result = statement.result ?? {};
        const judged = "success" in result || "completion" in result;
        expect(
          contextActivities.category?.some((category) => category.id === categoryMoveOn),
          verb,
        ).toBe(judged);
        if (verb === "passed" || verb === "failed") {
          const score = result.score as { scaled: number; raw: number; min: number; max: number };
          expect(result.success).toBe(verb === "passed");
          expect(score.scaled >= au.masteryScore).toBe(verb === "passed");
          expect(score).toMatchObject({ min: 0, max: 100, raw: Math.floor(score.scaled * 100) });
          expect(statement.context?.extensions?.[masteryExtension]).toBe(au.masteryScore);
          expect("completion" in result).toBe(false);
        } else {
          expect("score" in result || "success" in result).toBe(false);
        }
        if (verb === "completed") expect(result.completion).toBe(true);
        else expect("completion" in result).toBe(false);
        if (verb !== "initialized") expect(result.duration).toMatch(/^PT\d+(\.\d+)?S$/);
      }
      // moveOn "Passed": exactly one passed statement in the registration satisfies the AU; completed only once.
      expect(fromAu.filter((statement) => statement.verb.id === verbs.passed)).toHaveLength(1);
      expect(fromAu.filter((statement) => statement.verb.id === verbs.completed)).toHaveLength(1);
      const passed = fromAu.find((statement) => statement.verb.id === verbs.passed);
      expect((passed?.result?.score as { scaled: number }).scaled).toBe(1);
      console.log(
        `${module.id}: cmi5 journey ${Math.round(performance.now() - started)} ms, ${fromAu.length} AU statements`,
      );
    } finally {
      await context.close();
    }
  });
});

describe("a cmi5 AU launched for review", () => {
  it("sends no completed, passed or failed statements, and tells the learner nothing is recorded", async () => {
    const module = course.modules.find((candidate) => candidate.id === "online-stalking");
    const au = module && aus.get(module.id);
    if (!module || !au) throw new Error("no AU for online-stalking");
    const actor = { objectType: "Agent", account: { homePage: "https://lms.example.invalid", name: "reviewer" } };
    const launch = await lrs.launch({
      auUrl: `${auOrigin}/${au.url}`,
      publisherId: au.id,
      activityId: `https://lms.example.invalid/activities/${randomUUID()}`,
      actor,
      registration: randomUUID(),
      masteryScore: au.masteryScore,
      moveOn: au.moveOn,
      launchMode: "Review",
    });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(launch.url);
      await page.getByText("opened this module for review", { exact: false }).waitFor({ timeout: 60_000 });
      await page.getByRole("button", { name: "Start module" }).press("Enter");
      for (const [index, lesson] of module.lessons.entries()) {
        await page.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
        const last = index + 1 === module.lessons.length;
        await page
          .getByRole("button", { name: last ? "Continue to the knowledge check" : "Next lesson" })
          .press("Enter");
      }
      const questions = module.knowledgeCheck.questions;
      for (const index of questions.keys()) {
        await page.getByText(`Question ${index + 1} of ${questions.length}`).waitFor();
        await answerQuestion(page, answerLabels(module, index, true), index + 1 === questions.length);
      }
      await page.getByText("This result is not recorded.").waitFor();
      await page.getByRole("button", { name: "Save and exit" }).press("Enter");
      await page.getByRole("heading", { level: 1, name: "Your progress is saved" }).waitFor();
      await expect
        .poll(() => lrs.statements.filter(inSession(launch.sessionId)).map((s) => verbName(s.verb.id)))
        .toEqual(["launched", "initialized", "terminated"]);
    } finally {
      await context.close();
    }
  });
});
