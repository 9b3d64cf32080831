// How every browser test here starts Chromium: Debian's package (never a downloaded browser), headless, and
// with the background services off, because this machine's closed network refuses their connections.

/** Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** playwright-core `chromium.launch()` options for the workspace's browser tests. */
export const chromiumLaunchOptions = () => ({
  executablePath: chromiumPath,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
