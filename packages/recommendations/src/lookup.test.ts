import { describe, expect, it } from "vitest";
import { deadlineDate } from "./dates";
import {
  deadlinesOf,
  dueBy,
  findRecommendation,
  findSubItem,
  isKnownRecommendationId,
  recommendationNumberOf,
  recommendationsByTheme,
  recommendationsFor,
} from "./lookup";

describe("deadlineDate", () => {
  it.each([
    ["56-days", "2024-11-22"],
    ["6-months", "2025-03-27"],
    ["12-months", "2025-09-27"],
  ] as const)("counts %s from 27 September 2024 as %s", (basis, expected) => {
    expect(deadlineDate(basis, "2024-09-27")).toBe(expected);
  });

  it("crosses a year end and a leap day", () => {
    expect(deadlineDate("56-days", "2023-12-20")).toBe("2024-02-14");
    expect(deadlineDate("12-months", "2024-02-28")).toBe("2025-02-28");
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => deadlineDate("56-days", "27/09/2024")).toThrow(RangeError);
  });
});

describe("finding recommendations", () => {
  it("finds a recommendation by number, id or sub-item id", () => {
    expect(findRecommendation(12)?.number).toBe(12);
    expect(findRecommendation("12")?.number).toBe(12);
    expect(findRecommendation("12.1")?.number).toBe(12);
    expect(findSubItem("13.1")?.summary).toMatch(/SPO training/);
  });

  it("finds nothing for ids the report does not define", () => {
    expect(findRecommendation("12.9")).toBeUndefined();
    expect(findRecommendation(30)).toBeUndefined();
    expect(findSubItem("12")).toBeUndefined();
    expect(isKnownRecommendationId("18.5")).toBe(false);
    expect(isKnownRecommendationId("18.4")).toBe(true);
  });

  it("gives the recommendation number of a sub-item", () => {
    expect(recommendationNumberOf("25.3")).toBe(25);
  });

  it("gives a sub-item its own deadline and a recommendation all of its deadlines", () => {
    expect(deadlinesOf("28.2")).toEqual([{ date: "2025-03-27", basis: "6-months" }]);
    expect(deadlinesOf("28").map((d) => d.date)).toEqual(["2024-11-22", "2025-03-27"]);
    expect(deadlinesOf("3")).toEqual([]);
  });

  it("filters by addressee and by theme", () => {
    expect(recommendationsFor("npcc-stalking-lead").map((r) => r.number)).toEqual([21]);
    expect(recommendationsFor("home-office")).toEqual([]);
    expect(recommendationsByTheme("training").map((r) => r.number)).toEqual([10]);
    expect(recommendationsByTheme("commissioning").map((r) => r.number)).toEqual([15, 16]);
  });
});

describe("dueBy", () => {
  it("lists what chief constables owed by the end of 2024", () => {
    expect(dueBy("2024-12-31", { addressee: "chief-constables" }).map((d) => d.id)).toEqual(["27", "28", "28.1"]);
  });

  it("counts a deadline day as due", () => {
    expect(dueBy("2024-11-22").map((d) => d.id)).toEqual(["27", "28", "28.1"]);
    expect(dueBy("2024-11-21")).toEqual([]);
  });

  it("lists everything but recommendation 22 by April 2025, earliest first", () => {
    const due = dueBy("2025-04-01");
    expect(due.map((d) => d.id)).not.toContain("22");
    expect(due.map((d) => d.id)).toContain("28.2");
    expect(due.map((d) => d.id)).toContain("15");
    const dates = due.map((d) => d.deadline.date);
    expect(dates).toEqual([...dates].sort());
    expect(dueBy("2025-09-27").map((d) => d.id)).toContain("22");
  });
});
