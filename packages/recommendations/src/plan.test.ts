import { describe, expect, it } from "vitest";
import type { ActionPlan, PlanResponse } from "./action-plan";
import { essexActionPlan } from "./dataset/essex";
import { compareIds, diffPlans, findResponse, overdueItems, rollUpStatus, summarisePlan } from "./plan";

const respond = (id: string, status: PlanResponse["status"], extra: Partial<PlanResponse> = {}): PlanResponse => ({
  id,
  status,
  narrative: `Answer to ${id}`,
  actions: [],
  evidence: [],
  updates: [],
  ...extra,
});

const plan = (responses: PlanResponse[], extra: Partial<ActionPlan> = {}): ActionPlan => ({
  force: "Testshire Police",
  source: { title: "Stalking action plan", publisher: "Testshire Police" },
  responses,
  notes: [],
  ...extra,
});

describe("rollUpStatus", () => {
  it.each([
    [[], "no-response"],
    [["no-response", "no-response"], "no-response"],
    [["not-applicable"], "not-applicable"],
    [["complete", "not-applicable"], "complete"],
    [["complete", "partial"], "partial"],
    [["complete", "in-progress"], "in-progress"],
    [["complete", "no-response"], "in-progress"],
    [["not-started", "no-response"], "not-started"],
    [["not-started", "in-progress"], "in-progress"],
  ] as const)("rolls %j up to %s", (items, expected) => {
    expect(rollUpStatus(items)).toBe(expected);
  });
});

describe("findResponse", () => {
  it("lets a sub-item inherit the answer to its whole recommendation", () => {
    expect(findResponse(essexActionPlan, "17.1")).toMatchObject({ inherited: true, response: { id: "17" } });
    expect(findResponse(essexActionPlan, "7.2")).toMatchObject({ inherited: false, response: { id: "7.2" } });
    expect(findResponse(essexActionPlan, "15")).toBeUndefined();
    expect(findResponse(essexActionPlan, "15.1")).toBeUndefined();
  });
});

describe("summarisePlan", () => {
  it("covers the 15 chief-constable recommendations of the Essex plan", () => {
    const summary = summarisePlan(essexActionPlan);
    expect(summary.recommendations.map((r) => r.number)).toEqual([
      7, 10, 11, 12, 13, 14, 16, 17, 18, 20, 22, 23, 25, 27, 28,
    ]);
    expect(summary.byStatus["no-response"]).toBe(0);
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b)).toBe(15);
    expect(summary.overdue).toEqual([]);
    expect(summary.asOf).toBeUndefined();
  });

  it("rolls Essex's answers up per recommendation", () => {
    const status = Object.fromEntries(summarisePlan(essexActionPlan).recommendations.map((r) => [r.number, r.status]));
    expect(status).toMatchObject({
      7: "complete",
      12: "partial",
      14: "partial",
      16: "partial",
      18: "partial",
      17: "complete",
      28: "complete",
    });
  });

  it("shows the status, narrative and updates the evidence view needs for a sub-item", () => {
    const rec10 = summarisePlan(essexActionPlan).recommendations.find((r) => r.number === 10);
    expect(rec10?.items.map((i) => i.id)).toEqual(["10", "10.1", "10.2", "10.3", "10.4", "10.5"]);
    expect(rec10?.items[1]).toMatchObject({ id: "10.1", status: "complete", inherited: false });
    expect(rec10?.items[1]?.narrative).toMatch(/curriculum/);
  });

  it("gives each item its latest dated update with the update's source", () => {
    const rec28 = summarisePlan(essexActionPlan).recommendations.find((r) => r.number === 28);
    expect(rec28?.items.find((i) => i.id === "28.2")?.latestUpdate).toMatchObject({
      date: "2025-08-01",
      status: "complete",
      source: { publisher: "National Police Chiefs' Council" },
    });
    const withTwo = plan([
      {
        ...respond("13.1", "partial"),
        updates: [
          { date: "2025-03-27", status: "in-progress", note: "Guidance drafted." },
          { date: "2026-03-27", status: "partial", note: "Guidance issued; supervisors not yet trained." },
          { date: "2025-09-27", status: "in-progress", note: "Consultation." },
        ],
      },
    ]);
    const item = summarisePlan(withTwo)
      .recommendations.find((r) => r.number === 13)
      ?.items.find((i) => i.id === "13.1");
    expect(item?.latestUpdate?.date).toBe("2026-03-27");
  });

  it("counts unanswered recommendations as no-response and per theme", () => {
    const summary = summarisePlan(plan([respond("13.1", "complete"), respond("13.2", "partial")]));
    expect(summary.recommendations).toHaveLength(15);
    expect(summary.byStatus).toEqual({
      complete: 0,
      "in-progress": 0,
      partial: 1,
      "not-started": 0,
      "not-applicable": 0,
      "no-response": 14,
    });
    expect(summary.byTheme.spo).toMatchObject({ partial: 1 });
    expect(summary.byTheme.training).toMatchObject({ "no-response": 1 });
  });

  it("includes recommendations the plan answers beyond the addressee's", () => {
    const summary = summarisePlan(plan([respond("15", "complete")]));
    expect(summary.recommendations.map((r) => r.number)).toContain(15);
    expect(
      summarisePlan(plan([respond("15", "complete")]), { addressee: "pccs" }).recommendations.map((r) => r.number),
    ).toEqual([15, 16, 25, 27]);
  });

  it("reports the latest progress update", () => {
    const updates = [
      { date: "2025-03-20", status: "in-progress" as const, note: "Pilot in two districts" },
      { date: "2025-06-30", status: "complete" as const, note: "Rolled out force-wide" },
      { date: "2025-01-10", status: "not-started" as const, note: "Scoping" },
    ];
    const summary = summarisePlan(plan([respond("22", "complete", { updates })]));
    const item = summary.recommendations.find((r) => r.number === 22)?.items[0];
    expect(item?.latestUpdate?.note).toBe("Rolled out force-wide");
  });
});

