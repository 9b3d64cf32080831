import { essexActionPlan, findRecommendation, findSubItem } from "@stalking-response/recommendations";
import { londonDayOf } from "../../src/shared/london-day";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/server/env";
import { DEFAULT_PUBLISH_MIN_GROUP_SIZE } from "../../src/server/env";
import { trainingEvidence } from "../../src/server/trainer/evidence";
import { publishedHtml, suppressEvidence } from "../../src/server/trainer/publish";
import { queryContext } from "../../src/server/trainer/query";
import type { JobRole } from "../../src/shared/api";
import { JobRoleSchema } from "../../src/shared/api";
import type { EvidenceResponse, PublishedCount } from "../../src/shared/trainer-api";
import { EvidenceResponseSchema, PublishedPlanSchema, trainerPaths } from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { addLearner, history, testClock } from "./trainer-fixture";

const SPO = "stalking-protection-orders";
/** A role's row of the published page's table (its cells labelled for the narrow-screen layout). */
const roleRow = (role: string, people: string, completed: string, percent: string) =>
  `<th scope="row" role="rowheader">${role}</th><td role="cell" data-label="People">${people}</td>` +
  `<td role="cell" data-label="Completed">${completed}</td><td role="cell" data-label="Percentage">${percent}</td>`;
const shown = (value: number): PublishedCount => ({ value, suppressed: false });
const small: PublishedCount = { value: null, suppressed: true, reason: "small-number" };
const secondary: PublishedCount = { value: null, suppressed: true, reason: "secondary" };

/** Evidence for one recommendation with these people and completions per role (roles left out have nobody). */
function evidenceOf(roles: Partial<Record<JobRole, [people: number, completed: number]>>, assigned = 0) {
  const byRole = JobRoleSchema.options.map((jobRole) => {
    const [people, completed] = roles[jobRole] ?? [0, 0];
    return { jobRole, people, completed, percent: people === 0 ? null : Math.floor((completed * 100) / people) };
  });
  return EvidenceResponseSchema.parse({
    force: { id: "force-x", name: "Force X" },
    plan: null,
    generatedAt: "2026-02-01T09:00:00.000Z",
    people: byRole.reduce((sum, role) => sum + role.people, 0),
    items: [
      {
        id: "13.1",
        summary: "Stalking Protection Orders",
        response: null,
        modules: [{ id: SPO, title: "Stalking Protection Orders" }],
        assigned,
        completed: byRole.reduce((sum, role) => sum + role.completed, 0),
        imported: { people: 0, sources: [] },
        byRole,
      },
    ],
  } satisfies EvidenceResponse);
}

