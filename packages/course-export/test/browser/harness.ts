// Shared parts of the browser journeys: Debian's chromium, axe, a static file server for unzipped packages, and the
// answers a learner gives (read from the curriculum, as a learner who knows the answers would).
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import type { Module } from "@stalking-response/curriculum";
import { chromiumLaunchOptions, chromiumPath } from "@stalking-response/tooling/chromium";
import { unzipSync } from "fflate";
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Starts Debian's chromium; fails loudly (never skips) when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. These journeys need Debian's chromium (apt-get install chromium; ` +
        ".ci/run installs it) or CHROMIUM_PATH. They never download a browser and never skip.",
    );
  }
  return chromium.launch({ ...chromiumLaunchOptions(), timeout: 90_000 });
}

/** Unzips a package into a fresh temporary folder and returns the folder. */
export function unzipPackage(bytes: Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), "course-export-"));
  for (const [path, contents] of Object.entries(unzipSync(bytes))) {
    if (path.endsWith("/")) continue;
    const file = join(folder, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  return folder;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".xml": "application/xml",
};

/** Serves a file from `root` for the request path after `prefix`; false when the path is not a file there. */
export function serveFile(root: string, path: string, response: ServerResponse): boolean {
  const base = resolve(root);
  const file = resolve(base, `.${decodeURIComponent(path)}`);
  if (!file.startsWith(base + sep) || !existsSync(file)) return false;
  response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
  response.end(readFileSync(file));
  return true;
}

/** Reads a request body as text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
    request.on("error", fail);
  });
}

type AxeViolation = { id: string; help: string; nodes: { target: unknown[] }[] };

/** Runs axe (WCAG 2.2 A and AA plus best practices, so `region` counts) in a frame; returns the violations. */
export async function axeViolations(frame: Frame): Promise<string[]> {
  if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(axeSource);
  const violations = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
      },
    });
    return result.violations;
  });
  return violations.map(
    (violation) => `${violation.id}: ${violation.help} (${JSON.stringify(violation.nodes.map((node) => node.target))})`,
  );
}

/** Whether the frame's page scrolls sideways at its current width (it must not at 320 px). */
export async function overflowsSideways(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The option labels a learner picks to get a question right, or wrong. */
export function answerLabels(module: Module, questionIndex: number, right: boolean): string[] {
  const question = module.knowledgeCheck.questions[questionIndex];
  if (!question) throw new Error(`no question ${questionIndex}`);
  if (right)
    return question.options.filter((option) => question.correctOptionIds.includes(option.id)).map((o) => o.text);
  const wrong = question.options.find((option) => !question.correctOptionIds.includes(option.id));
  if (!wrong) throw new Error(`question ${question.id} has no wrong option`);
  return [wrong.text];
}

/**
 * Answers the current question by keyboard: each chosen option is focused and toggled with Space, then the form is
 * sent with Enter on its button.
 */
export async function answerQuestion(
  sco: FrameLocator | Page,
  labels: readonly string[],
  last: boolean,
): Promise<void> {
  for (const label of labels) {
    await sco.getByLabel(label, { exact: true }).press("Space");
  }
  await sco.getByRole("button", { name: last ? "Submit answers" : "Save and continue" }).press("Enter");
}
