import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import type { LoopbackProvider } from "../support/oidc";
import { startOidcProvider } from "../support/oidc";
import { launchBrowser, newDevice } from "./browser";
import { Officer } from "./driver";

const pglite = databaseTargets[0];
if (!pglite) throw new Error("no PGlite target");

/** The session as the page's own fetch sees it (with its cookies). */
const sessionIn = (page: Page) => page.evaluate(async () => (await fetch("/api/session")).json() as Promise<unknown>);

let t: TestApp;
let provider: LoopbackProvider;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(pglite), launchBrowser()]);
  const { officerA } = t.people;
  provider = await startOidcProvider({
    redirectUri: `${t.base}/api/sso/callback`,
    people: { kim: { employee_id: officerA.collarNumber, groups: ["g-trainers"], email: officerA.email, name: "Kim" } },
  });
  const admin = await t.as(t.people.adminA);
  const saved = await admin.put("/api/admin/sso", {
    label: "Force A",
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    collarNumberClaim: "employee_id",
    groupMappings: [{ group: "g-trainers", role: "trainer" }],
  });
  expect(saved.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await t?.close();
});

describe("signing in with the force's account, and being deprovisioned", () => {
  it("signs in through the force's provider as a trainer, and a SCIM deactivation signs them out at once", async () => {
    const device = await newDevice(browser, t.base);
    const { page } = device;
    // Only loopback: the provider's development pages ask for a web font this machine cannot reach.
    await device.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    // The app's own pages by keyboard alone; the provider's pages are the provider's.
    const person = new Officer(page, "keyboard");

    await page.goto("/");
    await person.arrive("Sign in", { focus: "none" });
    await person.activate(page.getByRole("button", { name: "Sign in with Force A account" }));

    // The provider's own sign-in and consent pages.
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill("kim");
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();

    // Back in the app, signed in: their groups make them a trainer, so they land on the Training overview, as
    // after a password sign-in.
    await page.waitForURL((url) => url.href.startsWith(t.base));
    await person.arrive("Training overview", { focus: "none" });
    expect(new URL(page.url()).pathname).toBe("/trainer/overview");
    expect(await sessionIn(page)).toMatchObject({ user: { id: t.people.officerA.id, role: "trainer" } });
    // The header offers the trainer's records too.
    const menu = page.getByRole("button", { name: "Menu" });
    if (await menu.isVisible()) await person.activate(menu);
    await expect
      .poll(() => page.getByRole("banner").getByRole("link", { name: "Training records", exact: true }).count())
      .toBe(1);

    // The force's directory deactivates them, as Entra ID does.
    const admin = await t.as(t.people.adminA);
    const { token } = (await (await admin.request("POST", "/api/admin/scim-token")).json()) as { token: string };
    const deactivated = await fetch(`${t.base}/scim/v2/Users/${t.people.officerA.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "Replace", path: "active", value: "False" }],
      }),
    });
    expect(deactivated.status).toBe(200);

    // Their very next step finds them signed out.
    await person.activate(page.getByRole("banner").getByRole("link", { name: "Training records", exact: true }));
    await person.arrive("Sign in", { focus: "none" });
    await expect
      .poll(() => page.getByRole("region", { name: "Important" }).textContent())
      .toContain("Your account has been disabled");
    expect(await sessionIn(page)).toMatchObject({ user: null });

    // Signing in again through the provider is refused with a clear reason.
    await person.activate(page.getByRole("button", { name: "Sign in with Force A account" }));
    await page.waitForURL(/\/sign-in\?sso=disabled$/);
    await person.arrive("Error: Sign in", { focus: "none" });
    await expect
      .poll(() => page.locator(".govuk-error-summary").textContent())
      .toContain("Your account has been disabled");
    // 401s are the signed-out steps; ERR_FAILED is the provider's web font this test refused to fetch.
    expect(device.errors.filter((error) => !/status of 401|net::ERR_FAILED/.test(error))).toEqual([]);
    await device.context.close();
  });
});
