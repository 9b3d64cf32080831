import { resolve } from "node:path";
import { compile } from "sass";
import { describe, expect, it } from "vitest";

// The stylesheet is where the GOV.UK brand would leak in: GDS Transport is licensed for
// gov.uk only, and the crown and crest are GOV.UK's marks.
const entry = resolve(import.meta.dirname, "../src/styles/ui.scss");

describe("ui stylesheet", () => {
  const { css } = compile(entry, { style: "compressed" });

  it("sets text in Arial and embeds no font", () => {
    expect(css).not.toMatch(/GDS Transport/i);
    expect(css).not.toMatch(/@font-face/);
    expect(css).toMatch(/font-family:arial,sans-serif/);
  });

  it("references no images or fonts, so consumers host no assets", () => {
    expect(css).not.toMatch(/url\(/);
  });

  it("styles every foundation it renders, and not the GOV.UK-branded header", () => {
    for (const selector of [
      ".govuk-button",
      ".govuk-error-summary",
      ".govuk-radios__conditional--hidden",
      ".govuk-date-input",
      ".govuk-summary-card",
      ".govuk-table",
      ".govuk-pagination",
      ".govuk-task-list",
      ".govuk-notification-banner",
      ".govuk-generic-header",
      ".govuk-footer",
      ".govuk-skip-link",
      ".srt-table__sort-button",
      ".srt-progress-bar__fill",
      ".srt-header-navigation__toggle",
    ]) {
      expect(css, selector).toContain(selector);
    }
    // The GOV.UK header draws the GOV.UK logotype; the generic header replaces it.
    expect(css).not.toContain(".govuk-header__logotype");
  });
});
