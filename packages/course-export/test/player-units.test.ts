import { describe, expect, it } from "vitest";
import { isoDuration, readCmi5Launch } from "../src/player/cmi5-tracker";
import { pageLocation, parseLocation } from "../src/player/pages";
import { scorm12Timespan } from "../src/player/scorm12-tracker";

describe("SCORM 1.2 session time", () => {
  it("is a CMITimespan, HHHH:MM:SS.SS", () => {
    expect(scorm12Timespan(0)).toBe("0000:00:00.00");
    expect(scorm12Timespan(3_723_450)).toBe("0001:02:03.45");
    expect(scorm12Timespan(-5)).toBe("0000:00:00.00");
  });
});

describe("xAPI durations", () => {
  it("are ISO 8601 seconds to the hundredth", () => {
    expect(isoDuration(0)).toBe("PT0.00S");
    expect(isoDuration(61_234)).toBe("PT61.23S");
  });
});

describe("cmi5 launch parameters", () => {
  const query = new URLSearchParams({
    endpoint: "https://lrs.example.invalid/xapi",
    fetch: "https://lms.example.invalid/fetch/1",
    actor: JSON.stringify({ account: { homePage: "https://lms.example.invalid", name: "a" } }),
    registration: "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
    activityId: "https://lms.example.invalid/activities/1",
  });

  it("are read from the launch URL, with the endpoint ending in a slash", () => {
    expect(readCmi5Launch(`?${query.toString()}`)).toMatchObject({
      endpoint: "https://lrs.example.invalid/xapi/",
      registration: "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
    });
  });

  it("are missing when any parameter is absent or the actor is not JSON", () => {
    const withoutFetch = new URLSearchParams(query);
    withoutFetch.delete("fetch");
    expect(readCmi5Launch(`?${withoutFetch.toString()}`)).toBeNull();
    const badActor = new URLSearchParams(query);
    badActor.set("actor", "not json");
    expect(readCmi5Launch(`?${badActor.toString()}`)).toBeNull();
  });
});

describe("lesson_location", () => {
  it("round-trips and falls back to the overview for anything unknown or out of range", () => {
    expect(parseLocation(pageLocation({ kind: "question", index: 4 }), 3, 12)).toEqual({ kind: "question", index: 4 });
    expect(parseLocation("lesson-3", 3, 12)).toEqual({ kind: "overview" });
    expect(parseLocation("result", 3, 12)).toEqual({ kind: "result" });
    expect(parseLocation(null, 3, 12)).toEqual({ kind: "overview" });
  });
});
