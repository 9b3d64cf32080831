import { course, findModule, resolveCourseFacts } from "@stalking-response/curriculum";
import type { Module, Question } from "@stalking-response/curriculum";
import { createScreeningMachine, currentView } from "@stalking-response/risk-screening";
import type {
  Answers,
  Question as ScreeningQuestion,
  ScreeningEvent,
  ScreeningView,
} from "@stalking-response/risk-screening";
import { compareOutcome, exampleForceConfig, practiceScenarios } from "@stalking-response/risk-screening/practice";
import { createActor } from "xstate";
import { expect } from "vitest";
import { Officer } from "./driver";

/** The module the journey completes: Stalking Protection Orders. */
export const spoModuleId = "stalking-protection-orders";

/** Module 3 as authored: the test reads the right answers from the curriculum, never from the page. */
export function spoModule(): Module {
  // With its facts filled in, as the app serves it (prompts and options may quote a fact).
  const module = findModule(resolveCourseFacts(course), spoModuleId);
  if (!module) throw new Error(`the curriculum has no ${spoModuleId} module`);
  return module;
}

/** Sign-in details of an officer the test created. */
export type Credentials = { identifier: string; password: string };

/**
 * From the first page load to where the person lands ("My training"; trainers land on their overview),
 * including a wrong password and its named error first.
 */
export async function signIn(officer: Officer, credentials: Credentials, landing = "My training") {
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
  await officer.arrive(landing);
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

/** Which question of the bank the page asks: the curriculum question whose prompt the page shows. */
async function askedQuestion(officer: Officer, bank: readonly Question[]): Promise<Question> {
  const squash = (text: string) => text.replace(/\s+/g, " ").trim();
  const shown = squash(await officer.page.locator("main").innerText());
  const question = bank.find((candidate) => shown.includes(squash(candidate.prompt)));
  if (!question) throw new Error(`the page asks no question of the bank: ${shown.slice(0, 300)}`);
  return question;
}

/**
 * From the knowledge-check start page to the result page: each drawn question on its own page, an empty
 * answer refused with a named error, the back link keeping the answer, and check-your-answers before
 * submitting. After a pass every answer is explained; after a fail the page names the questions to revisit
 * and the lessons to read again, and shows no explanation (no answer key). Returns the questions asked.
 */
export async function takeKnowledgeCheck(officer: Officer, pass: boolean): Promise<string[]> {
  const { page } = officer;
  const module = spoModule();
  const bank = module.knowledgeCheck.questions;
  const count = module.knowledgeCheck.questionsPerAttempt ?? bank.length;
  const asked: Question[] = [];
  await officer.activate(page.getByRole("button", { name: "Start the knowledge check" }));
  for (let index = 0; index < count; index += 1) {
    const title = `Question ${index + 1} of ${count} – ${module.title}`;
    await officer.arrive(title);
    const question = await askedQuestion(officer, bank);
    asked.push(question);
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
      await officer.arrive(`Question 1 of ${count} – ${module.title}`);
      const first = asked[0];
      if (!first) throw new Error("no first question");
      for (const label of answerFor(first, pass))
        expect(await page.getByLabel(label, { exact: true }).isChecked()).toBe(true);
      await officer.activate(page.getByRole("button", { name: "Continue" }));
      await officer.arrive(title);
      await officer.choose(answerFor(question, pass), type);
    }
    const last = index === count - 1;
    await officer.activate(page.getByRole("button", { name: last ? "Continue to check your answers" : "Continue" }));
  }
  await officer.arrive(`Check your answers – ${module.title}`);
  await officer.activate(page.getByRole("button", { name: "Submit answers" }));
  await officer.arrive(pass ? "You passed the knowledge check" : "You did not pass this time");
  if (pass) {
    // Every question comes back with the server's verdict and the explanation of the answer given.
    for (const question of asked) {
      const given = answerFor(question, pass);
      const explanation = question.options.find((option) => option.text === given[0])?.explanation;
      expect(await page.getByText(explanation ?? "", { exact: true }).count()).toBeGreaterThan(0);
    }
    const verdicts = await page
      .locator(".srt-knowledge-check__feedback")
      .evaluateAll((sections) =>
        sections.map((section) => section.querySelector(":scope > p > .govuk-tag")?.textContent),
      );
    expect(verdicts).toEqual(asked.map(() => "Correct"));
  } else {
    // No answer key after a fail: the questions to revisit and the lessons to read again, no explanations.
    expect(await page.getByRole("heading", { name: "Questions to revisit" }).count()).toBe(1);
    expect(await page.locator(".govuk-summary-list .govuk-tag").allTextContents()).toEqual(
      asked.map(() => "Not correct"),
    );
    for (const question of asked) {
      for (const option of question.options) {
        expect(await page.getByText(option.explanation, { exact: true }).count()).toBe(0);
      }
    }
    expect(await page.getByRole("heading", { name: "Lessons to read again" }).count()).toBe(1);
  }
  return asked.map((question) => question.id);
}

