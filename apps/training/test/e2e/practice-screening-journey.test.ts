import { course, findModule } from "@stalking-response/curriculum";
import { currentView, type ScreeningEvent } from "@stalking-response/risk-screening";
import { practiceFeedback, practiceScenarios } from "@stalking-response/risk-screening/practice";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newDevice } from "./browser";
import { Officer } from "./driver";
import { playPractice, signIn } from "./journey";
import { serverAndBrowserForFile } from "./live";

const live = serverAndBrowserForFile();

function practiceLesson() {
  const module = findModule(course, "risk-screening");
  const lesson = module?.lessons.find((candidate) =>
    candidate.blocks.some((block) => block.kind === "practice-screening"),
  );
  const block = lesson?.blocks.find((candidate) => candidate.kind === "practice-screening");
  if (!module || !lesson || block?.kind !== "practice-screening") throw new Error("module 2 has no practice screening");
  const scenario = practiceScenarios.find((candidate) => candidate.id === block.scenarioId);
  if (!scenario) throw new Error(`no practice scenario ${block.scenarioId}`);
  const address = `/training/${module.id}/lessons/${lesson.id}/practice-screening`;
  return { module, lesson, block, scenario, address };
}

const pageTitle = /^(?!Error).* – Practice screening – Stalking training$/;
const path = (page: Page) => new URL(page.url()).pathname;
const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function openBriefing(officer: Officer) {
  const { block, address } = practiceLesson();
  await officer.page.goto(address);
  await officer.arrive(`${block.title} – Practice screening`, { focus: "none" });
}

