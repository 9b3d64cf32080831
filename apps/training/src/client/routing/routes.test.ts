import { describe, expect, it } from "vitest";
import { href, parseRoute, type Route } from "./routes";

const everyRoute: Route[] = [
  { name: "sign-in" },
  { name: "sign-in", next: "/training/stalking-protection-orders" },
  { name: "sign-out" },
  { name: "change-password" },
  { name: "admin-users" },
  { name: "admin-users", query: "q=smith" },
  { name: "admin-user-new" },
  { name: "admin-user", userId: "0b7e3c1e-3d2a-4a39-9d44-1f0f8d1e2a3b" },
  { name: "admin-units" },
  { name: "admin-unit-new" },
  { name: "admin-unit", unitId: "0b7e3c1e-3d2a-4a39-9d44-1f0f8d1e2a3b" },
  { name: "admin-sso" },
  { name: "admin-scim" },
  { name: "admin-import", kind: "people" },
  { name: "admin-import", kind: "completions" },
  { name: "admin-jobs" },
  { name: "admin-lrs" },
  { name: "reset-password" },
  { name: "accessibility" },
  { name: "my-training" },
  { name: "module", moduleId: "stalking-protection-orders" },
  { name: "lesson", moduleId: "stalking-protection-orders", lessonId: "who-can-apply" },
  { name: "practice-screening", moduleId: "risk-screening", lessonId: "screening-in-practice" },
  {
    name: "practice-screening",
    moduleId: "risk-screening",
    lessonId: "screening-in-practice",
    step: "risk-question-3",
  },
  { name: "knowledge-check", moduleId: "online-stalking" },
  { name: "question", moduleId: "online-stalking", number: 12 },
  { name: "question", moduleId: "online-stalking", number: 3, fromCheckAnswers: true },
  { name: "check-answers", moduleId: "online-stalking" },
  { name: "result", moduleId: "online-stalking", attemptId: "0b5c1f8e-8d1e-4b8a-9d1a-3f1f7f1e2a10" },
  { name: "certificate", certificateId: "SRT-7K2M-9QXD-4H3P" },
  { name: "certificate-lookup" },
  { name: "certificate-check", certificateId: "SRT-7K2M-9QXD-4H3P" },
  { name: "trainer-grid" },
  { name: "trainer-grid", query: "jobRole=investigator&status=overdue&q=Smith+J" },
  { name: "trainer-learner", userId: "0b5c1f8e-8d1e-4b8a-9d1a-3f1f7f1e2a10" },
  { name: "trainer-charts" },
  { name: "trainer-evidence" },
  { name: "trainer-assignments" },
  { name: "trainer-course-packages" },
  { name: "trainer-content-changes" },
  { name: "trainer-overview" },
  { name: "trainer-assign", step: "module" },
  { name: "trainer-assign", step: "due-date", fromCheck: true },
  { name: "trainer-assign", step: "check" },
  { name: "trainer-charts", query: "jobRole=supervisor" },
];

describe("routes", () => {
  it.each(everyRoute.map((route) => [href(route), route] as const))(
    "reads %s back as the route it was printed from",
    (path, route) => {
      const url = new URL(path, "https://training.invalid");
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    },
  );

  it("treats / as my training and ignores a trailing slash", () => {
    expect(parseRoute("/")).toEqual({ name: "my-training" });
    expect(parseRoute("/training/online-stalking/")).toEqual({ name: "module", moduleId: "online-stalking" });
  });

  it("escapes ids so a crafted id cannot change the path", () => {
    const route: Route = { name: "module", moduleId: "a/../../api" };
    expect(href(route)).toBe("/training/a%2F..%2F..%2Fapi");
    expect(parseRoute(href(route))).toEqual(route);
  });

  it("answers not found for unknown paths, question 0 and malformed escapes", () => {
    expect(parseRoute("/no-such-page").name).toBe("not-found");
    expect(parseRoute("/admin/nowhere/at-all").name).toBe("not-found");
    // The admin area's front door is its users page.
    expect(parseRoute("/admin")).toEqual({ name: "admin-users" });
    expect(parseRoute("/training/x/knowledge-check/question-0").name).toBe("not-found");
    expect(parseRoute("/training/%E0%A4%A").name).toBe("not-found");
  });

  it("only returns to same-site paths after sign-in", () => {
    expect(parseRoute("/sign-in", "?next=/training")).toEqual({ name: "sign-in", next: "/training" });
    expect(parseRoute("/sign-in", "?next=https://evil.example/")).toEqual({ name: "sign-in" });
    expect(parseRoute("/sign-in", "?next=//evil.example/")).toEqual({ name: "sign-in" });
    // Browsers read a backslash after the first slash as a second slash.
    expect(parseRoute("/sign-in", `?next=${encodeURIComponent("/\\evil.example/")}`)).toEqual({ name: "sign-in" });
  });
});
