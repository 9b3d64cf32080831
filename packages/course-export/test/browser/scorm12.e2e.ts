// SCORM 1.2 in a real run-time: each module's exported zip is unzipped behind a small LMS page whose `window.API` is
// scorm-again's Scorm12API, and its SCO runs in Debian's chromium. The learner reads the lessons, fails the knowledge
// check, reloads (the LMS restores what it committed, as a real LMS does between sessions), resumes from
// cmi.suspend_data and cmi.core.lesson_location, then passes. The assertions read what the run-time committed.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { course, type Module } from "@stalking-response/curriculum";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportScorm12, scorm12SuspendDataLimit } from "../../src/index";
import {
  answerLabels,
  answerQuestion,
  axeViolations,
  launchChromium,
  overflowsSideways,
  readBody,
  serveFile,
  unzipPackage,
} from "./harness";

const require = createRequire(import.meta.url);
const scormAgain = readFileSync(require.resolve("scorm-again/scorm12/min"), "utf8");

type Cmi = {
  core: {
    lesson_status: string;
    lesson_location: string;
    exit: string;
    session_time?: string;
    score: { raw: string; min: string; max: string };
  };
  suspend_data: string;
};

/** What the LMS keeps per module: every commit body, in order. */
const commits = new Map<string, Cmi[]>();
const folders = new Map<string, string>();

