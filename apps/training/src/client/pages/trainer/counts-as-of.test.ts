import { describe, expect, it } from "vitest";
import { formatTimeOfDay } from "../../format/dates";
import { countsAsOf } from "./counts-as-of";

describe("counts as of", () => {
  it("says when cached counts were taken, in London time (BST in summer, GMT in winter)", () => {
    expect(countsAsOf({ countedAt: "2026-06-15T09:42:05.000Z", cached: true })).toBe("Counts as of 10:42:05");
    expect(countsAsOf({ countedAt: "2026-11-28T09:42:05.900Z", cached: true })).toBe("Counts as of 09:42:05");
  });

  it("says nothing for counts taken for this request", () => {
    expect(countsAsOf({ countedAt: "2026-06-15T09:42:05.000Z", cached: false })).toBeNull();
  });

  it("reads the 24-hour clock across midnight and the clock change", () => {
    expect(formatTimeOfDay("2026-06-15T23:00:00.000Z")).toBe("00:00:00");
    expect(formatTimeOfDay("2026-03-29T00:59:59.000Z")).toBe("00:59:59");
    expect(formatTimeOfDay("2026-03-29T01:00:00.000Z")).toBe("02:00:00");
  });
});
