import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectAccessible } from "./browser";

const serviceName = "Stalking training";

/**
 * How the officer operates the page. `pointer` clicks and fills like most users; `keyboard` reaches every
 * control with Tab and Shift+Tab and operates it with Enter and Space (plus the arrow keys inside a radio
 * group, which is how a keyboard moves between the options of one question), never with a click.
 */
export type Mode = "pointer" | "keyboard";

/** Drives one officer's browser tab through the app, checking each page as it arrives. */
export class Officer {
  /** Every page (by title) that was checked with axe, in order. */
  readonly visited: string[] = [];

  constructor(
    readonly page: Page,
    readonly mode: Mode,
  ) {}

  /**
   * Waits for the page with this title (the app sets it once the page's data has loaded), checks that
   * focus moved to its heading or error summary (after an in-app navigation), then runs axe.
   */
  async arrive(title: string | RegExp, options: { focus?: "heading" | "error-summary" | "none" } = {}) {
    const want =
      typeof title === "string"
        ? { text: `${title} – ${serviceName}`, pattern: null }
        : { text: null, pattern: title.source };
    await this.page
      .waitForFunction(
        ({ text, pattern }) => (pattern === null ? document.title === text : new RegExp(pattern).test(document.title)),
        want,
      )
      .catch(async (error: unknown) => {
        // Say where the browser is instead, so a failure in CI can be read from its log alone.
        const seen = await this.page
          .evaluate(() => ({
            url: location.href,
            title: document.title,
            main: (document.querySelector("main")?.textContent ?? "").slice(0, 300),
          }))
          .catch(() => null);
        throw new Error(`never arrived at "${String(title)}"; the page was ${JSON.stringify(seen)}`, { cause: error });
      });
    await this.page.locator("h1").first().waitFor();
    const focus = options.focus ?? "heading";
    if (focus !== "none") {
      const selector = focus === "heading" ? "h1" : ".govuk-error-summary";
      await this.page.waitForFunction((css) => document.activeElement === document.querySelector(css), selector);
    }
    await expectAccessible(this.page);
    this.visited.push(await this.page.title());
  }

  /** Activates a link or button: a click, or Tab to it and Enter (links) / Space (buttons). */
  async activate(target: Locator) {
    if (this.mode === "pointer") return target.click();
    await this.tabTo(target);
    const isButton = await target.evaluate(
      (element) => element.tagName === "BUTTON" || element.getAttribute("role") === "button",
    );
    await this.page.keyboard.press(isButton ? "Space" : "Enter");
  }

  /** Types into an empty text field (after tabbing to it in keyboard mode). */
  async fill(field: Locator, text: string) {
    if (this.mode === "pointer") return field.fill(text);
    // Only empty fields are typed into, so no editing keys are needed (the app clears a refused password).
    expect(await field.inputValue()).toBe("");
    await this.tabTo(field);
    await this.page.keyboard.type(text);
  }

  /** Replaces what a text field holds: select all and type over it (after tabbing to it in keyboard mode). */
  async retype(field: Locator, text: string) {
    if (this.mode === "pointer") return field.fill(text);
    await this.tabTo(field);
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.type(text);
    expect(await field.inputValue()).toBe(text);
  }

  /**
   * Chooses the option of a `<select>` with this visible text. With the keyboard: Tab to the select and move
   * through its options with the arrow keys, as a keyboard user does on a closed select, never `selectOption`.
   */
  async select(select: Locator, text: string) {
    if (this.mode === "pointer") {
      await select.selectOption({ label: text });
      return;
    }
    const { target, current } = await select.evaluate((element, wanted) => {
      const options = [...(element as HTMLSelectElement).options];
      return {
        target: options.findIndex((option) => option.text.trim() === wanted),
        current: (element as HTMLSelectElement).selectedIndex,
      };
    }, text);
    expect(target, `no option ${text}`).toBeGreaterThanOrEqual(0);
    await this.tabTo(select);
    const key = target > current ? "ArrowDown" : "ArrowUp";
    for (let step = 0; step < Math.abs(target - current); step += 1) await this.page.keyboard.press(key);
    await expect
      .poll(() => select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.text.trim()))
      .toBe(text);
  }

  /** Picks options of the question on the page by their visible labels. */
  async choose(labels: string[], type: "radio" | "checkbox") {
    const inputs = this.page.locator(`input[type=${type}]`);
    const all = await inputs.evaluateAll((elements) =>
      elements.map((element) => ({
        label: document.querySelector(`label[for="${element.id}"]`)?.textContent?.trim() ?? "",
        checked: (element as HTMLInputElement).checked,
      })),
    );
    if (this.mode === "pointer") {
      for (const label of labels) await this.page.getByLabel(label, { exact: true }).check();
      return;
    }
    if (type === "checkbox") {
      for (const [index, option] of all.entries()) {
        if (labels.includes(option.label) !== option.checked) {
          await this.tabTo(inputs.nth(index));
          await this.page.keyboard.press("Space");
        }
      }
      return;
    }
    const [label] = labels;
    const target = all.findIndex((option) => option.label === label);
    expect(target, `no option labelled ${label}`).toBeGreaterThanOrEqual(0);
    // Tab enters a radio group on its checked option, or on the first one when none is checked.
    const entry = Math.max(
      all.findIndex((option) => option.checked),
      0,
    );
    await this.tabTo(inputs.nth(entry));
    if (entry === target) {
      if (!all[target]?.checked) await this.page.keyboard.press("Space");
      return;
    }
    const key = target > entry ? "ArrowDown" : "ArrowUp";
    for (let step = 0; step < Math.abs(target - entry); step += 1) await this.page.keyboard.press(key);
    await expect.poll(() => inputs.nth(target).isChecked()).toBe(true);
  }

  /**
   * Moves focus to `target` with Tab (forwards) or Shift+Tab (backwards, for things above the focus, such as
   * the back link), failing if it cannot be reached: that is a keyboard trap or an unreachable control.
   */
  async tabTo(target: Locator) {
    await target.waitFor();
    const handle = await target.elementHandle();
    if (!handle) throw new Error("target vanished");
    const before = await handle.evaluate((element) => {
      const active = document.activeElement;
      if (!active || active === document.body) return false;
      // DOCUMENT_POSITION_PRECEDING: the target comes before the focused element.
      return (active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
    });
    const key = before ? "Shift+Tab" : "Tab";
    for (let presses = 0; presses < 400; presses += 1) {
      if (await handle.evaluate((element) => element === document.activeElement)) return;
      await this.page.keyboard.press(key);
    }
    throw new Error(
      `could not reach ${await handle.evaluate((element) => element.outerHTML.slice(0, 120))} with ${key}`,
    );
  }
}
