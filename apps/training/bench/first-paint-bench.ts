/**
 * The officer's first load (issue 16). Prints numbers; never passes or fails on time.
 *
 *   cd apps/training && pnpm build && tsx --conditions=@stalking-response/source bench/first-paint-bench.ts [--runs 7]
 *
 * 1. The officer's first-load script as built: the entry and what it imports statically, gzipped (budget
 *    100 KB), and the contract schemas it fetches beside its first request; and those scripts compressed as
 *    they are served (brotli 11 and gzip 9 at build time) against what a server could afford per request.
 * 2. First contentful paint of the app's My training page for a signed-in officer, in Chromium with the CPU
 *    slowed 4× (DevTools `Emulation.setCPUThrottlingRate`), against the ceiling measured in the same run: a
 *    static page with the same markup and CSS (the app's page as rendered, without its scripts), served by
 *    the same server. Each load is cold (a new browser context) and the two alternate, so load on the
 *    machine falls on both. The goal is a ratio of at most 1.5.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import type { Browser, BrowserContext } from "playwright-core";
import { chromiumLaunchOptions } from "@stalking-response/tooling/chromium";
import { chromium } from "playwright-core";
import { contractSchemas, officerFirstLoad } from "../test/e2e/bundle-size";
import { startTrainingServer } from "../test/e2e/server";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(args.runs);
const CPU_SLOWDOWN = 4;
const STATIC_PATH = "/__bench/my-training-static.html";

const clientDir = fileURLToPath(new URL("../dist/client", import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

/** Loads `path` cold in a new context holding `cookies`, with the CPU slowed, and returns its FCP in ms. */
async function firstContentfulPaint(
  browser: Browser,
  baseURL: string,
  cookies: Awaited<ReturnType<BrowserContext["cookies"]>>,
  path: string,
  staticHtml: string,
): Promise<number> {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  try {
    await context.addCookies(cookies);
    // The static copy is answered by the browser itself for this one address; its CSS comes from the server.
    await context.route(`**${STATIC_PATH}`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: staticHtml }),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(path, { waitUntil: "load" });
    await page.locator("h1", { hasText: "My training" }).waitFor();
    return await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const seen = performance.getEntriesByName("first-contentful-paint")[0];
          if (seen) return resolve(seen.startTime);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName("first-contentful-paint")[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: "paint", buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

const firstLoad = officerFirstLoad(clientDir);
const schemas = contractSchemas(clientDir);
console.log(
  `officer first-load script: ${firstLoad.files.length} files, ${kb(firstLoad.gzipBytes)} gzip (budget 100 KB)`,
);
console.log(`  + contract schemas fetched beside the first request: ${kb(schemas.gzipBytes)} gzip`);

// Precompressed at build time (what is served) against what a server can afford per request (@fastify/compress).
const scripts = firstLoad.files.map((file) => readFileSync(`${clientDir}/assets/${file}`));
const timed = (label: string, compress: (content: Buffer) => Buffer) => {
  const started = performance.now();
  const bytes = scripts.reduce((sum, content) => sum + compress(content).length, 0);
  console.log(`  ${label}: ${kb(bytes)} in ${(performance.now() - started).toFixed(0)} ms`);
};
console.log("the first-load scripts compressed:");
timed("brotli 11, at build time (served)", (content) =>
  brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
);
timed("gzip 9, at build time (served without brotli)", (content) => gzipSync(content, { level: 9 }));
timed("brotli 4, per request", (content) =>
  brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
);
timed("gzip 6, per request", (content) => gzipSync(content, { level: 6 }));

const [server, browser] = await Promise.all([startTrainingServer(), chromium.launch(chromiumLaunchOptions())]);
try {
  const credentials = await server.newOfficer();
  const signIn = await browser.newContext({ baseURL: server.baseURL });
  const page = await signIn.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address or collar number").fill(credentials.identifier);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("h1", { hasText: "My training" }).waitFor();
  await page.locator(".app-module-list__item").first().waitFor();
  // The page as the officer sees it, scripts removed: the same markup and the same stylesheet link.
  const staticHtml = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("script, link[rel=modulepreload]").forEach((element) => element.remove());
    return `<!doctype html>\n${copy.outerHTML}`;
  });
  const cookies = await signIn.cookies();
  await signIn.close();

  const app: number[] = [];
  const ceiling: number[] = [];
  // One load of each first, not counted: the server's and the browser's own warm-up.
  await firstContentfulPaint(browser, server.baseURL, cookies, "/training", staticHtml);
  await firstContentfulPaint(browser, server.baseURL, cookies, STATIC_PATH, staticHtml);
  for (let run = 0; run < runs; run += 1) {
    app.push(await firstContentfulPaint(browser, server.baseURL, cookies, "/training", staticHtml));
    ceiling.push(await firstContentfulPaint(browser, server.baseURL, cookies, STATIC_PATH, staticHtml));
  }
  const appMedian = median(app);
  const ceilingMedian = median(ceiling);
  console.log(`first contentful paint at ${CPU_SLOWDOWN}x CPU slowdown, median of ${runs} cold loads:`);
  console.log(
    `  My training (the app):            ${appMedian.toFixed(0)} ms  [${app.map((ms) => ms.toFixed(0)).join(", ")}]`,
  );
  console.log(
    `  same markup and CSS, static page: ${ceilingMedian.toFixed(0)} ms  [${ceiling.map((ms) => ms.toFixed(0)).join(", ")}]`,
  );
  console.log(`  ratio: ${(appMedian / ceilingMedian).toFixed(2)}x (goal at most 1.5x)`);
} finally {
  await browser.close();
  await server.close();
}