/**
 * The result page opened in a new tab of the same browser: nothing was kept in that tab, so the page reads
 * the attempt from the server and shows the same verdicts.
 */
export async function reopenResultInNewTab(officer: Officer, heading: string) {
  const tab = await officer.page.context().newPage();
  const errors: string[] = [];
  tab.on("pageerror", (error) => errors.push(error.message));
  await tab.goto(officer.page.url());
  const reader = new Officer(tab, officer.mode);
  // A full page load, so focus stays at the top of the page.
  await reader.arrive(heading, { focus: "none" });
  const count = spoModule().knowledgeCheck.questionsPerAttempt ?? 0;
  const verdicts = heading.startsWith("You passed")
    ? ".srt-knowledge-check__feedback"
    : ".govuk-summary-list .govuk-tag";
  await expect.poll(() => tab.locator(verdicts).count()).toBe(count);
  expect(errors).toEqual([]);
  await tab.close();
}

/** After a failed attempt: review and retry, then pass, then the certificate. */
export async function retryAndPass(officer: Officer, failedQuestions: readonly string[]): Promise<string> {
  const { page } = officer;
  const module = spoModule();
  await officer.activate(page.getByRole("link", { name: "Take the knowledge check again" }));
  await officer.arrive(`Knowledge check – ${module.title}`);
  const retake = await takeKnowledgeCheck(officer, true);
  // The retake asked other questions than the failed attempt.
  expect(retake.filter((id) => failedQuestions.includes(id))).toEqual([]);
  await officer.activate(page.getByRole("button", { name: "View your certificate" }));
  await officer.arrive(`Your certificate – ${module.title}`);
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

const yesNoLabels: Record<string, string> = { yes: "Yes", no: "No", notKnown: "Not known" };

/** Answers the questions on the wizard's page with the model answers, by the labels a learner sees. */
async function answerQuestions(
  officer: Officer,
  questions: readonly ScreeningQuestion[],
  answers: Readonly<Record<string, Answers[string] | undefined>>,
) {
  const { page } = officer;
  const unknown = Object.keys(answers).filter((id) => !questions.some((question) => question.id === id));
  expect(unknown, "model answers for questions the page does not ask").toEqual([]);
  for (const question of questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    const labelOf = (option: string) =>
      (question.kind === "yesNo" || question.kind === "yesNoNotKnown"
        ? yesNoLabels[option]
        : question.options?.find((candidate) => candidate.value === option)?.label) ?? option;
    switch (question.kind) {
      case "yesNo":
      case "yesNoNotKnown":
      case "singleChoice":
        await page
          .getByRole("group", { name: question.prompt })
          .getByLabel(labelOf(String(value)), { exact: true })
          .check();
        break;
      case "multipleChoice": {
        const group = page.getByRole("group", { name: question.prompt });
        for (const option of value as readonly string[])
          await group.getByLabel(labelOf(option), { exact: true }).check();
        break;
      }
      case "date": {
        const [year, month, day] = String(value).split("-").map(Number);
        const group = page.getByRole("group", { name: question.prompt });
        await group.getByRole("textbox", { name: "Day" }).fill(String(day));
        await group.getByRole("textbox", { name: "Month" }).fill(String(month));
        await group.getByRole("textbox", { name: "Year" }).fill(String(year));
        break;
      }
      case "number":
      case "text":
        await page.getByLabel(question.prompt, { exact: true }).fill(String(value));
        break;
    }
  }
}

/** Waits until the wizard shows `view`, by something on the page that only that view shows. */
async function waitForView(officer: Officer, view: ScreeningView, openTask: string | null) {
  const { page } = officer;
  const heading = (name: string, exact = true) => page.getByRole("heading", { level: 1, name, exact }).waitFor();
  switch (view.kind) {
    case "questions": {
      const [first] = view.questions;
      if (!first) throw new Error(`step ${view.step} has no questions`);
      await page.getByText(first.prompt, { exact: true }).first().waitFor();
      return;
    }
    case "incidents":
      await page
        .getByRole("heading", {
          level: 2,
          name: view.incidents.length === 0 ? "No incidents added yet" : `Incidents added: ${view.incidents.length}`,
        })
        .waitFor();
      return;
    case "tasks": {
      const task = view.tasks.find((candidate) => candidate.id === openTask);
      // The task's heading carries the task list's title as its caption.
      if (task) return heading(task.title, false);
      const done = view.tasks.filter((candidate) => candidate.status === "completed").length;
      await page.getByText(`You have completed ${done} of ${view.tasks.length} actions.`).waitFor();
      return;
    }
    case "outcome":
      return heading("Screening complete");
    case "start":
      throw new Error("the practice screening never shows the wizard's start page");
    default:
      return heading(view.title);
  }
}

/**
 * Module 2's practice screening from the briefing to its outcome, giving the case's model answers through
 * the pages (incidents, check answers, the supervisor's review, every action). A headless screening of the
 * same package runs beside the browser: it says which page comes next, so the test follows the wizard
 * rather than a copy of its page order. Every page is checked with axe; nothing may reach the server.
 */
export async function completePracticeScreening(officer: Officer) {
  const { page } = officer;
  const module = findModule(course, "risk-screening");
  const lesson = module?.lessons.find((candidate) =>
    candidate.blocks.some((block) => block.kind === "practice-screening"),
  );
  const block = lesson?.blocks.find((candidate) => candidate.kind === "practice-screening");
  if (!module || !lesson || block?.kind !== "practice-screening") throw new Error("module 2 has no practice screening");
  const scenario = practiceScenarios.find((candidate) => candidate.id === block.scenarioId);
  if (!scenario) throw new Error(`no practice scenario ${block.scenarioId}`);
  await officer.activate(page.getByRole("link", { name: module.title }));
  await officer.arrive(module.title);
  await officer.activate(page.getByRole("link", { name: lesson.title }));
  await officer.arrive(`${lesson.title} – ${module.title}`);
  await officer.activate(page.getByRole("link", { name: "Start the practice screening" }));
  await officer.arrive(`${block.title} – Practice screening`);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/") && request.method() !== "GET") sent.push(request.url());
  });
  await officer.activate(page.getByRole("button", { name: "Start the practice screening" }));
  const shadow = await playPractice(officer, scenario.events);
  const outcome = currentView(shadow.getSnapshot());
  if (outcome.kind !== "outcome") throw new Error("the model run did not finish the screening");
  expect(compareOutcome(scenario.expected, outcome.outcome)).toEqual([]);
  // The feedback compares the learner's outcome with the expected one: the model answers match it.
  await page.getByRole("heading", { level: 2, name: "How your screening compares" }).waitFor();
  await expect.poll(() => page.getByText("Matches the expected outcome").count()).toBe(1);
  expect(await page.getByText(`Case: ${scenario.title}`).count()).toBe(1);
  expect(sent, "the practice screening must not send anything to the server").toEqual([]);
  await officer.activate(page.getByRole("link", { name: "Leave the practice and go back to the lesson" }));
  await officer.arrive(`${lesson.title} – ${module.title}`);
}

