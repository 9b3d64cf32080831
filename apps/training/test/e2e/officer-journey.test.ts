import { describe, expect, it } from "vitest";
import { newDevice } from "./browser";
import { Officer } from "./driver";
import {
  completePracticeScreening,
  finishAndSignOut,
  openModule,
  practiseScreening,
  readLessons,
  reopenResultInNewTab,
  retryAndPass,
  signIn,
  spoModule,
  takeKnowledgeCheck,
} from "./journey";
import { serverAndBrowserForFile } from "./live";

const live = serverAndBrowserForFile();

describe("the officer's journey through module 3 (Stalking Protection Orders)", () => {
  it("signs in, resumes on a second device, fails the check, reviews, passes and gets a certificate", async () => {
    const credentials = await live.server.newOfficer();
    const phone = await newDevice(live.browser, live.server.baseURL);
    const officer = new Officer(phone.page, "pointer");
    await signIn(officer, credentials);
    await openModule(officer, "Not started");
    await officer.activate(phone.page.getByRole("button", { name: "Start module" }));
    const module = spoModule();
    const [first, second] = module.lessons;
    if (!first || !second) throw new Error("module 3 needs at least two lessons");
    await officer.arrive(`${first.title} – ${module.title}`);
    await officer.activate(phone.page.getByRole("button", { name: "Next lesson" }));
    await officer.arrive(`${second.title} – ${module.title}`);

    // The same officer picks up on another device: the server knows where they were.
    const desk = await newDevice(live.browser, live.server.baseURL);
    const sameOfficer = new Officer(desk.page, "pointer");
    await signIn(sameOfficer, credentials);
    await openModule(sameOfficer, "In progress");
    await sameOfficer.activate(desk.page.getByRole("button", { name: "Continue where you left off" }));
    await sameOfficer.arrive(`${second.title} – ${module.title}`);
    await desk.context.close();

    await readLessons(officer, 1);
    const failed = await takeKnowledgeCheck(officer, false);
    await reopenResultInNewTab(officer, "You did not pass this time");
    await retryAndPass(officer, failed);
    await practiseScreening(officer);
    await finishAndSignOut(officer);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it("works from start to certificate with the keyboard alone", async () => {
    const credentials = await live.server.newOfficer();
    const device = await newDevice(live.browser, live.server.baseURL);
    const officer = new Officer(device.page, "keyboard");
    await signIn(officer, credentials);
    await openModule(officer, "Not started");
    await officer.activate(device.page.getByRole("button", { name: "Start module" }));
    await readLessons(officer);
    const failed = await takeKnowledgeCheck(officer, false);
    await retryAndPass(officer, failed);
    await practiseScreening(officer);
    await finishAndSignOut(officer);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});

describe("module 2's practice screening", () => {
  it("runs to the outcome with the case's model answers and shows that it matches the expected outcome", async () => {
    const device = await newDevice(live.browser, live.server.baseURL);
    const officer = new Officer(device.page, "pointer");
    await signIn(officer, await live.server.newOfficer());
    await completePracticeScreening(officer);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});
