import { describe, expect, it } from "vitest";
import { newDevice } from "./browser";
import { Officer, type Mode } from "./driver";
import { signInAs } from "./journey";
import { serverAndBrowserForFile } from "./live";

const live = serverAndBrowserForFile();

describe.each<Mode>(["keyboard", "pointer"])("accounts people look after, by %s", (mode) => {
  it("makes a temporary password be changed at first sign-in", async () => {
    const credentials = await live.server.newOfficer({ temporaryPassword: true });
    const device = await newDevice(live.browser, live.server.baseURL);
    const person = new Officer(device.page, mode);
    const { page } = person;
    await signInAs(person, credentials, "Choose a new password");
    // Nothing else opens until it is changed: My training sends them back here.
    await page.goto("/training");
    await person.arrive("Choose a new password", { focus: "none" });

    await person.fill(page.getByLabel("Password you were given"), credentials.password);
    await person.fill(page.getByLabel("New password"), "too short");
    await person.activate(page.getByRole("button", { name: "Change password" }));
    await person.arrive("Error: Choose a new password", { focus: "error-summary" });
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("at least 12 characters");

    await person.retype(page.getByLabel("Password you were given"), credentials.password);
    await person.retype(page.getByLabel("New password"), "three random words here");
    await person.activate(page.getByRole("button", { name: "Change password" }));
    await person.arrive("Your password has been changed", { focus: "none" });
    await person.activate(page.getByRole("link", { name: "Go to My training" }));
    await person.arrive("My training");
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("sets a new password through a one-time reset link, and tells a disabled account why it was signed out", async () => {
    const credentials = await live.server.newOfficer();
    const device = await newDevice(live.browser, live.server.baseURL);
    const person = new Officer(device.page, mode);
    const { page } = person;
    const link = await live.server.resetLinkFor(credentials.id);
    await page.goto(link);
    await person.arrive("Choose a new password", { focus: "none" });
    // The token leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe("");
    await person.fill(page.getByLabel("New password"), "zzzzzzzzzzzzzzzz");
    await person.activate(page.getByRole("button", { name: "Set password" }));
    await person.arrive("Error: Choose a new password", { focus: "error-summary" });
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("must not be one character repeated");
    await person.retype(page.getByLabel("New password"), "a reset passphrase of mine");
    await person.activate(page.getByRole("button", { name: "Set password" }));
    await person.arrive("Your password has been set", { focus: "none" });

    // Used once, it works no more. (From the reset page itself the link only changes the fragment, so reload.)
    await page.goto(link);
    await page.reload();
    await person.arrive("This link has expired or has been used", { focus: "none" });

    await signInAs(
      person,
      { identifier: credentials.identifier, password: "a reset passphrase of mine" },
      "My training",
    );
    await live.server.disable(credentials.id);
    // The next request of the open session (opening a module) is told why it ended.
    await person.activate(page.getByRole("link", { name: "Stalking Protection Orders" }));
    await person.arrive("Sign in", { focus: "none" });
    await expect
      .poll(() => page.getByRole("region", { name: "Important" }).textContent())
      .toContain("Your account has been disabled");
    await device.context.close();
  });
});