describe("suppressing small numbers in the published evidence", () => {
  it("withholds a group of fewer than 5 whole, and the smallest other role so the total cannot give it back", () => {
    const published = suppressEvidence(
      evidenceOf({ "call-handler": [1, 1], "response-officer": [20, 8], investigator: [9, 6] }),
    );
    expect(published.suppression.minGroupSize).toBe(DEFAULT_PUBLISH_MIN_GROUP_SIZE);
    expect(published.people).toEqual(shown(30));
    const [item] = published.items;
    const role = (jobRole: JobRole) => item?.byRole.find((row) => row.jobRole === jobRole);
    expect(role("call-handler")).toEqual({ jobRole: "call-handler", people: small, completed: small, percent: small });
    // 30 people minus 20 response officers would give back the one call handler: investigators are withheld too.
    expect(role("investigator")).toEqual({
      jobRole: "investigator",
      people: secondary,
      completed: secondary,
      percent: secondary,
    });
    expect(role("response-officer")).toEqual({
      jobRole: "response-officer",
      people: shown(20),
      completed: shown(8),
      percent: { value: 40, suppressed: false },
    });
    expect(role("staff")).toEqual({
      jobRole: "staff",
      people: shown(0),
      completed: shown(0),
      percent: { value: null, suppressed: false },
    });
    expect(item?.completed).toEqual(shown(15));
  });

  it("withholds a completion count of 1 to 4 in a large group, with its percentage, and protects the total", () => {
    const published = suppressEvidence(
      evidenceOf({ "response-officer": [40, 3], investigator: [12, 7], supervisor: [6, 0] }, 3),
    );
    const [item] = published.items;
    const role = (jobRole: JobRole) => item?.byRole.find((row) => row.jobRole === jobRole);
    expect(role("response-officer")).toMatchObject({ people: shown(40), completed: small, percent: small });
    // 10 completed minus 0 shown for supervisors would give back the 3; the investigators' 7 is withheld too.
    expect(role("investigator")).toMatchObject({ people: shown(12), completed: secondary, percent: secondary });
    expect(role("supervisor")).toMatchObject({ people: shown(6), completed: shown(0), percent: { value: 0 } });
    expect(item?.completed).toEqual(shown(10));
    expect(item?.assigned).toEqual(small);
  });

  it("takes the minimum group size as a parameter", () => {
    const evidence = evidenceOf({ "response-officer": [3, 3], investigator: [8, 4] });
    const [three] = suppressEvidence(evidence, 3).items;
    expect(three?.byRole.find((row) => row.jobRole === "response-officer")).toMatchObject({
      people: shown(3),
      completed: shown(3),
      percent: { value: 100, suppressed: false },
    });
    const [ten] = suppressEvidence(evidence, 10).items;
    expect(ten?.byRole.find((row) => row.jobRole === "investigator")?.people).toEqual(small);
    expect(suppressEvidence(evidence, 10).people).toEqual(shown(11));
  });

  it("never shows a count of 1 to min−1, and never lets a total minus the shown roles give a withheld count back", () => {
    const role = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => {
      const people = Math.max(a, b);
      return [people, Math.min(a, b)] as [number, number];
    });
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(JobRoleSchema.options.map((jobRole) => [jobRole, role]))),
        fc.integer({ min: 2, max: 10 }),
        (roles, min) => {
          const evidence = evidenceOf(roles);
          const published = suppressEvidence(evidence, min);
          const [item] = published.items;
          if (!item) throw new Error("no item");
          const counts = [
            published.people,
            item.completed,
            ...item.byRole.flatMap((row) => [row.people, row.completed]),
          ];
          for (const count of counts) if (!count.suppressed) expect(count.value === 0 || count.value >= min).toBe(true);
          const exact = evidence.items[0]?.byRole ?? [];
          // Each breakdown whose total is published: the roles' people add up to the force's people, and the
          // roles' completions to the recommendation's.
          const lines = [
            { total: published.people, cells: item.byRole.map((row) => row.people), exact: exact.map((r) => r.people) },
            {
              total: item.completed,
              cells: item.byRole.map((row) => row.completed),
              exact: exact.map((r) => r.completed),
            },
          ];
          for (const { total, cells, exact: values } of lines) {
            cells.forEach((cell, index) => {
              if (!cell.suppressed) expect(cell.value).toBe(values[index]);
            });
            if (total.suppressed || cells.every((cell) => !cell.suppressed)) continue;
            // What a reader can work out: total minus the shown cells. It must not be a small number.
            const derived = total.value - cells.reduce((sum, cell) => sum + (cell.value ?? 0), 0);
            if (derived === 0) expect(total.value).toBe(0);
            else expect(derived).toBeGreaterThanOrEqual(min);
          }
          for (const row of item.byRole)
            if (row.people.suppressed || row.completed.suppressed) expect(row.percent.suppressed).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("explains the rule on the page and says 'fewer than 5' and 'withheld' in the table", () => {
    const evidence = evidenceOf({ "call-handler": [1, 1], "response-officer": [20, 8], investigator: [9, 6] });
    const html = publishedHtml({
      generatedAt: evidence.generatedAt,
      force: evidence.force,
      plan: null,
      trainingEvidence: suppressEvidence(evidence),
    });
    expect(html).toContain("a figure about fewer than 5 people is shown as “fewer than 5”");
    expect(html).toContain(roleRow("Call handlers", "fewer than 5", "fewer than 5", "based on fewer than 5"));
    expect(html).toContain(roleRow("Investigators", "withheld", "withheld", "withheld"));
    expect(html).toContain(roleRow("Response officers", "20", "8", "40%"));
    expect(html).not.toContain("Staff");
  });

  it("says what each recommendation asks in the recommendations package's words, with dates in words", () => {
    const evidence = evidenceOf({ "response-officer": [20, 8] });
    const html = publishedHtml({
      generatedAt: "2026-09-30T23:30:00.000Z",
      force: evidence.force,
      plan: null,
      trainingEvidence: suppressEvidence(evidence),
    });
    expect(html).toContain(`Recommendation 13.1: ${findRecommendation("13.1")?.title}</h3>`);
    expect(html).toContain(`<strong>What it asks:</strong> ${findSubItem("13.1")?.summary}`);
    // 23:30 UTC on 30 September is 00:30 on 1 October in London, the day the force's readers know it by.
    expect(html).toContain("Published 1 October 2026.");
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\.json)/);
    // A plan's dated updates read as dates in words too.
    const withPlan = publishedHtml({
      generatedAt: "2026-09-30T09:00:00.000Z",
      force: { id: "essex", name: "Essex Police" },
      plan: essexActionPlan,
      trainingEvidence: suppressEvidence(evidence),
    });
    const dated = essexActionPlan.responses.flatMap((response) => response.updates)[0];
    expect(dated).toBeDefined();
    expect(withPlan).toContain(
      `<strong>${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${dated?.date}T00:00:00Z`))}</strong>`,
    );
    expect(withPlan).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\.json)/);
  });

  it("reads PUBLISH_MIN_GROUP_SIZE from the environment, 5 by default, and refuses one that switches it off", () => {
    expect(parseEnv({}).PUBLISH_MIN_GROUP_SIZE).toBe(5);
    expect(parseEnv({ PUBLISH_MIN_GROUP_SIZE: "10" }).PUBLISH_MIN_GROUP_SIZE).toBe(10);
    expect(() => parseEnv({ PUBLISH_MIN_GROUP_SIZE: "1" })).toThrow(/PUBLISH_MIN_GROUP_SIZE/);
    expect(() => parseEnv({ PUBLISH_MIN_GROUP_SIZE: "five" })).toThrow(/PUBLISH_MIN_GROUP_SIZE/);
  });
});

describe.each(databaseTargets)("the published plan withholds small numbers on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  const clock = testClock("2026-02-01T09:00:00.000Z");
  const tag = target.name === "pglite" ? "P" : "Q";

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    const { db } = t.database;
    // Force A already holds one response officer, one investigator, one supervisor (the trainer) and one
    // member of staff (the admin). Added: people per role, and how many of them complete module 3.
    const added: [JobRole, number, number][] = [
      ["response-officer", 6, 5],
      ["investigator", 5, 2],
      ["supervisor", 4, 0],
      ["staff", 3, 0],
      ["call-handler", 1, 1],
    ];
    for (const [jobRole, people, completing] of added) {
      for (let index = 0; index < people; index += 1) {
        const learner = await addLearner(t, {
          displayName: `Published ${jobRole} ${index}`,
          collar: `${tag}${jobRole.slice(0, 2).toUpperCase()}${index}`,
          unitId: t.unitA,
          jobRole,
        });
        if (index < completing) await history(db, t.catalog, learner).attempt(SPO, "2026-01-20T10:00:00.000Z", true);
      }
    }
    trainer = await t.as(t.people.trainerA);
    const assigned = await trainer.post(trainerPaths.assignments, {
      moduleId: SPO,
      jobRole: "call-handler",
      dueDate: "2026-03-01",
    });
    expect(assigned.status).toBe(201);
  }, 180_000);
  afterAll(() => t?.close());

  it("keeps the exact numbers in the trainer's own evidence view", async () => {
    const evidence = EvidenceResponseSchema.parse(await (await trainer.get(trainerPaths.evidence)).json());
    const spo = evidence.items.find((item) => item.id === "13.1");
    expect(spo).toMatchObject({ assigned: 1, completed: 8 });
    expect(spo?.byRole.find((role) => role.jobRole === "call-handler")).toMatchObject({ people: 1, completed: 1 });
    expect(spo?.byRole.find((role) => role.jobRole === "investigator")).toMatchObject({ people: 6, completed: 2 });
  });

  it("shows each response's latest dated update, with its date and source, whatever order the history is in", async () => {
    const source = { title: "Six-month update", publisher: "Essex Police", url: "https://example.invalid/update" };
    // Essex's plan with a history on 13.1, oldest entry last, and none on 10.1.
    const plan = {
      ...essexActionPlan,
      responses: essexActionPlan.responses.map((response) =>
        response.id === "13.1"
          ? {
              ...response,
              updates: [
                { date: "2025-09-30", status: "complete" as const, note: "SPO training for all investigators", source },
                { date: "2025-03-14", status: "in-progress" as const, note: "SPO training started" },
              ],
            }
          : response,
      ),
    };
    const context = await queryContext(t.database.db, t.catalog, "force-a", clock.now());
    const evidence = await trainingEvidence(
      t.database.db,
      t.catalog,
      context,
      { id: "force-a", name: "Force A" },
      plan,
    );
    const spo = evidence.items.find((item) => item.id === "13.1");
    expect(spo?.response?.latestUpdate).toEqual({
      date: "2025-09-30",
      status: "complete",
      note: "SPO training for all investigators",
      sourceTitle: "Six-month update",
      sourceUrl: "https://example.invalid/update",
    });
    expect(spo?.response?.updates).toHaveLength(2);
    expect(evidence.items.find((item) => item.id === "10.1")?.response?.latestUpdate).toBeNull();
    // Over HTTP, Force A has no plan in the toolkit, so there is no response and no update to show.
    const live = EvidenceResponseSchema.parse(await (await trainer.get(trainerPaths.evidence)).json());
    expect(live.items.every((item) => item.response === null)).toBe(true);
  });

  it("publishes JSON with small counts as null, suppressed, and the rule stated", async () => {
    const response = await trainer.get(trainerPaths.publishedJson);
    expect(response.status).toBe(200);
    const published = PublishedPlanSchema.parse(await response.json());
    const evidence = published.trainingEvidence;
    expect(evidence.suppression).toMatchObject({ minGroupSize: 5 });
    expect(evidence.suppression.rule).toContain("Counts of 1 to 4 people are withheld");
    expect(evidence.people).toEqual(shown(23));
    const spo = evidence.items.find((item) => item.id === "13.1");
    expect(spo?.assigned).toEqual(small);
    expect(spo?.completed).toEqual(shown(8));
    const role = (jobRole: JobRole) => spo?.byRole.find((row) => row.jobRole === jobRole);
    expect(role("call-handler")).toEqual({ jobRole: "call-handler", people: small, completed: small, percent: small });
    expect(role("staff")).toMatchObject({ people: small, completed: small });
    expect(role("investigator")).toMatchObject({ people: shown(6), completed: small, percent: small });
    expect(role("supervisor")).toMatchObject({ people: shown(5), completed: shown(0), percent: { value: 0 } });
    // 8 completed minus the 0 shown would give back the 3 withheld: the response officers' 5 is withheld too.
    expect(role("response-officer")).toMatchObject({ people: shown(7), completed: secondary, percent: secondary });
  });

  it("publishes HTML that says 'fewer than 5' and explains why", async () => {
    const response = await trainer.get(trainerPaths.publishedHtml);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("To protect individuals, a figure about fewer than 5 people is shown as “fewer than 5”");
    expect(page).toContain("People assigned: fewer than 5. People holding a current completion: 8.");
    expect(page).toContain(roleRow("Call handlers", "fewer than 5", "fewer than 5", "based on fewer than 5"));
    expect(page).toContain(roleRow("Investigators", "6", "fewer than 5", "based on fewer than 5"));
    expect(page).toContain(roleRow("Response officers", "7", "withheld", "withheld"));
    expect(page).toContain(roleRow("Supervisors", "5", "0", "0%"));
    expect(page).not.toMatch(/<td[^>]*>[1-4]<\/td>/);
  });

  it("names both files for the force and the day, and the page links to the JSON file by that name", async () => {
    const html = await trainer.get(trainerPaths.publishedHtml);
    const json = await trainer.get(trainerPaths.publishedJson);
    const day = londonDayOf(clock.now());
    expect(html.headers.get("content-disposition")).toBe(
      `attachment; filename="force-a-stalking-action-plan-progress-${day}.html"`,
    );
    expect(json.headers.get("content-disposition")).toBe(
      `attachment; filename="force-a-stalking-action-plan-progress-${day}.json"`,
    );
    expect(await html.text()).toContain(
      `<a href="force-a-stalking-action-plan-progress-${day}.json">force-a-stalking-action-plan-progress-${day}.json</a>`,
    );
  });
});
