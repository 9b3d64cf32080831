import { course, findModule } from "@stalking-response/curriculum";
import type { Module, Question } from "@stalking-response/curriculum";
import { expect } from "vitest";
import type { Officer } from "./driver";

/** The module the journey completes: Stalking Protection Orders. */
export const spoModuleId = "stalking-protection-orders";

/** Module 3 as authored: the test reads the right answers from the curriculum, never from the page. */
export function spoModule(): Module {
  const module = findModule(course, spoModuleId);
  if (!module) throw new Error(`the curriculum has no ${spoModuleId} module`);
  return module;
}

/** Sign-in details of an officer the test created. */
export type Credentials = { identifier: string; password: string };

/** From the first page load to "My training", including a wrong password and its named error first. */
export async function signIn(officer: Officer, credentials: Credentials) {
  const { page } = officer;
  await page.goto("/");
  // A full page load is not a navigation inside the app, so focus stays at the top (the skip link comes first).
  await officer.arrive("Sign in", { focus: "none" });
  await officer.fill(page.getByLabel("Email address or collar number"), credentials.identifier);
  await officer.fill(page.getByLabel("Password"), `${credentials.password}-wrong`);
  await officer.activate(page.getByRole("button", { name: "Sign in" }));
  await officer.arrive("Error: Sign in", { focus: "error-summary" });
  await expect
    .poll(() => page.getByRole("alert").textContent())
    .toContain("Enter a correct email address or collar number and password");
  await officer.fill(page.getByLabel("Password"), credentials.password);
  await officer.activate(page.getByRole("button", { name: "Sign in" }));
  await officer.arrive("My training");
}

/** Opens module 3 from "My training" and checks how it is listed there first. */
export async function openModule(officer: Officer, expectedStatus: string) {
  const { page } = officer;
  const module = spoModule();
  const entry = page.locator(".app-module-list__item", { has: page.getByRole("link", { name: module.title }) });
  await expect.poll(() => entry.textContent()).toContain(expectedStatus);
  await officer.activate(entry.getByRole("link", { name: module.title }));
  await officer.arrive(module.title);
}

/** Reads every lesson in order from the module page, checking the progress bar on each. */
export async function readLessons(officer: Officer, from = 0) {
  const { page } = officer;
  const module = spoModule();
  const lessons = module.lessons;
  for (const [index, lesson] of lessons.entries()) {
    if (index < from) continue;
    await officer.arrive(`${lesson.title} – ${module.title}`);
    const progress = page.getByRole("progressbar");
    expect(await progress.getAttribute("aria-valuenow")).toBe(String(index + 1));
    expect(await progress.getAttribute("aria-valuetext")).toBe(`Lesson ${index + 1} of ${lessons.length}`);
    const last = index === lessons.length - 1;
    await officer.activate(
      page.getByRole("button", { name: last ? "Continue to the knowledge check" : "Next lesson" }),
    );
  }
  await officer.arrive(`Knowledge check – ${module.title}`);
}

/** The answer a test officer gives: every correct option, or one wrong option. */
function answerFor(question: Question, correct: boolean): string[] {
  const texts = (ids: readonly string[]) =>
    ids.map((id) => question.options.find((option) => option.id === id)?.text ?? id);
  if (correct) return texts(question.correctOptionIds);
  const wrong = question.options.find((option) => !question.correctOptionIds.includes(option.id));
  if (!wrong) throw new Error(`question ${question.id} has no wrong option`);
  return texts([wrong.id]);
}

/**
 * From the knowledge-check start page to the result page: each question on its own page, an empty answer
 * refused with a named error, the back link keeping the answer, and check-your-answers before submitting.
 */
export async function takeKnowledgeCheck(officer: Officer, pass: boolean) {
  const { page } = officer;
  const module = spoModule();
  const questions = module.knowledgeCheck.questions;
  await officer.activate(page.getByRole("button", { name: "Start the knowledge check" }));
  for (const [index, question] of questions.entries()) {
    const title = `Question ${index + 1} of ${questions.length} – ${module.title}`;
    await officer.arrive(title);
    const type = question.kind === "multiple-choice" ? "checkbox" : "radio";
    if (index === 0) {
      await officer.activate(page.getByRole("button", { name: "Continue" }));
      await officer.arrive(`Error: ${title}`, { focus: "error-summary" });
      expect(await page.getByRole("alert").textContent()).toMatch(/Select (an answer|all the answers that apply)/);
    }
    await officer.choose(answerFor(question, pass), type);
    if (index === 1) {
      // Going back keeps the answer already given to the previous question.
      await officer.activate(page.getByRole("link", { name: "Back" }));
      await officer.arrive(`Question 1 of ${questions.length} – ${module.title}`);
      const first = questions[0];
      if (!first) throw new Error("no first question");
      for (const label of answerFor(first, pass))
        expect(await page.getByLabel(label, { exact: true }).isChecked()).toBe(true);
      await officer.activate(page.getByRole("button", { name: "Continue" }));
      await officer.arrive(title);
      await officer.choose(answerFor(question, pass), type);
    }
    const last = index === questions.length - 1;
    await officer.activate(page.getByRole("button", { name: last ? "Continue to check your answers" : "Continue" }));
  }
  await officer.arrive(`Check your answers – ${module.title}`);
  await officer.activate(page.getByRole("button", { name: "Submit answers" }));
  await officer.arrive(pass ? "You passed the knowledge check" : "You did not pass this time");
  // Every question comes back with the server's verdict and the explanation of the answer given.
  for (const question of questions) {
    const given = answerFor(question, pass);
    const explanation = question.options.find((option) => option.text === given[0])?.explanation;
    expect(await page.getByText(explanation ?? "", { exact: true }).count()).toBeGreaterThan(0);
  }
  const verdicts = await page
    .locator(".srt-knowledge-check__feedback")
    .evaluateAll((sections) =>
      sections.map((section) => section.querySelector(":scope > p > .govuk-tag")?.textContent),
    );
  expect(verdicts).toEqual(questions.map(() => (pass ? "Correct" : "Not correct")));
}

