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
  it("creates a unit and a user, previews and applies an HR file with errors shown by row, and the new user must change the temporary password", async () => {
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

    // An HR file (issue 15): refused without a file, then previewed with its errors shown by row, and applied.
    // It links the new starter to their employee number, adds someone, and has one row with errors.
    await openAdmin(admin);
    await admin.activate(page.getByRole("link", { name: "Import people from HR" }));
    await admin.arrive("Import people from HR");
    await admin.activate(page.getByRole("button", { name: "Preview the import" }));
    await admin.arrive("Error: Import people from HR", { focus: "error-summary" });
    const hrFile = [
      "employee_number,given_name,family_name,email,unit,job_role,placed_date",
      `HR-${tag}-1,New,Starter ${tag},${email},Harlow Team ${tag},Response officer,`,
      `HR-${tag}-2,Hannah,Import ${tag},hannah.import.${tag.toLowerCase()}@essex.demo.invalid,Harlow Team ${tag},Investigator,2026-01-05`,
      `HR-${tag}-3,Broken,Row,not-an-email,No Such Team,Investigator,`,
    ].join("\n");
    const upload = page.locator("#import-file");
    // Choosing a file happens in the system's own dialog, which a test cannot drive: the file is set on the
    // input once it is reached (by Tab, with the keyboard).
    if (mode === "keyboard") await admin.tabTo(upload);
    await upload.setInputFiles({ name: "hr-people.csv", mimeType: "text/csv", buffer: Buffer.from(hrFile) });
    await admin.choose(["Only people who changed (a change-only load)"], "radio");
    await admin.activate(page.getByRole("button", { name: "Preview the import" }));
    await admin.arrive("Check the import", { focus: "error-summary" });
    const summary = page.locator(".govuk-error-summary");
    await expect.poll(() => summary.textContent()).toContain("Row 4, email:");
    expect(await summary.textContent()).toContain("Row 4, unit: names no unit of your force");
    expect(await page.locator(".govuk-summary-list").textContent()).toMatch(/To create\s*1.*To update\s*1/s);
    // The summary's link takes focus to the row, as GOV.UK error summaries do.
    await admin.activate(summary.getByRole("link", { name: /Row 4, email/ }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("row-4");
    // The check page reflows at 320 px: only the table scrolls, inside its own region.
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await admin.activate(page.getByRole("button", { name: "Apply the import" }));
    await admin.arrive("Import applied", { focus: "none" });
    expect(await page.locator(".govuk-panel").textContent()).toContain("1 created, 1 updated, 0 disabled");
    await page.setViewportSize({ width: 390, height: 844 });
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

/** Nothing on the page is wider than the window: no sideways scrolling (WCAG 1.4.10 reflow at 320 px). */
const fitsWidth = (admin: Officer) =>
  expect.poll(() => admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

describe("single sign-on, SCIM and temporary-password screens, by keyboard at 320 px", () => {
  it("sets up single sign-on, creates a SCIM token shown once, and sets a temporary password", async () => {
    const device = await newDevice(browser, server.baseURL);
    await device.page.setViewportSize({ width: 320, height: 700 });
    const admin = new Officer(device.page, "keyboard");
    const { page } = admin;
    await signInAs(admin, demoAdmin, "Training overview");
    await openAdmin(admin);

    // Single sign-on: form (with its errors), check answers, saved; the secret is never shown again.
    await admin.activate(page.getByRole("link", { name: "Single sign-on" }));
    await admin.arrive("Single sign-on");
    expect(await page.getByTestId("redirect-uri").textContent()).toBe(`${server.baseURL}/api/sso/callback`);
    await admin.activate(page.getByRole("button", { name: "Set up single sign-on" }));
    await admin.arrive("Single sign-on settings");
    await fitsWidth(admin);
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Error: Single sign-on settings", { focus: "error-summary" });
    const summary = await page.locator(".govuk-error-summary").textContent();
    expect(summary).toContain("Enter the name on the sign-in button");
    expect(summary).toContain("Enter the client secret");
    await admin.fill(page.getByLabel("Name on the sign-in button"), "Essex Police");
    await admin.fill(
      page.getByLabel("Issuer URL"),
      "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
    );
    await admin.fill(page.getByLabel("Application (client) id"), "11111111-2222-3333-4444-555555555555");
    await admin.fill(page.getByLabel("Client secret"), "entra-secret-value-kept-sealed");
    await admin.activate(page.getByRole("button", { name: "Add a group mapping" }));
    await admin.fill(page.getByLabel("Group id"), "g-trainers");
    await admin.select(page.getByLabel("Role it gives", { exact: true }), "Trainer");
    await admin.choose(["Yes, at their first sign-in"], "radio");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check your answers");
    await fitsWidth(admin);
    const check = await page.locator(".govuk-summary-list").textContent();
    expect(check).toContain("Sign in with Essex Police account");
    expect(check).toContain("g-trainers: role Trainer");
    expect(check).not.toContain("entra-secret-value-kept-sealed");
    await admin.activate(page.getByRole("button", { name: "Save settings" }));
    await admin.arrive("Single sign-on", { focus: "none" });
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("settings saved");
    expect(await page.locator(".govuk-summary-list").textContent()).toContain("Stored (never shown)");
    expect(await page.content()).not.toContain("entra-secret-value-kept-sealed");

    // SCIM: a warning before the old token stops working, then the new one, shown once.
    await admin.activate(page.getByRole("link", { name: "User provisioning (SCIM)" }));
    await admin.arrive("User provisioning (SCIM)");
    await admin.activate(page.getByRole("button", { name: "Create or replace the SCIM token" }));
    await admin.arrive("Create a new SCIM token?");
    await admin.activate(page.getByRole("button", { name: "Create token" }));
    await admin.arrive("Your new SCIM token", { focus: "none" });
    await fitsWidth(admin);
    const token = await page.getByLabel("Secret token").inputValue();
    expect(token).toMatch(/^srt_scim_/);
    expect(await page.getByLabel("Tenant URL").inputValue()).toBe(`${server.baseURL}/scim/v2`);
    const scim = await fetch(`${server.baseURL}/scim/v2/Users?count=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(scim.status).toBe(200);

    // A temporary password for someone who cannot use a reset link: checked, then they must change it.
    await openAdmin(admin);
    await admin.fill(page.getByLabel("Find a user"), "officer002");
    await admin.activate(page.getByRole("button", { name: "Search" }));
    await admin.arrive("Users");
    const person = page.getByRole("table").getByRole("link").first();
    const name = (await person.textContent()) ?? "";
    await admin.activate(person);
    await admin.arrive(name);
    await admin.activate(page.getByRole("button", { name: "Set a temporary password" }));
    await admin.arrive("Set a temporary password");
    await admin.fill(page.getByLabel("Temporary password"), "short");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Error: Set a temporary password", { focus: "error-summary" });
    await admin.retype(page.getByLabel("Temporary password"), "a temporary passphrase");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check the temporary password");
    await admin.activate(page.getByRole("button", { name: "Set temporary password" }));
    await admin.arrive(name, { focus: "none" });
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("temporary password");
    expect(await page.locator(".govuk-summary-list").textContent()).toContain(
      "has not yet changed their temporary password",
    );
    await fitsWidth(admin);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});

describe("learning records: xAPI clients and forwarding, by keyboard at 320 px", () => {
  it("creates xAPI credentials shown once, forwards to the app's own LRS with them, sees the backlog and last error, and stops", async () => {
    const device = await newDevice(browser, server.baseURL);
    await device.page.setViewportSize({ width: 320, height: 700 });
    const admin = new Officer(device.page, "keyboard");
    const { page } = admin;
    const title = "Learning records: xAPI clients and forwarding";
    await signInAs(admin, demoAdmin, "Training overview");
    await openAdmin(admin);
    await admin.activate(page.getByRole("link", { name: title }));
    await admin.arrive(title);
    await fitsWidth(admin);

    // Credentials: a form (with its errors), its check, then the key and secret shown once with the endpoint.
    await admin.activate(page.getByRole("button", { name: "Create credentials" }));
    await admin.arrive("Create xAPI credentials");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Error: Create xAPI credentials", { focus: "error-summary" });
    const errors = await page.locator(".govuk-error-summary").textContent();
    expect(errors).toContain("Enter a name for the client");
    expect(errors).toContain("Select what the client may do");
    await admin.fill(page.getByLabel("Name of the client"), "Journey platform");
    await admin.choose(["Send and read records"], "radio");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check your answers");
    await fitsWidth(admin);
    await admin.activate(page.getByRole("button", { name: "Create credentials" }));
    await admin.arrive("Your new xAPI credentials", { focus: "none" });
    await fitsWidth(admin);
    expect(await page.getByLabel("Endpoint").inputValue()).toBe(`${server.baseURL}/xapi/`);
    const key = await page.getByLabel("Key (user name)").inputValue();
    const secret = await page.getByLabel("Secret (password)").inputValue();
    expect(key).not.toBe("");
    expect(secret.length).toBeGreaterThan(20);
    await admin.activate(page.getByRole("button", { name: "Back to learning records" }));
    await admin.arrive(title);
    const card = page.locator(".govuk-summary-card").filter({ hasText: "Journey platform" });
    expect(await card.textContent()).toContain("Send and read records");
    expect(await page.content()).not.toContain(secret);

    // Forwarding to the app's own LRS, first with a wrong password: the form's errors, its check, saved.
    await admin.activate(page.getByRole("button", { name: "Set up forwarding" }));
    await admin.arrive("Forwarding to your force's LRS");
    await fitsWidth(admin);
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Error: Forwarding to your force's LRS", { focus: "error-summary" });
    const missing = await page.locator(".govuk-error-summary").textContent();
    expect(missing).toContain("Enter the LRS address");
    expect(missing).toContain("Enter the user name (key) your LRS gave you");
    expect(missing).toContain("Enter the password (secret) your LRS gave you");
    await admin.fill(page.getByLabel("LRS address (xAPI endpoint)"), `${server.baseURL}/xapi/`);
    await admin.fill(page.getByLabel("User name (key)"), key);
    await admin.fill(page.getByLabel("Password (secret)"), "not-the-secret");
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check your answers");
    await fitsWidth(admin);
    expect(await page.locator(".govuk-summary-list").textContent()).toContain("New password entered (not shown)");
    await admin.activate(page.getByRole("button", { name: "Save forwarding" }));
    await admin.arrive(title, { focus: "none" });
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("Forwarding saved");
    await fitsWidth(admin);
    const status = page.locator("dl.govuk-summary-list").filter({ hasText: "Waiting to be sent" });
    expect(await status.textContent()).toContain("Stored sealed (never shown)");
    expect(await page.content()).not.toContain("not-the-secret");

    // A record arrives through the LRS; the LRS refuses the wrong password: it waits, and the error shows.
    const stored = await fetch(`${server.baseURL}/xapi/statements`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
        "content-type": "application/json",
        "x-experience-api-version": "1.0.3",
      },
      body: JSON.stringify({
        actor: { objectType: "Agent", mbox: "mailto:officer002@essex.demo.invalid" },
        verb: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-GB": "experienced" } },
        object: { objectType: "Activity", id: "https://platform.example/courses/journey" },
      }),
    });
    expect(stored.status).toBe(200);
    await admin.activate(page.getByRole("button", { name: "Try again now" }));
    await admin.arrive(title, { focus: "none" });
    const checkAgain = page.getByRole("button", { name: "Check the status again" });
    const statusAfterChecking = async () => {
      await admin.activate(checkAgain);
      return (await status.textContent()) ?? "";
    };
    await expect
      .poll(statusAfterChecking, { timeout: 30_000, interval: 1_000 })
      .toMatch(/Waiting to be sent1 record.*Last sentNothing sent yet.*Last errorHTTP 401/);
    await fitsWidth(admin);

    // The right password: the record goes (to an LRS that already holds it: one copy, by its statement id).
    await admin.activate(page.getByRole("button", { name: "Change forwarding" }));
    await admin.arrive("Forwarding to your force's LRS");
    await admin.fill(page.getByLabel("Password (secret)"), secret);
    await admin.activate(page.getByRole("button", { name: "Continue" }));
    await admin.arrive("Check your answers");
    await admin.activate(page.getByRole("button", { name: "Save forwarding" }));
    await admin.arrive(title, { focus: "none" });
    await expect
      .poll(statusAfterChecking, { timeout: 30_000, interval: 1_000 })
      .toMatch(/Waiting to be sent0 records.*Sent so far1 record.*Last sent(?!Nothing sent yet)\d/);
    expect(await page.content()).not.toContain(secret);

    // Stopping asks first, then the address and password are gone.
    await admin.activate(page.getByRole("button", { name: "Stop forwarding" }));
    await admin.arrive("Stop forwarding?");
    await fitsWidth(admin);
    await admin.activate(page.getByRole("button", { name: "Stop forwarding" }));
    await admin.arrive(title, { focus: "none" });
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("Forwarding stopped");
    expect(await page.locator("main").textContent()).toContain("Records are not forwarded");

    // Revoking the credentials asks first; they stop working at once.
    await admin.activate(card.getByRole("button", { name: /^Revoke/ }));
    await admin.arrive("Revoke Journey platform?");
    await admin.activate(page.getByRole("button", { name: "Revoke credentials" }));
    await admin.arrive(title, { focus: "none" });
    expect(await card.textContent()).toContain("Revoked");
    const refused = await fetch(`${server.baseURL}/xapi/statements?limit=1`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
        "x-experience-api-version": "1.0.3",
      },
    });
    expect(refused.status).toBe(401);
    await fitsWidth(admin);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });
});
