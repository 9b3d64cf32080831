import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromiumLaunchOptions } from "@stalking-response/tooling/chromium";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, vi } from "vitest";

// Every browser journey imports this module. A journey signs in, loads pages and runs axe on each: on a busy
// 2-core CI machine one can take minutes, which the 60 s test default (meant for API tests) does not allow.
vi.setConfig({ testTimeout: 240_000 });

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Launches Debian's chromium (never a downloaded browser); CHROMIUM_PATH overrides the location. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** One browser context with its page, and every script error and failed console message it produced. */
export type Device = { context: BrowserContext; page: Page; errors: string[] };

/**
 * A fresh context per device: its own cookies, as on a separate phone or desk computer. The viewport is a
 * phone's, because officers mostly train on phones, and reflow problems show up there first.
 */
export async function newDevice(browser: Browser, baseURL: string): Promise<Device> {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  // Playwright waits 30 s by default; a 2-core CI machine running other suites beside this one has been seen
  // to need longer for a page that loads data (a journey timed out at 30 s under a load average of 12).
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !isExpectedRefusal(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** The browser logs every 4xx; the wrong-password 401 is a step of the journey, not a fault. */
function isExpectedRefusal(text: string): boolean {
  return /status of 401/.test(text);
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe against the WCAG 2.2 AA rule set on the page as it stands and fails on any violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => "axe" in window);
  // Evaluated over the DevTools protocol rather than injected as a <script>, which the app's CSP rightly blocks.
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      // A best practice rather than a WCAG rule, but issue 16 holds every page to it: all content in landmarks.
      rules: { region: { enabled: true } },
    });
    return results.violations;
  });
  const summary = (violations as AxeViolation[]).map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()} (${await page.title()})`).toEqual([]);
}