describe("overdueItems", () => {
  it("finds nothing overdue on a deadline day itself", () => {
    expect(overdueItems(plan([respond("27", "not-started")]), "2024-11-22").filter((e) => e.id === "27")).toEqual([]);
  });

  it("lists unfinished and unanswered items past their deadline, but not complete or not-applicable ones", () => {
    const overdue = overdueItems(
      plan([respond("27", "in-progress"), respond("28.1", "complete"), respond("28.2", "not-applicable")]),
      "2024-11-23",
    );
    expect(overdue).toEqual([
      { kind: "item", id: "27", deadline: { date: "2024-11-22", basis: "56-days" }, status: "in-progress" },
    ]);
  });

  it("includes unanswered recommendations once their deadline has passed", () => {
    const overdue = overdueItems(plan([respond("27", "complete")]), "2025-03-28");
    expect(overdue.map((e) => e.id)).toContain("7.1");
    expect(overdue.map((e) => e.id)).toContain("28.1");
    expect(overdue.map((e) => e.id)).not.toContain("22");
  });

  it("lists actions past their due date that are not complete", () => {
    const overdue = overdueItems(essexActionPlan, "2025-01-01").filter((e) => e.kind === "action");
    expect(overdue.map((e) => e.id)).toEqual(["14.2", "14.4"]);
  });

  it("lists what Essex's own account leaves overdue after the six-month deadline", () => {
    const ids = overdueItems(essexActionPlan, "2025-03-28")
      .filter((e) => e.kind === "item")
      .map((e) => e.id);
    expect(ids).toEqual([
      "10.3",
      "10.4",
      "10.5",
      "11.2",
      "12.1",
      "12.4",
      "14.4",
      "16",
      "18.2",
      "18.3",
      "18.4",
      "20.1",
      "20.4",
      "23",
      "23.1",
      "25.2",
    ]);
  });
});

describe("diffPlans", () => {
  it("finds no changes between a plan and itself", () => {
    expect(diffPlans(essexActionPlan, structuredClone(essexActionPlan))).toEqual([]);
  });

  it("reports what changed since the last version, in report order", () => {
    const action = { description: "Adopt the screening tool", status: "in-progress" as const };
    const before = plan([
      respond("12.1", "in-progress", { actions: [action] }),
      respond("7.1", "partial"),
      respond("28.2", "not-started"),
    ]);
    const update = { date: "2025-03-27", status: "complete" as const, note: "Update sent to the NPCC" };
    const after = plan(
      [
        respond("7.1", "complete", { statusWording: "done" }),
        respond("12.1", "complete", { actions: [{ ...action, status: "complete" }] }),
        respond("13.1", "partial"),
      ],
      { published: "2025-03-27" },
    );
    expect(diffPlans(before, { ...after, responses: [...after.responses] })).toEqual([
      { kind: "plan-field", field: "published", before: undefined, after: "2025-03-27" },
      { kind: "status", id: "7.1", before: "partial", after: "complete" },
      { kind: "status-wording", id: "7.1", after: "done" },
      { kind: "status", id: "12.1", before: "in-progress", after: "complete" },
      { kind: "action-changed", id: "12.1", before: action, after: { ...action, status: "complete" } },
      { kind: "response-added", id: "13.1", status: "partial" },
      { kind: "response-removed", id: "28.2", status: "not-started" },
    ]);
    const withUpdate = plan([...before.responses.slice(0, 2), respond("28.2", "not-started", { updates: [update] })]);
    expect(diffPlans(before, withUpdate)).toEqual([{ kind: "update-added", id: "28.2", update }]);
  });

  it("reports narrative, evidence and removed actions", () => {
    const evidence = { kind: "audit" as const, description: "Audit 2025" };
    const before = plan([
      respond("11.2", "partial", { actions: [{ description: "Audit SPOs", status: "not-started" }] }),
    ]);
    const after = plan([respond("11.2", "partial", { narrative: "Audited SPO use.", evidence: [evidence] })]);
    expect(diffPlans(before, after)).toEqual([
      { kind: "narrative", id: "11.2", before: "Answer to 11.2", after: "Audited SPO use." },
      { kind: "action-removed", id: "11.2", action: { description: "Audit SPOs", status: "not-started" } },
      { kind: "evidence-added", id: "11.2", evidence },
    ]);
  });
});

describe("compareIds", () => {
  it("orders ids as the report does", () => {
    expect(["10.1", "7.2", "10", "28.1", "7"].sort(compareIds)).toEqual(["7", "7.2", "10", "10.1", "28.1"]);
  });
});