/**
 * Gives `events` through the practice screening's pages, from the moment its start button was pressed, with a
 * headless screening of the same package beside the browser saying which page comes next. `between` runs
 * after the page that follows each event has arrived (the event's index and the shadow's snapshot).
 */
export async function playPractice(
  officer: Officer,
  events: readonly ScreeningEvent[],
  between?: (
    index: number,
    shadow: ReturnType<typeof createActor<ReturnType<typeof createScreeningMachine>>>,
  ) => Promise<void>,
) {
  const { page } = officer;
  const shadow = createActor(createScreeningMachine(), { input: { config: exampleForceConfig } });
  shadow.start();
  const pageTitle = /^(?!Error).* – Practice screening – Stalking training$/;
  for (const [index, event] of events.entries()) {
    const view = currentView(shadow.getSnapshot());
    let focus: "heading" | "none" = "heading";
    switch (event.type) {
      case "screening.start":
        // The page starts the screening itself once the briefing's start button is pressed.
        break;
      case "answer.submit":
        if (view.kind === "questions") await answerQuestions(officer, view.questions, event.answers);
        else expect(event.answers, `answers on the ${view.kind} page`).toEqual({});
        await officer.activate(page.getByRole("button", { name: "Continue" }));
        break;
      case "incident.add":
        if (view.kind !== "incidents") throw new Error(`an incident on the ${view.kind} page`);
        await answerQuestions(officer, view.incidentQuestions, event.incident);
        await officer.activate(page.getByRole("button", { name: "Add incident" }));
        // Adding an incident stays on the page: focus stays with the form.
        focus = "none";
        break;
      case "screening.submit":
        await officer.activate(page.getByRole("button", { name: "Send for review" }));
        break;
      case "supervisor.approve":
        await page.getByRole("group", { name: "Your decision" }).getByLabel("Approve", { exact: true }).check();
        await officer.activate(page.getByRole("button", { name: "Confirm decision" }));
        break;
      case "task.submit": {
        if (view.kind !== "tasks") throw new Error(`a task on the ${view.kind} page`);
        const task = view.tasks.find((candidate) => candidate.id === event.task);
        if (!task) throw new Error(`no task ${event.task}`);
        await officer.activate(page.getByRole("link", { name: task.title, exact: true }));
        await waitForView(officer, view, task.id);
        await officer.arrive(pageTitle);
        await answerQuestions(officer, task.questions, event.answers);
        await officer.activate(page.getByRole("button", { name: "Save and return to actions" }));
        break;
      }
      default:
        throw new Error(`the test cannot yet give a ${event.type} event through the page`);
    }
    shadow.send(event);
    expect(shadow.getSnapshot().context.lastRejection, `the model run rejected ${event.type}`).toBeNull();
    if (event.type === "screening.start") await officer.arrive(pageTitle);
    else {
      await waitForView(officer, currentView(shadow.getSnapshot()), null);
      await officer.arrive(pageTitle, { focus });
    }
    await between?.(index, shadow);
  }
  return shadow;
}

/**
 * Signs in from the sign-in page, with no wrong password first, and waits for the page it lands on. The button
 * is matched exactly: once a journey has set up single sign-on, "Sign in with … account" is a button there too.
 */
export async function signInAs(person: Officer, credentials: Credentials, lands: string) {
  const { page } = person;
  await page.goto("/sign-in");
  await person.arrive("Sign in", { focus: "none" });
  await person.fill(page.getByLabel("Email address or collar number"), credentials.identifier);
  await person.fill(page.getByLabel("Password", { exact: true }), credentials.password);
  await person.activate(page.getByRole("button", { name: "Sign in", exact: true }));
  await person.arrive(lands);
}
