import { describe, expect, it } from "vitest";
import { href } from "../../routing/routes";
import { gridRoute, readGridQuery, withinDaysError } from "./grid-filter";

describe("the grid's filter in its address", () => {
  it("reads the filter, order and cursor, and prints the same address back", () => {
    const query = "status=renewal-due&withinDays=45&jobRole=investigator&sort=name&direction=desc&after=abc";
    const { filter, order, after } = readGridQuery(query);
    expect(filter).toEqual({ status: "renewal-due", withinDays: "45", jobRole: "investigator" });
    expect(order).toEqual({ sort: "name", direction: "desc" });
    expect(after).toBe("abc");
    const again = new URL(href(gridRoute(filter, order, { after: "abc" })), "https://training.invalid").search.slice(1);
    expect(readGridQuery(again)).toEqual({ filter, order, after, before: undefined });
  });

  it("carries a previous-page cursor in the address, so a bookmarked page can go back", () => {
    const route = gridRoute({ unit: "u1" }, { sort: "score", direction: "desc" }, { before: "xyz" });
    const search = new URL(href(route), "https://training.invalid").search.slice(1);
    expect(new URLSearchParams(search).get("before")).toBe("xyz");
    expect(readGridQuery(search)).toEqual({
      filter: { unit: "u1" },
      order: { sort: "score", direction: "desc" },
      after: undefined,
      before: "xyz",
    });
  });

  it("drops the number of days unless the status is renewal due", () => {
    expect(readGridQuery("status=overdue&withinDays=45").filter).toEqual({ status: "overdue" });
    expect(readGridQuery("withinDays=45").filter).toEqual({});
  });

  it("leaves an empty filter's address bare", () => {
    expect(gridRoute({})).toEqual({ name: "trainer-grid" });
  });
});

describe("the renewal look-ahead in days", () => {
  it.each(["1", "30", " 90 ", "365"])("accepts %j", (value) => {
    expect(withinDaysError(value)).toBeNull();
  });

  it.each([
    ["", "Enter the number of days to look ahead for renewals"],
    ["  ", "Enter the number of days to look ahead for renewals"],
    ["thirty", "Number of days must be a whole number, like 30"],
    ["2.5", "Number of days must be a whole number, like 30"],
    ["-3", "Number of days must be a whole number, like 30"],
    ["0", "Number of days must be between 1 and 365"],
    ["366", "Number of days must be between 1 and 365"],
  ])("refuses %j, naming the field", (value, message) => {
    expect(withinDaysError(value)).toBe(message);
  });
});
