import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newDevice } from "./browser";
import { Officer, type Mode } from "./driver";
import { signInAs } from "./journey";
import { startTrainingServer, type TrainingServer } from "./server";

// The demo force's admin (README "Demo sign-ins"); the seed creates it with this public password.
const demoAdmin = { identifier: "EX9100", password: "demo-admin-password" };

let server: TrainingServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTrainingServer(), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the admin area from the header; on a phone the header menu is folded away behind its button. */
async function openAdmin(admin: Officer) {
  const link = admin.page.getByRole("link", { name: "Admin" });
  // The menu may still be open from the last time it was used.
  if (!(await link.isVisible())) await admin.activate(admin.page.getByRole("button", { name: "Menu" }));
  await admin.activate(link);
  await admin.arrive("Users");
}

describe.each<Mode>(["keyboard", "pointer"])("the admin's screens, by %s", (mode) => {
  it("creates a unit and a user, who must change the temporary password at first sign-in", async () => {
    const tag = mode === "keyboard" ? "K" : "P";
    const device = await newDevice(browser, server.baseURL);
    const admin = new Officer(device.page, mode);
    const { page } = admin;
    await signInAs(admin, demoAdmin, "Training overview");
    await openAdmin(admin);

    // A unit: form, error, check answers, created.
    await admin.activate(page.getByRole("link", { name: "Units" }));
    await admin.arrive("Units");
    await admin.activate(page.getByRole("button", { name: "Create a unit" }));
    await admin.arrive("Create a unit");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Error: Create a unit", { focus: "error-summary" });
    await admin.fill(page.getByLabel("Name"), `Harlow Team ${tag}`);
    await admin.choose(["Team"], "radio");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check your answers");
    expect(await page.locator(".govuk-summary-list").textContent()).toContain(`Harlow Team ${tag}`);
    await admin.activate(page.getByRole("button", { name: "Create unit" }));
    await admin.arrive("Unit created", { focus: "none" });
    await admin.activate(page.getByRole("link", { name: "Back to units" }));
    await admin.arrive("Units");
    await expect.poll(() => page.getByRole("table").textContent()).toContain(`Harlow Team ${tag}`);

    // A user in that unit, with a temporary password.
    await admin.activate(page.getByRole("link", { name: "Users" }));
    await admin.arrive("Users");
    await admin.activate(page.getByRole("button", { name: "Create a user" }));
    await admin.arrive("Create a user");
    const email = `new.starter.${tag.toLowerCase()}@essex.demo.invalid`;
    await admin.fill(page.getByLabel("Full name"), `New Starter ${tag}`);
    await admin.fill(page.getByLabel("Email address", { exact: true }), email);
    await admin.fill(page.getByLabel("Collar number (optional)"), `NS${tag}1`);
    await admin.choose(["Officer (does their own training)"], "radio");
    await admin.select(page.getByLabel("Job role", { exact: true }), "Response officer");
    await admin.select(page.getByLabel("Unit", { exact: true }), `Harlow Team ${tag}`);
    await admin.fill(page.getByLabel("Temporary password"), "temporary words here");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check your answers");
    await admin.activate(page.getByRole("button", { name: "Create user" }));
    await admin.arrive("User created", { focus: "none" });
    await admin.activate(page.getByRole("link", { name: `Go to New Starter ${tag}'s page` }));
    await admin.arrive(`New Starter ${tag}`);
    expect(await page.locator(".govuk-summary-list").textContent()).toContain(
      "has not yet changed their temporary password",
    );
    // A reset link to hand over.
    await admin.activate(page.getByRole("button", { name: "Issue a password reset link" }));
    await admin.arrive("Password reset link");
    expect(await page.getByTestId("reset-link").textContent()).toMatch(/\/reset-password#token=[A-Za-z0-9_-]{43}$/);
    expect(device.errors).toEqual([]);

    // The new person signs in with the temporary password and must choose their own.
    const starterDevice = await newDevice(browser, server.baseURL);
    const starter = new Officer(starterDevice.page, mode);
    await signInAs(starter, { identifier: `NS${tag}1`, password: "temporary words here" }, "Choose a new password");
    await starter.fill(starter.page.getByLabel("Password you were given"), "temporary words here");
    await starter.fill(starter.page.getByLabel("New password"), "my very own passphrase");
    await starter.activate(starter.page.getByRole("button", { name: "Change password" }));
    await starter.arrive("Your password has been changed", { focus: "none" });
    expect(starterDevice.errors).toEqual([]);
    await starterDevice.context.close();

    // The admin finds them, sees the sign-in, and disables them (checked first).
    await openAdmin(admin);
    await admin.fill(page.getByLabel("Find a user"), `NS${tag}1`);
    await admin.activate(page.getByRole("button", { name: "Search" }));
    await admin.arrive("Users");
    await admin.activate(page.getByRole("link", { name: `New Starter ${tag}` }));
    await admin.arrive(`New Starter ${tag}`);
    await expect.poll(() => page.getByRole("table", { name: "Latest sign-ins" }).textContent()).toContain("Signed in");
    await admin.activate(page.getByRole("button", { name: "Disable account" }));
    await admin.arrive(`Disable New Starter ${tag}?`);
    await admin.activate(page.getByRole("button", { name: "Disable account" }));
    await admin.arrive(`New Starter ${tag}`, { focus: "none" });
    expect(await page.locator(".govuk-summary-list").textContent()).toContain("Disabled");
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("sees the job queue and a failed job's error without the address in it, and retries the job", async () => {
    const queue = `e2e-broken-${mode}`;
    await server.failedJob(queue, "550 mailbox unavailable for someone.private@essex.demo.invalid");
    const device = await newDevice(browser, server.baseURL);
    const admin = new Officer(device.page, mode);
    const { page } = admin;
    await signInAs(admin, demoAdmin, "Training overview");
    await openAdmin(admin);
    await admin.activate(page.getByRole("link", { name: "Job queue and failed emails" }));
    await admin.arrive("Job queue");
    const queues = page.getByRole("table", { name: "Jobs in each queue" });
    const row = queues.getByRole("row").filter({ hasText: queue });
    // Queue, then waiting, running and failed.
    await expect.poll(() => row.getByRole("cell").allTextContents()).toEqual(["0", "0", "1"]);
    const card = page.locator(".govuk-summary-card").filter({ hasText: queue });
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("550 mailbox unavailable for [email address]");
    expect(text).not.toContain("someone.private");

    await admin.activate(card.getByRole("button", { name: /^Retry/ }));
    await admin.arrive("Job queue", { focus: "none" });
    await expect.poll(() => page.getByRole("alert").textContent()).toContain(`${queue} will be tried again`);
    // Back in its queue (no worker takes this test queue), and no longer among the failures.
    await expect.poll(() => row.getByRole("cell").allTextContents()).toEqual(["1", "0", "0"]);
    expect(await page.locator(".govuk-summary-card").filter({ hasText: queue }).count()).toBe(0);

    // At 320 px nothing is wider than the window, and the page still passes axe.
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});
