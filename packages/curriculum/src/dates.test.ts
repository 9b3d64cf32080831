import { describe, expect, it } from "vitest";
import { addMonths, recertificationDueOn, reviewStatus } from "./dates";

describe("addMonths", () => {
  it.each([
    ["2026-11-28", 12, "2027-11-28"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-03-31", -1, "2026-02-28"],
  ])("%s + %i months = %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each(["2026-02-30", "2026-13-01", "28/11/2026", "", "2026-1-1"])(
    "refuses %j, which is not a real date",
    (date) => {
      expect(addMonths(date, 1)).toBeUndefined();
    },
  );

  it("refuses a fractional number of months", () => {
    expect(addMonths("2026-01-01", 1.5)).toBeUndefined();
  });
});

describe("recertificationDueOn", () => {
  it("adds the module's validity period to the pass date", () => {
    expect(recertificationDueOn({ validityMonths: 12 }, "2026-11-28")).toBe("2027-11-28");
    expect(recertificationDueOn({ validityMonths: 6 }, "2026-08-31")).toBe("2027-02-28");
  });
});

describe("reviewStatus", () => {
  const module = { nextReviewDue: "2027-05-28" };
  it("is current up to and including the review date, and overdue the day after", () => {
    expect(reviewStatus(module, "2026-11-28")).toBe("current");
    expect(reviewStatus(module, "2027-05-28")).toBe("current");
    expect(reviewStatus(module, "2027-05-29")).toBe("review-overdue");
  });
});
