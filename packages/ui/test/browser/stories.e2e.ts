// Every story of the built Storybook, opened in Debian's chromium: axe with the WCAG 2.2 AA rules, including
// those jsdom cannot run (colour contrast needs layout and paint), and a keyboard check that the first
// element Tab reaches visibly changes when focused. Run with `pnpm --filter @stalking-response/ui test:browser`
// (or `pnpm test` at the root); turbo builds Storybook first.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions, chromiumPath } from "@stalking-response/tooling/chromium";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const staticDir = fileURLToPath(new URL("../../storybook-static/", import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const { version: axeVersion } = require("axe-core/package.json") as { version: string };

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules; `color-contrast` is one of the wcag2aa rules. */
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

type IndexEntry = { type: string; id: string; title: string; name: string };

function readStories(): IndexEntry[] {
  const index = `${staticDir}index.json`;
  if (!existsSync(index)) {
    throw new Error(
      `No built Storybook at ${staticDir}. Run \`pnpm --filter @stalking-response/ui storybook:build\` first ` +
        "(`pnpm test` and `turbo run test:browser` build it before this test).",
    );
  }
  const { entries } = JSON.parse(readFileSync(index, "utf8")) as { entries: Record<string, IndexEntry> };
  return Object.values(entries).filter((entry) => entry.type === "story");
}

const stories = readStories();

// Checked before any test is collected, so a missing browser fails the run with this message instead of
// reporting every story as skipped.
if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath}. This test needs Debian's chromium (apt-get install chromium; ` +
      ".ci/run installs it) or CHROMIUM_PATH set to a chromium binary. It never downloads a browser and never skips.",
  );
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".map": "application/json",
};

/** Serves storybook-static on a free port; files only, nothing outside the folder. */
function serveStorybook(): Promise<Server> {
  const root = resolve(staticDir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

type AxeResult = {
  id: string;
  impact?: string | null | undefined;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string | undefined }[];
};
type AxeRun = { violations: AxeResult[]; passes: AxeResult[]; incomplete: AxeResult[]; inapplicable: AxeResult[] };

async function runAxe(page: Page): Promise<AxeRun> {
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeRun> } };
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    // Only what the assertions read crosses back to Node.
    const slim = (list: AxeResult[]) =>
      list.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
      }));
    return {
      violations: slim(results.violations),
      passes: slim(results.passes),
      incomplete: slim(results.incomplete),
      inapplicable: slim(results.inapplicable),
    };
  }, wcagTags);
}

