import type { Question } from "@stalking-response/curriculum";
import { describe, expect, it } from "vitest";
import { newDevice } from "./browser";
import { Officer } from "./driver";
import { openModule, readLessons, signIn, spoModule } from "./journey";
import { serverAndBrowserForFile } from "./server";

const live = serverAndBrowserForFile();

/** The question of the bank the page shows. */
async function shownQuestion(officer: Officer): Promise<Question> {
  const squash = (text: string) => text.replace(/\s+/g, " ").trim();
  const shown = squash(await officer.page.locator("main").innerText());
  const question = spoModule().knowledgeCheck.questions.find((candidate) => shown.includes(squash(candidate.prompt)));
  if (!question) throw new Error(`no question of the bank on the page: ${shown.slice(0, 200)}`);
  return question;
}

describe("an officer who leaves part-way through the knowledge check", () => {
  it("answers two questions on a desk computer and carries on from the third on a phone, keyboard only", async () => {
    const module = spoModule();
    const count = module.knowledgeCheck.questionsPerAttempt ?? module.knowledgeCheck.questions.length;
    const credentials = await live.server.newOfficer();

    const desk = await newDevice(live.browser, live.server.baseURL);
    await desk.page.setViewportSize({ width: 1366, height: 900 });
    const atDesk = new Officer(desk.page, "pointer");
    await signIn(atDesk, credentials);
    await openModule(atDesk, "Not started");
    await atDesk.activate(desk.page.getByRole("button", { name: "Start module" }));
    await readLessons(atDesk);
    await atDesk.activate(desk.page.getByRole("button", { name: "Start the knowledge check" }));
    const given: { question: Question; label: string }[] = [];
    for (const number of [1, 2]) {
      await atDesk.arrive(`Question ${number} of ${count} – ${module.title}`);
      const question = await shownQuestion(atDesk);
      const label = question.options[0]?.text ?? "";
      await atDesk.choose([label], question.kind === "multiple-choice" ? "checkbox" : "radio");
      await atDesk.activate(desk.page.getByRole("button", { name: "Continue" }));
      given.push({ question, label });
    }
    await atDesk.arrive(`Question 3 of ${count} – ${module.title}`);
    // The officer walks away: this browser, its tab and its storage are gone.
    await desk.context.close();

    const phone = await newDevice(live.browser, live.server.baseURL);
    await phone.page.setViewportSize({ width: 320, height: 700 });
    const onPhone = new Officer(phone.page, "keyboard");
    await signIn(onPhone, credentials);
    await openModule(onPhone, "In progress");
    await onPhone.activate(phone.page.getByRole("button", { name: "Continue to the knowledge check" }));
    await onPhone.arrive(`Knowledge check – ${module.title}`);
    await onPhone.activate(phone.page.getByRole("button", { name: /knowledge check/ }));
    // Straight to the first question not yet answered, with the earlier answers kept.
    await onPhone.arrive(`Question 3 of ${count} – ${module.title}`);
    for (const number of [2, 1]) {
      await onPhone.activate(phone.page.getByRole("link", { name: "Back" }));
      await onPhone.arrive(`Question ${number} of ${count} – ${module.title}`);
      const answer = given[number - 1];
      if (!answer) throw new Error(`no answer to question ${number}`);
      expect((await shownQuestion(onPhone)).id).toBe(answer.question.id);
      expect(await phone.page.getByLabel(answer.label, { exact: true }).isChecked()).toBe(true);
    }
    const widths = await phone.page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  }, 240_000);
});