/** After a failed attempt: review and retry, then pass, then the certificate. */
export async function retryAndPass(officer: Officer): Promise<string> {
  const { page } = officer;
  const module = spoModule();
  await officer.activate(page.getByRole("link", { name: "Take the knowledge check again" }));
  await officer.arrive(`Knowledge check – ${module.title}`);
  await takeKnowledgeCheck(officer, true);
  await officer.activate(page.getByRole("button", { name: "View your certificate" }));
  await officer.arrive(`Certificate – ${module.title}`);
  const id = await page.locator(".srt-certificate__id").textContent();
  expect(id).toMatch(/^SRT(-[0-9A-Z]{4}){3}$/);
  expect(await page.getByRole("button", { name: "Print certificate" }).count()).toBe(1);
  return id ?? "";
}

/** Home to "My training" to see module 3 completed, then sign out. */
export async function finishAndSignOut(officer: Officer) {
  const { page } = officer;
  await officer.activate(page.getByRole("link", { name: "Stalking training", exact: true }));
  await officer.arrive("My training");
  const module = spoModule();
  const entry = page.locator(".app-module-list__item", { has: page.getByRole("link", { name: module.title }) });
  await expect.poll(() => entry.textContent()).toContain("Completed");
  // On a phone the header menu is folded away behind its button.
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await officer.activate(menu);
  await officer.activate(page.getByRole("link", { name: "Sign out" }));
  await officer.arrive("You have signed out");
  // The accessibility statement is linked from every page's footer, signed in or not.
  await officer.activate(page.getByRole("link", { name: "Accessibility statement" }));
  await officer.arrive("Accessibility statement");
  // The session is gone on the server too: the training list now sends the browser to sign in.
  await page.goto("/training");
  await officer.arrive("Sign in", { focus: "none" });
}

/**
 * Module 2's practice screening, from its lesson: the briefing on the invented case, then the first steps of
 * the example screening running in the page (nothing is sent to the server), then back to the lesson.
 */
export async function practiseScreening(officer: Officer) {
  const { page } = officer;
  const module = findModule(course, "risk-screening");
  const lesson = module?.lessons.find((candidate) =>
    candidate.blocks.some((block) => block.kind === "practice-screening"),
  );
  const block = lesson?.blocks.find((candidate) => candidate.kind === "practice-screening");
  if (!module || !lesson || block?.kind !== "practice-screening") throw new Error("module 2 has no practice screening");
  // The service name in the header leads home to "My training" from any page.
  await officer.activate(page.getByRole("link", { name: "Stalking training", exact: true }));
  await officer.arrive("My training");
  await officer.activate(page.getByRole("link", { name: module.title }));
  await officer.arrive(module.title);
  await officer.activate(page.getByRole("link", { name: lesson.title }));
  await officer.arrive(`${lesson.title} – ${module.title}`);
  await officer.activate(page.getByRole("link", { name: "Start the practice screening" }));
  const practice = (heading: string) => `${heading} – Practice screening`;
  await officer.arrive(practice(block.title));
  await expect.poll(() => page.getByText("This case is invented").count()).toBeGreaterThan(0);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/") && request.method() !== "GET") sent.push(request.url());
  });
  await officer.activate(page.getByRole("button", { name: "Start the practice screening" }));
  await officer.arrive(/ – Practice screening – Stalking training$/);
  const first = await page.locator("h1").textContent();
  // Continue with nothing chosen: the screening itself refuses, naming the question.
  await officer.activate(page.getByRole("button", { name: "Continue" }));
  await officer.arrive(/^Error: .* – Practice screening – Stalking training$/, { focus: "error-summary" });
  await officer.choose(["No"], "radio");
  await officer.activate(page.getByRole("button", { name: "Continue" }));
  await expect.poll(() => page.locator("h1").textContent()).not.toBe(first);
  await officer.arrive(/^(?!Error).* – Practice screening – Stalking training$/);
  expect(sent, "the practice screening must not send anything to the server").toEqual([]);
  await officer.activate(page.getByRole("link", { name: "Leave the practice and go back to the lesson" }));
  await officer.arrive(`${lesson.title} – ${module.title}`);
}