describe("stories in Chromium", () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
    server = await serveStorybook();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, reducedMotion: "reduce" });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 60_000);

  let current: string | undefined;

  /**
   * Loads the preview bundle once, in beforeAll with its own allowance: on a busy 2-core runner the cold load
   * alone has taken longer than one story's timeout, and it belongs to no single story.
   */
  async function loadPreview(id: string): Promise<void> {
    // a11y.manual stops Storybook's a11y addon running its own axe pass on the page at the same time as ours.
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true`, {
      timeout: 120_000,
    });
    await page.waitForFunction(
      () => ["sb-show-main", "sb-show-errordisplay"].some((name) => document.body.classList.contains(name)),
      undefined,
      { timeout: 120_000 },
    );
    // Our pinned axe-core, whatever copy the a11y addon may have put on the page.
    await page.evaluate(axeSource);
    expect(await page.evaluate(() => (window as unknown as { axe: { version: string } }).axe.version)).toBe(axeVersion);
    current = id;
  }

  /** Switches stories the way Storybook's own UI does (over its channel): many times faster than reloading. */
  async function showStory(id: string): Promise<void> {
    if (current !== id) {
      await page.evaluate(
        (storyId) =>
          new Promise<void>((done, fail) => {
            type Channel = {
              on: (event: string, listener: (...args: unknown[]) => void) => void;
              off: (event: string, listener: (...args: unknown[]) => void) => void;
              emit: (event: string, ...args: unknown[]) => void;
            };
            const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel })
              .__STORYBOOK_ADDONS_CHANNEL__;
            const finish = (error?: string) => {
              channel.off("storyRendered", rendered);
              channel.off("storyErrored", errored);
              channel.off("storyThrewException", errored);
              channel.off("storyMissing", errored);
              if (error) fail(new Error(error));
              else done();
            };
            const rendered = (renderedId: unknown) => {
              if (renderedId === storyId) finish();
            };
            const errored = (detail: unknown) => finish(`${storyId} did not render: ${JSON.stringify(detail)}`);
            channel.on("storyRendered", rendered);
            channel.on("storyErrored", errored);
            channel.on("storyThrewException", errored);
            channel.on("storyMissing", errored);
            channel.emit("setCurrentStory", { storyId, viewMode: "story" });
          }),
        id,
      );
    }
    current = id;
  }

  beforeAll(async () => {
    const first = stories[0];
    if (first) await loadPreview(first.id);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
  });

  it("finds the stories", () => {
    expect(stories.length).toBeGreaterThan(0);
  });

  it.each(stories)("$title › $name", async ({ id }) => {
    pageErrors.length = 0;
    await showStory(id);
    const error = await page.evaluate(() =>
      document.body.classList.contains("sb-show-errordisplay")
        ? (document.querySelector("#error-message")?.textContent ?? "error display shown")
        : null,
    );
    expect(error, "the story failed to render").toBeNull();
    await page.evaluate(() => document.fonts.ready);

    const results = await runAxe(page);
    const ran = [...results.violations, ...results.passes, ...results.incomplete, ...results.inapplicable];
    expect(
      ran.map((rule) => rule.id),
      "colour contrast was checked",
    ).toContain("color-contrast");
    const violations = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact ?? "unknown"}): ${violation.help}\n` +
        violation.nodes.map((node) => `  ${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("\n"),
    );
    expect(violations, `axe violations in ${id}`).toEqual([]);

    // Keyboard: Tab once from the top of the page. Stories with something to operate must take focus, and
    // show it; a story with nothing focusable (a tag, a panel) has nothing to check here.
    const operable = await page.evaluate(
      () =>
        [
          ...(document
            .querySelector("#storybook-root")
            ?.querySelectorAll<HTMLElement>(
              'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
                'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
            ) ?? []),
        ].filter((el) => el.checkVisibility()).length,
    );
    await page.evaluate(() => {
      // Blurring alone leaves Chromium's Tab starting point where focus was; start from a marker at the top.
      const start = document.createElement("span");
      start.tabIndex = -1;
      start.id = "focus-start";
      document.body.prepend(start);
      start.focus();
    });
    await page.keyboard.press("Tab");
    const focused = await page.evaluateHandle(() => {
      document.querySelector("#focus-start")?.remove();
      const element = document.activeElement;
      const root = document.querySelector("#storybook-root");
      return element && element !== document.body && root?.contains(element) ? element : null;
    });
    const element = focused.asElement();
    expect(element !== null, `Tab reaches the story (${operable} operable elements)`).toBe(operable > 0);
    if (element) {
      const label = await element.evaluate(
        (el) => `<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.textContent ?? "").trim().slice(0, 40)}"`,
      );
      const box = await element.boundingBox();
      expect(box, `first focusable element ${label} has a box on the page`).not.toBeNull();
      if (box) {
        // The focus style may be drawn around the element (an outline, or a ring on a radio's label).
        const margin = 8;
        const x = Math.max(0, box.x - margin);
        const y = Math.max(0, box.y - margin);
        const clip = { x, y, width: box.x + box.width + margin - x, height: box.y + box.height + margin - y };
        const shot = () => page.screenshot({ clip, animations: "disabled", caret: "hide" });
        const withFocus = await shot();
        await element.evaluate((el) => (el as HTMLElement).blur());
        const withoutFocus = await shot();
        expect(
          withFocus.equals(withoutFocus),
          `first focusable element ${label} shows no visible focus indicator`,
        ).toBe(false);
      }
    }
    await focused.dispose();
    expect(pageErrors, "uncaught errors on the story page").toEqual([]);
  });
});
