import axe from "axe-core";

/**
 * Runs axe-core over a rendered container and fails with a readable list of violations.
 * jsdom cannot lay out or paint, so axe reports colour contrast as "incomplete" (not a
 * violation); contrast and focus visibility are checked in Chromium by test/browser/stories.e2e.ts.
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, { resultTypes: ["violations"] });
  if (results.violations.length === 0) return;
  const report = results.violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? "unknown"}): ${violation.help}\n` +
        violation.nodes.map((node) => `  ${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("\n"),
    )
    .join("\n");
  throw new Error(`axe found ${results.violations.length} violation(s):\n${report}`);
}
