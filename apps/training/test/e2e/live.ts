import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startTrainingServer, type TrainingServer } from "./server";

/**
 * One server and one browser for a test file, started before its tests and closed after them: a 2-core CI
 * machine pays for each only once. Read them inside tests, once started.
 */
export function serverAndBrowserForFile(): { readonly server: TrainingServer; readonly browser: Browser } {
  let server: TrainingServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTrainingServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error("the server has not started");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser has not started");
      return browser;
    },
  };
}
