/**
 * Email journeys in a real browser against the real server (`pnpm start`'s, with its job runner) and a real
 * SMTP server on loopback: an officer who has forgotten their password asks for a link, gets it by email and
 * sets a new password; a trainer assigns a module and the officer's inbox receives the assignment.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inbox, ReceivedMail } from "../support/mail";
import { startInbox } from "../support/mail";
import { expectAccessible, launchBrowser, newDevice } from "./browser";
import { Officer } from "./driver";
import { signIn } from "./journey";
import { defaultCatalog } from "../../src/server/start";
import { startTrainingServer, type TrainingServer } from "./server";

let server: TrainingServer;
let browser: Browser;
let inbox: Inbox;

beforeAll(async () => {
  [server, browser, inbox] = await Promise.all([startTrainingServer(), launchBrowser(), startInbox()]);
  await server.useSmtp(inbox.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await inbox?.close();
});

/** Waits for a message to `to` that names `headline` (the job runner polls; email is not instant). */
async function mailTo(to: string, headline: string): Promise<ReceivedMail> {
  const find = () => inbox.to(to).find((mail) => mail.subject === headline || mail.text.includes(`\n${headline}\n`));
  await expect.poll(() => find() !== undefined, { timeout: 60_000, interval: 250 }).toBe(true);
  const mail = find();
  if (!mail) throw new Error("unreachable");
  return mail;
}

describe("email journeys, by keyboard", () => {
  it("resets a forgotten password through the emailed link", async () => {
    const officer = await server.newOfficer();
    const device = await newDevice(browser, server.baseURL);
    const person = new Officer(device.page, "keyboard");
    const { page } = person;
    await page.goto("/sign-in");
    await person.arrive("Sign in", { focus: "none" });
    await person.activate(page.getByRole("link", { name: "Forgotten your password?" }));
    await person.arrive("Reset your password");
    await expectAccessible(page);
    await person.fill(page.getByLabel("Email address"), officer.email);
    await person.activate(page.getByRole("button", { name: "Send me a link" }));
    await person.arrive("Check your email", { focus: "none" });

    const mail = await mailTo(officer.email, "Reset your password");
    const link = /(https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? "";
    expect(new URL(link).origin).toBe(new URL(server.baseURL).origin);
    await page.goto(link);
    await person.arrive("Choose a new password", { focus: "none" });
    await person.fill(page.getByLabel("New password"), "emailed link passphrase");
    await person.activate(page.getByRole("button", { name: "Set password" }));
    await person.arrive("Your password has been set", { focus: "none" });
    await signIn(person, { identifier: officer.identifier, password: "emailed link passphrase" });
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("emails the officers a trainer assigns a module to", async () => {
    const officer = await server.newOfficer();
    const device = await newDevice(browser, server.baseURL);
    const trainer = new Officer(device.page, "keyboard");
    const { page } = trainer;
    await signIn(trainer, { identifier: "EX9001", password: "demo-trainer-password" }, "Training overview");
    await page.goto("/trainer/assignments");
    await trainer.arrive("Assignments", { focus: "none" });
    await trainer.activate(page.getByRole("button", { name: "Assign a module" }));
    await trainer.arrive("Which module do you want to assign?");
    // Online stalking: the one module the demo force has not assigned to response officers.
    const moduleTitle = defaultCatalog().module("online-stalking")?.title ?? "";
    await trainer.choose([moduleTitle], "radio");
    await trainer.activate(page.getByRole("button", { name: "Continue" }));
    await trainer.arrive("Which job role should take it?");
    await trainer.choose(["Response officer"], "radio");
    await trainer.activate(page.getByRole("button", { name: "Continue" }));
    await trainer.arrive("Which unit should take it?");
    await trainer.activate(page.getByRole("button", { name: "Continue" }));
    await trainer.arrive("When should it be completed by?");
    await trainer.fill(page.getByLabel("Day"), "28");
    await trainer.fill(page.getByLabel("Month"), "2");
    await trainer.fill(page.getByLabel("Year"), "2031");
    await trainer.activate(page.getByRole("button", { name: "Continue" }));
    await trainer.arrive("Check the assignment before you save it");
    await trainer.activate(page.getByRole("button", { name: "Assign module" }));
    await trainer.arrive("Assignments", { focus: "none" });

    // The officer is new, so the same email tells them of the force's other assignments too.
    const mail = await mailTo(officer.email, `New training: ${moduleTitle}`);
    expect(mail.text).toContain(`You have been asked to complete ${moduleTitle} by 28 February 2031.`);
    expect(mail.from).toContain("Essex Police");
    expect(mail.html).toContain(`/training/`);
    expect(device.errors).toEqual([]);
    await device.context.close();

    // In the app too: the officer's banner lists the notice with a link to the module, and dismissing it
    // is kept on the server (it stays gone after a reload).
    const officerDevice = await newDevice(browser, server.baseURL);
    const person = new Officer(officerDevice.page, "keyboard");
    await signIn(person, { identifier: officer.identifier, password: officer.password });
    const banner = person.page.getByRole("region", { name: "Important" });
    const notice = banner.getByRole("link", { name: `New training: ${moduleTitle}` });
    await notice.waitFor();
    await expectAccessible(person.page);
    await person.activate(notice);
    await person.arrive(moduleTitle);
    await person.activate(person.page.getByRole("link", { name: "My training" }).first());
    await person.arrive("My training");
    await banner.getByRole("button", { name: /^Dismiss/ }).waitFor();
    await person.activate(banner.getByRole("button", { name: /^Dismiss/ }));
    await expect.poll(() => banner.count()).toBe(0);
    // Focus is not lost with the button: it is on the page's heading.
    expect(await person.page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expectAccessible(person.page);
    await person.page.reload();
    await person.arrive("My training", { focus: "none" });
    // Give the banner's request time to answer, then make sure it did not bring the notices back.
    await person.page.waitForLoadState("networkidle");
    expect(await banner.count()).toBe(0);
    expect(officerDevice.errors).toEqual([]);
    await officerDevice.context.close();
  });
});