describe("the practice screening's pages have addresses", () => {
  it("survives Back, Forward and reload, and names the decisive mistake (pointer, 1,366 px)", async () => {
    const { scenario, block, module, address } = practiceLesson();
    const device = await newDevice(live.browser, live.server.baseURL);
    await device.page.setViewportSize({ width: 1366, height: 900 });
    const officer = new Officer(device.page, "pointer");
    const { page } = officer;
    await signIn(officer, await live.server.newOfficer());
    await openBriefing(officer);
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/") && request.method() !== "GET") sent.push(request.url());
    });
    // The learner misses the threats in his messages: the decisive mistake the feedback must name.
    const events: ScreeningEvent[] = scenario.events.map((event) =>
      event.type === "answer.submit" && "threats" in event.answers
        ? { ...event, answers: { threats: "no" } }
        : event.type === "answer.submit" && "threatsThisEpisode" in event.answers
          ? { ...event, answers: { threatsThisEpisode: "no" } }
          : event,
    );
    await officer.activate(page.getByRole("button", { name: "Start the practice screening" }));
    const shadow = await playPractice(officer, events, async (index, run) => {
      const view = currentView(run.getSnapshot());
      if (view.kind === "questions" && view.step === "relationship") {
        expect(path(page)).toBe(`${address}/relationship`);
        // Browser Back: the page before, with its answer kept; Forward: back here.
        await page.goBack();
        await officer.arrive(pageTitle);
        expect(path(page)).toBe(`${address}/reported-as`);
        await expect
          .poll(() => page.getByLabel("Breach of a protective order", { exact: true }).isChecked())
          .toBe(true);
        await page.goBack();
        await officer.arrive(pageTitle);
        expect(path(page)).toBe(`${address}/triage`);
        await page.goForward();
        await officer.arrive(pageTitle);
        await page.goForward();
        await officer.arrive(pageTitle);
        expect(path(page)).toBe(`${address}/relationship`);
        // Reload: the same page and every answer so far.
        await page.reload();
        await officer.arrive(pageTitle, { focus: "none" });
        expect(path(page)).toBe(`${address}/relationship`);
        await page.goBack();
        await officer.arrive(pageTitle);
        await expect
          .poll(() => page.getByLabel("Breach of a protective order", { exact: true }).isChecked())
          .toBe(true);
        await page.goForward();
        await officer.arrive(pageTitle);
        expect(path(page)).toBe(`${address}/relationship`);
      }
      if (view.kind === "checkAnswers") {
        await page.reload();
        await officer.arrive(/^Check your answers – Practice screening/, { focus: "none" });
        expect(path(page)).toBe(`${address}/check-answers`);
        expect(await page.getByText("Breach of a protective order").count()).toBeGreaterThan(0);
      }
      if (index === events.length - 1) expect(path(page)).toBe(`${address}/feedback`);
    });
    const outcome = currentView(shadow.getSnapshot());
    if (outcome.kind !== "outcome") throw new Error("the run did not finish");
    const feedback = practiceFeedback(scenario, outcome.outcome);
    expect(feedback.decisive?.field).toBe("flags.threats");
    const section = page.getByRole("region", { name: "How your screening compares" });
    await section.getByRole("heading", { level: 3, name: "The difference that matters most" }).waitFor();
    expect(await section.textContent()).toContain(
      "Threats: your screening gave “No”; an experienced officer would reach “Yes”.",
    );
    expect(await section.textContent()).toContain(`Why: ${scenario.explanations["flags.threats"]}`);
    expect(await page.locator("main").textContent()).not.toMatch(
      /stalkingS4A|breachOfOrder|dmmListing|undefined|expected a list/,
    );
    // Back after the screening has finished cannot undo it: the feedback stays.
    await page.goBack();
    await officer.arrive(pageTitle, { focus: "none" });
    expect(path(page)).toBe(`${address}/feedback`);
    // … and says why.
    await page
      .getByText("The screening has been sent for review, so its earlier pages cannot be changed now.")
      .waitFor();
    // The feedback sends the learner to the lesson that teaches the point they missed.
    const link = block.lessons.find((candidate) => candidate.about === "flags.threats");
    const taught = module.lessons.find((candidate) => candidate.id === link?.lessonId);
    if (!taught) throw new Error("the curriculum names no lesson for threats");
    await officer.activate(section.getByRole("link", { name: `Read the lesson “${taught.title}” again` }));
    await officer.arrive(`${taught.title} – ${module.title}`);
    expect(sent, "the practice screening must not send anything to the server").toEqual([]);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("works by keyboard at 320 px, with an error summary that takes focus and keeps answers over Back and reload", async () => {
    const { address } = practiceLesson();
    const device = await newDevice(live.browser, live.server.baseURL);
    await device.page.setViewportSize({ width: 320, height: 640 });
    const officer = new Officer(device.page, "keyboard");
    const { page } = officer;
    await signIn(officer, await live.server.newOfficer());
    await openBriefing(officer);
    expect(await noSidewaysScroll(page)).toBe(true);
    await officer.activate(page.getByRole("button", { name: "Start the practice screening" }));
    await officer.arrive(pageTitle);
    expect(path(page)).toBe(`${address}/triage`);
    await officer.activate(page.getByRole("button", { name: "Continue" }));
    await officer.arrive(/^Error: .* – Practice screening – Stalking training$/, { focus: "error-summary" });
    // The summary's link takes the keyboard to the question.
    await officer.activate(page.locator(".govuk-error-summary").getByRole("link").first());
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("radio");
    await officer.choose(["No"], "radio");
    await officer.activate(page.getByRole("button", { name: "Continue" }));
    await officer.arrive(pageTitle);
    expect(path(page)).toBe(`${address}/reported-as`);
    await officer.choose(["Harassment"], "radio");
    await officer.activate(page.getByRole("button", { name: "Continue" }));
    await officer.arrive(pageTitle);
    expect(path(page)).toBe(`${address}/relationship`);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.reload();
    await officer.arrive(pageTitle, { focus: "none" });
    expect(path(page)).toBe(`${address}/relationship`);
    // The page's own Back link, by keyboard, is a step back too; the address follows.
    await officer.activate(page.getByRole("link", { name: "Back", exact: true }));
    await officer.arrive(pageTitle);
    expect(path(page)).toBe(`${address}/reported-as`);
    expect(await page.getByLabel("Harassment", { exact: true }).isChecked()).toBe(true);
    await page.goBack();
    await officer.arrive(pageTitle);
    expect(path(page)).toBe(`${address}/relationship`);
    // Back past the first page leaves the screening for its briefing, which offers to continue it.
    await page.goto(`${address}`);
    await officer.arrive(/ – Practice screening – Stalking training$/, { focus: "none" });
    await officer.activate(page.getByRole("button", { name: "Continue the practice screening" }));
    await officer.arrive(pageTitle);
    expect(path(page)).toBe(`${address}/relationship`);
    // An address the screening has not reached yet goes back to where the screening is.
    await page.goto(`${address}/check-answers`);
    await officer.arrive(pageTitle, { focus: "none" });
    expect(path(page)).toBe(`${address}/relationship`);
    // It was not sent for review, so the page does not say it was.
    expect(await page.getByText("sent for review").count()).toBe(0);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});
