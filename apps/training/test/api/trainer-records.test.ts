import { essexActionPlan } from "@stalking-response/recommendations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUnit, ensureForce } from "../../src/server/accounts";
import { auditLog } from "../../src/server/db/schema";
import { CertificateResponseSchema, XAPI_VERBS } from "../../src/shared/api";
import {
  EvidenceResponseSchema,
  LearnerRecordResponseSchema,
  PublishedPlanSchema,
  trainerPaths,
} from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import type { FixtureLearner } from "./trainer-fixture";
import { addLearner, history, testClock } from "./trainer-fixture";

const SPO = "stalking-protection-orders";
const learnerPath = (id: string, query = "") => `${trainerPaths.learner.replace(":userId", id)}${query}`;

describe.each(databaseTargets)("learner records, evidence and publishing on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let essexTrainer: TestClient;
  let kim: FixtureLearner;
  let essexOfficers: FixtureLearner[];
  const clock = testClock("2026-02-01T09:00:00.000Z");
  const tag = target.name === "pglite" ? 1 : 2;

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    const { db } = t.database;
    kim = await addLearner(t, {
      displayName: "Kim Keane",
      collar: `K${tag}01`,
      unitId: t.unitA,
      jobRole: "investigator",
    });
    await history(db, t.catalog, kim).attempt(SPO, "2025-01-15T10:00:00.000Z", true); // expired certificate
    await history(db, t.catalog, kim).attempt(SPO, "2026-01-20T10:00:00.000Z", false);
    await history(db, t.catalog, kim).attempt(SPO, "2026-01-21T10:00:00.000Z", true);

    // The demo force's id, so its published Essex plan applies.
    await ensureForce(db, { id: "essex", name: "Essex Police" });
    const team = await createUnit(db, { forceId: "essex", name: "Essex Response", kind: "team" });
    essexOfficers = [];
    for (const [index, jobRole] of (
      ["response-officer", "response-officer", "response-officer", "supervisor"] as const
    ).entries()) {
      essexOfficers.push(
        await addLearner(t, {
          forceId: "essex",
          displayName: `Essex Person ${index}`,
          collar: `E${tag}0${index}`,
          unitId: team,
          jobRole,
        }),
      );
    }
    const [first, second] = essexOfficers;
    if (!first || !second) throw new Error("fixture");
    await history(db, t.catalog, first).attempt(SPO, "2026-01-25T10:00:00.000Z", true);
    await history(db, t.catalog, second).started(SPO, "2026-01-26T10:00:00.000Z");
    const essexTrainerEmail = `trainer${tag}@essex.fixture.invalid`;
    await createAccount(db, {
      forceId: "essex",
      unitId: team,
      email: essexTrainerEmail,
      collarNumber: `ET${tag}`,
      displayName: "Essex Trainer",
      role: "trainer",
      jobRole: "supervisor",
      password: PASSWORD,
    });
    trainer = await t.as(t.people.trainerA);
    essexTrainer = t.client();
    await essexTrainer.signIn(essexTrainerEmail, PASSWORD);
    const response = await essexTrainer.post(trainerPaths.assignments, {
      moduleId: SPO,
      jobRole: "response-officer",
      dueDate: "2026-03-01",
    });
    expect(response.status).toBe(201);
  }, 180_000);
  afterAll(() => t?.close());

  it("shows a learner's every attempt, certificates (an old one as superseded by the newer pass) and training list", async () => {
    const response = await trainer.get(learnerPath(kim.id));
    const record = LearnerRecordResponseSchema.parse(await response.json());
    expect(record.learner).toMatchObject({ id: kim.id, displayName: "Kim Keane", collarNumber: `K${tag}01` });
    expect(record.attempts.map((attempt) => [attempt.attemptNumber, attempt.passed, attempt.scorePercent])).toEqual([
      [1, true, 100],
      [2, false, 0],
      [3, true, 100],
    ]);
    // The 2025 pass has expired too, but what it says first is that a newer pass of the module replaced it.
    expect(record.certificates.map((certificate) => certificate.state)).toEqual(["valid", "superseded"]);
    expect(record.training.find((item) => item.moduleId === SPO)).toMatchObject({
      status: "completed",
      attempts: 3,
      certificateId: record.certificates[0]?.id,
    });
    expect(record.timeline[0]?.verb).toBe(XAPI_VERBS.completed);
  });

  it("pages the statement timeline back in time without gaps", async () => {
    const whole = LearnerRecordResponseSchema.parse(
      await (await trainer.get(learnerPath(kim.id, "?limit=500"))).json(),
    );
    expect(whole.olderCursor).toBeNull();
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const query: string = before === null ? "?limit=7" : `?limit=7&before=${before}`;
      const page = LearnerRecordResponseSchema.parse(await (await trainer.get(learnerPath(kim.id, query))).json());
      seen.push(...page.timeline.map((entry) => entry.id));
      before = page.olderCursor;
    } while (before !== null);
    expect(seen).toEqual(whole.timeline.map((entry) => entry.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("verifies a certificate by id for the trainer of the learner's force only", async () => {
    const record = LearnerRecordResponseSchema.parse(await (await trainer.get(learnerPath(kim.id))).json());
    const id = record.certificates[1]?.id ?? "";
    const verified = CertificateResponseSchema.parse(await (await trainer.get(`/api/certificates/${id}`)).json());
    expect(verified).toMatchObject({ id, state: "superseded", learner: { id: kim.id } });
    const trainerB = await t.as(t.people.trainerB);
    expect((await trainerB.get(`/api/certificates/${id}`)).status).toBe(404);
  });

  it("does not find another force's learner", async () => {
    const trainerB = await t.as(t.people.trainerB);
    expect((await trainerB.get(learnerPath(kim.id))).status).toBe(404);
    expect((await trainer.get(learnerPath("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
  });

  it("counts distinct people with a current completion of the modules that answer each recommendation", async () => {
    const evidence = EvidenceResponseSchema.parse(await (await essexTrainer.get(trainerPaths.evidence)).json());
    expect(evidence.plan).toMatchObject({ force: essexActionPlan.force });
    expect(evidence.people).toBe(5);
    const ids = evidence.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(["10.1", "10.2", "10.3", "10.4", "10.5", "13.1", "20.2"]));
    const spo = evidence.items.find((item) => item.id === "13.1");
    expect(spo?.modules.map((module) => module.id)).toEqual([SPO]);
    expect(spo).toMatchObject({ assigned: 3, completed: 1 });
    expect(spo?.response?.status).toBe(essexActionPlan.responses.find((response) => response.id === "13.1")?.status);
    expect(spo?.byRole.find((role) => role.jobRole === "response-officer")).toEqual({
      jobRole: "response-officer",
      people: 3,
      completed: 1,
      percent: 33,
    });
    expect(spo?.byRole.find((role) => role.jobRole === "call-handler")).toMatchObject({ people: 0, percent: null });
    // No module in the course answers 10.2 yet; the view says so rather than inventing a number.
    expect(evidence.items.find((item) => item.id === "10.2")).toMatchObject({ modules: [], assigned: 0, completed: 0 });

    const forceA = EvidenceResponseSchema.parse(await (await trainer.get(trainerPaths.evidence)).json());
    expect(forceA.plan).toBeNull();
    expect(forceA.items.find((item) => item.id === "13.1")).toMatchObject({ completed: 1 });
  });

  it("publishes the plan, its updates and the live evidence as JSON and accessible HTML, with no names", async () => {
    const json = await essexTrainer.get(trainerPaths.publishedJson);
    expect(json.status).toBe(200);
    const published = PublishedPlanSchema.parse(await json.json());
    expect(published.plan?.responses).toHaveLength(essexActionPlan.responses.length);
    // Five people in this force: every role and the one completion are small numbers, so they are withheld.
    expect(published.trainingEvidence.people).toEqual({ value: 5, suppressed: false });
    expect(published.trainingEvidence.items.find((item) => item.id === "13.1")?.completed).toEqual({
      value: null,
      suppressed: true,
      reason: "small-number",
    });

    const html = await essexTrainer.get(trainerPaths.publishedHtml);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(page).toContain("<h1>Essex Police: stalking super-complaint action plan and training evidence</h1>");
    expect(page).toContain("<caption>Training completion for 13.1 by role (each person counted once)</caption>");
    expect(page).toContain(
      '<th scope="row" role="rowheader">Response officers</th><td role="cell" data-label="People">fewer than 5</td>' +
        '<td role="cell" data-label="Completed">fewer than 5</td><td role="cell" data-label="Percentage">based on fewer than 5</td>',
    );
    for (const officer of essexOfficers) expect(page).not.toContain(officer.displayName);
    expect(page).not.toContain("<script");

    const audited = (await t.database.db.select().from(auditLog)).filter((entry) => entry.action === "plan-publish");
    expect(audited.map((entry) => entry.details)).toEqual([{ format: "json" }, { format: "html" }]);
  });
});
