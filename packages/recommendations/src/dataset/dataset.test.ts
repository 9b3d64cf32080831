import { describe, expect, it } from "vitest";
import { ActionPlanSchema } from "../action-plan";
import { deadlineDate } from "../dates";
import { findSubItem, recommendationIds, recommendationsFor } from "../lookup";
import { RecommendationSchema, ReportSchema } from "../model";
import { essexActionPlan } from "./essex";
import { recommendations } from "./recommendations";
import { report } from "./report";

const chiefConstableNumbers = [7, 10, 11, 12, 13, 14, 16, 17, 18, 20, 22, 23, 25, 27, 28];
const confirmedNumbers = [7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 23, 25, 27, 28];

// The sub-items and deadlines the issue lists; written out here so the dataset is checked against
// an independent copy rather than against itself.
const expectedSubItems: Record<string, string> = {
  ...Object.fromEntries(
    [
      "7.1 7.2",
      "10.1 10.2 10.3 10.4 10.5",
      "11.1 11.2 11.3 11.4",
      "12.1 12.2 12.3 12.4",
      "13.1 13.2",
      "14.1 14.2 14.3 14.4 14.5",
      "17.1",
      "18.1 18.2 18.3 18.4",
      "20.1 20.2 20.3 20.4",
      "23.1",
      "25.1 25.2 25.3",
      "28.2",
    ]
      .flatMap((line) => line.split(" "))
      .map((id) => [id, "2025-03-27"]),
  ),
  "28.1": "2024-11-22",
};

describe("report", () => {
  it("validates against its schema", () => {
    expect(ReportSchema.parse(report)).toEqual(report);
  });

  it("derives the three deadlines from publication on 27 September 2024", () => {
    expect(report.published).toBe("2024-09-27");
    expect(report.deadlines.map((d) => d.date)).toEqual(["2024-11-22", "2025-03-27", "2025-09-27"]);
  });

  it("does not name the investigating bodies as addressees", () => {
    expect(report.investigatingBodies).toEqual(["hmicfrs", "iopc", "college-of-policing"]);
    expect(report.addressees).not.toContain("college-of-policing");
    expect(report.addressees).not.toContain("iopc");
  });
});

describe("recommendations", () => {
  it("holds 29 recommendations numbered 1 to 29, each valid", () => {
    expect(recommendations.map((rec) => rec.number)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    for (const rec of recommendations) expect(RecommendationSchema.parse(rec)).toEqual(rec);
  });

  it("confirms exactly the 16 recommendations the brief confirms", () => {
    expect(recommendations.filter((rec) => rec.confirmed).map((rec) => rec.number)).toEqual(confirmedNumbers);
  });

  it("addresses exactly 15 recommendations to chief constables and 3 to PCCs", () => {
    expect(recommendationsFor("chief-constables").map((rec) => rec.number)).toEqual(chiefConstableNumbers);
    expect(recommendationsFor("pccs").map((rec) => rec.number)).toEqual([15, 16, 25, 27]);
  });

  it.each(Object.entries(expectedSubItems))("has sub-item %s due %s", (id, date) => {
    expect(findSubItem(id)?.deadline.date).toBe(date);
  });

  it("has no sub-items beyond the confirmed list", () => {
    const all = recommendations.flatMap((rec) => rec.subItems.map((item) => item.id));
    expect(all.sort()).toEqual(Object.keys(expectedSubItems).sort());
  });

  it("sets every deadline to the date its basis gives", () => {
    const deadlines = recommendations.flatMap((rec) => [...rec.deadlines, ...rec.subItems.map((i) => i.deadline)]);
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(d.date).toBe(deadlineDate(d.basis, report.published));
  });

  it("gives recommendation 22 the 12-month deadline and 27 the 56-day one", () => {
    expect(recommendations[21]?.deadlines).toEqual([{ date: "2025-09-27", basis: "12-months" }]);
    expect(recommendations[26]?.deadlines).toEqual([{ date: "2024-11-22", basis: "56-days" }]);
  });

  it("gives unconfirmed recommendations no invented deadline, theme or sub-item", () => {
    for (const rec of recommendations.filter((r) => !r.confirmed)) {
      expect(rec.deadlines, `rec ${rec.number}`).toEqual([]);
      expect(rec.themes, `rec ${rec.number}`).toEqual([]);
      expect(rec.subItems, `rec ${rec.number}`).toEqual([]);
      expect(rec.summary, `rec ${rec.number}`).toMatch(/^Not confirmed/);
      // Only 21's addressee is known, inferred from rec 22's reference to the NPCC lead.
      expect(rec.addressees, `rec ${rec.number}`).toEqual(rec.number === 21 ? ["npcc-stalking-lead"] : []);
    }
  });

  it("gives every confirmed recommendation an addressee, a deadline and a theme", () => {
    for (const rec of recommendations.filter((r) => r.confirmed)) {
      expect(rec.addressees.length, `rec ${rec.number}`).toBeGreaterThan(0);
      expect(rec.deadlines.length, `rec ${rec.number}`).toBeGreaterThan(0);
      expect(rec.themes.length, `rec ${rec.number}`).toBeGreaterThan(0);
    }
  });

  it("lists every recommendation and sub-item id once", () => {
    expect(new Set(recommendationIds).size).toBe(recommendationIds.length);
    expect(recommendationIds).toHaveLength(29 + Object.keys(expectedSubItems).length);
  });
});

describe("essexActionPlan", () => {
  it("validates against ActionPlanSchema", () => {
    const parsed = ActionPlanSchema.safeParse(essexActionPlan);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toEqual(essexActionPlan);
  });

  it.each(chiefConstableNumbers)("answers chief-constable recommendation %i", (number) => {
    const answered = essexActionPlan.responses.filter((r) => r.id === String(number) || r.id.startsWith(`${number}.`));
    expect(answered.length).toBeGreaterThan(0);
  });

  it("answers every sub-item of the recommendations it answers item by item", () => {
    const answered = new Set(essexActionPlan.responses.map((r) => r.id));
    for (const number of chiefConstableNumbers) {
      const rec = recommendations[number - 1];
      if (!rec || answered.has(String(number))) continue;
      for (const item of rec.subItems) expect(answered, item.id).toContain(item.id);
    }
  });

  it.each([
    ["7.2", "not-applicable"],
    ["12.1", "in-progress"],
    ["18.2", "partial"],
    ["18.3", "partial"],
    ["18.4", "partial"],
    ["28.1", "complete"],
  ])("reads %s as %s from Essex's own words", (id, status) => {
    expect(essexActionPlan.responses.find((r) => r.id === id)?.status).toBe(status);
  });

  it("records the 28.1 date typo and the addressee error as data-quality notes", () => {
    const about = essexActionPlan.notes.map((n) => n.about);
    expect(about).toContain("28.1");
    expect(about).toContain("addressees");
    expect(essexActionPlan.notes.find((n) => n.about === "28.1")?.note).toMatch(/22 November 2025/);
  });
});