/** The LMS page: scorm-again's run-time, seeded with the last committed data, and the SCO in a titled frame. */
function lmsPage(moduleId: string, title: string): string {
  const saved = commits.get(moduleId)?.at(-1);
  const seed = saved
    ? {
        core: {
          lesson_status: saved.core.lesson_status,
          lesson_location: saved.core.lesson_location,
          entry: saved.core.exit === "suspend" ? "resume" : "",
          score: saved.core.score,
        },
        suspend_data: saved.suspend_data,
      }
    : null;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS: ${title}</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style>
<script>${scormAgain}</script>
<script>
  window.API = new Scorm12API({ lmsCommitUrl: "/commit/${moduleId}", autocommit: false, logLevel: 5,
    dataCommitFormat: "json", responseHandler: undefined });
  const seed = ${JSON.stringify(seed)};
  if (seed) window.API.loadFromJSON(seed);
</script></head>
<body><main><iframe title="${title}" src="/content/${moduleId}/${moduleId}/index.html"></iframe></main></body></html>`;
}

let server: Server;
let origin = "";
let browser: Browser;

beforeAll(async () => {
  for (const module of course.modules) {
    const exported = exportScorm12(course, { modules: [module.id] });
    if (!exported.ok) throw new Error(JSON.stringify(exported.issues));
    folders.set(module.id, unzipPackage(exported.value.bytes));
  }
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const [, area, moduleId = "", ...rest] = url.pathname.split("/");
    const module = course.modules.find((candidate) => candidate.id === moduleId);
    if (!module) return void response.writeHead(404).end();
    if (area === "lms" && request.method === "GET") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void response.end(lmsPage(module.id, module.title));
    }
    if (area === "commit" && request.method === "POST") {
      void readBody(request).then((body) => {
        const parsed = JSON.parse(body) as { cmi?: Cmi } & Cmi;
        commits.set(module.id, [...(commits.get(module.id) ?? []), parsed.cmi ?? parsed]);
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ result: true, errorCode: 0 }));
      });
      return;
    }
    const folder = folders.get(module.id);
    if (area === "content" && folder && serveFile(folder, `/${rest.join("/")}`, response)) return;
    response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

async function openLms(
  context: BrowserContext,
  module: Module,
): Promise<{ page: Page; sco: ReturnType<Page["frameLocator"]> }> {
  const page = await context.newPage();
  await page.goto(`${origin}/lms/${module.id}`);
  return { page, sco: page.frameLocator("iframe") };
}

const scoFrame = (page: Page) => {
  const frame = page.frames().find((candidate) => candidate.url().endsWith("/index.html"));
  if (!frame) throw new Error("the SCO frame is not loaded");
  return frame;
};

const lastCommit = (moduleId: string) => commits.get(moduleId)?.at(-1);

describe.each(course.modules.map((module) => [module.id, module] as const))(
  "SCORM 1.2 package of %s",
  (_id, module) => {
    it("is read, failed, resumed from suspend_data after a reload, then passed, in scorm-again's run-time", async () => {
      const started = performance.now();
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      const requests: string[] = [];
      context.on("request", (request) => requests.push(request.url()));
      const questions = module.knowledgeCheck.questions;
      try {
        // Session 1: the overview shows the version, review dates and sources; then every lesson.
        let { page, sco } = await openLms(context, module);
        await sco.getByRole("heading", { level: 1, name: module.title }).waitFor({ timeout: 60_000 });
        await expect.poll(() => lastCommit(module.id)?.core.lesson_status).toBe("incomplete");
        await sco.getByText(module.version, { exact: true }).waitFor();
        await sco.getByRole("heading", { name: "Sources" }).waitFor();
        expect(await axeViolations(scoFrame(page))).toEqual([]);
        expect(await overflowsSideways(scoFrame(page))).toBe(false);

        await sco.getByRole("button", { name: "Start module" }).press("Enter");
        for (const [index, lesson] of module.lessons.entries()) {
          await sco.getByRole("heading", { level: 1, name: lesson.title }).waitFor();
          if (index === 0) {
            expect(await axeViolations(scoFrame(page))).toEqual([]);
            expect(await overflowsSideways(scoFrame(page))).toBe(false);
          }
          const last = index + 1 === module.lessons.length;
          await sco
            .getByRole("button", { name: last ? "Continue to the knowledge check" : "Next lesson" })
            .press("Enter");
        }

        // Every answer wrong: the run-time records a fail with the score.
        for (const index of questions.keys()) {
          await sco.getByText(`Question ${index + 1} of ${questions.length}`).waitFor();
          if (index === 0) expect(await axeViolations(scoFrame(page))).toEqual([]);
          await answerQuestion(sco, answerLabels(module, index, false), index + 1 === questions.length);
        }
        await sco.getByRole("heading", { level: 1, name: "You have not passed this time" }).waitFor();
        expect(await axeViolations(scoFrame(page))).toEqual([]);
        expect(lastCommit(module.id)?.core).toMatchObject({
          lesson_status: "failed",
          score: { raw: "0", min: "0", max: "100" },
        });
        expect(lastCommit(module.id)?.core.lesson_location).toBe("result");

        // Try again, answer the first two right, then the window is reloaded: session 2 resumes at question 3.
        await sco.getByRole("button", { name: "Try the knowledge check again" }).press("Enter");
        for (const index of [0, 1]) {
          await sco.getByText(`Question ${index + 1} of ${questions.length}`).waitFor();
          await answerQuestion(sco, answerLabels(module, index, true), false);
        }
        await sco.getByText(`Question 3 of ${questions.length}`).waitFor();
        await expect.poll(() => lastCommit(module.id)?.core.lesson_location).toBe("question-2");
        await page.close({ runBeforeUnload: true });
        ({ page, sco } = await openLms(context, module));
        await sco.getByText(`Question 3 of ${questions.length}`).waitFor({ timeout: 60_000 });
        for (const index of questions.keys()) {
          if (index < 2) continue;
          await sco.getByText(`Question ${index + 1} of ${questions.length}`).waitFor();
          await answerQuestion(sco, answerLabels(module, index, true), index + 1 === questions.length);
        }
        // Only possible if answers 1 and 2 came back from suspend_data: the score is full marks.
        await sco.getByRole("heading", { level: 1, name: "Module passed" }).waitFor();
        await sco.getByText("You scored 100%").waitFor();
        expect(await axeViolations(scoFrame(page))).toEqual([]);
        await sco.getByRole("button", { name: "Save and exit" }).press("Enter");
        await sco.getByRole("heading", { level: 1, name: "Your progress is saved" }).waitFor();

        const committed = lastCommit(module.id);
        expect(committed?.core).toMatchObject({
          lesson_status: "passed",
          score: { raw: "100", min: "0", max: "100" },
          exit: "",
        });
        expect(committed?.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
        const suspendData = committed?.suspend_data ?? "";
        expect(suspendData.length).toBeGreaterThan(0);
        expect(suspendData.length).toBeLessThanOrEqual(scorm12SuspendDataLimit);

        // Nothing left the test LMS's origin: the package needs no network.
        expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
        console.log(
          `${module.id}: suspend_data ${suspendData.length} characters; journey ${Math.round(performance.now() - started)} ms`,
        );
      } finally {
        await context.close();
      }
    });
  },
);

describe("a SCO outside any platform", () => {
  it("runs from the unzipped files alone, over file://, and says that nothing is recorded", async () => {
    const module = course.modules.find((candidate) => candidate.id === "stalking-protection-orders");
    const folder = module && folders.get(module.id);
    if (!module || !folder) throw new Error("module not exported");
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(join(folder, module.id, "index.html")).href);
      await page.getByRole("heading", { level: 1, name: module.title }).waitFor({ timeout: 60_000 });
      await page.getByText("No SCORM 1.2 learning platform was found", { exact: false }).waitFor();
      expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
      expect(await axeViolations(page.mainFrame())).toEqual([]);
      expect(await overflowsSideways(page.mainFrame())).toBe(false);
    } finally {
      await context.close();
    }
  });
});
