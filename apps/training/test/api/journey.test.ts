import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Module } from "@stalking-response/curriculum";
import { assignments } from "../../src/server/db/schema";
import {
  AttemptResultSchema,
  CertificateResponseSchema,
  ModuleDetailResponseSchema,
  ModuleProgressSchema,
  TrainingListResponseSchema,
} from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";
import { expectProjectionAgrees } from "../support/projection";

const moduleId = "stalking-protection-orders";

const correctAnswers = (module: Module) =>
  module.knowledgeCheck.questions.map((question) => ({
    questionId: question.id,
    optionIds: [...question.correctOptionIds],
  }));
const wrongAnswers = (module: Module) =>
  module.knowledgeCheck.questions.map((question) => {
    const wrong = question.options.find((option) => !question.correctOptionIds.includes(option.id));
    return { questionId: question.id, optionIds: wrong ? [wrong.id] : [] };
  });

describe.each(databaseTargets)("the officer's journey through the API on $name", (target) => {
  let t: TestApp;
  let clock = Date.parse("2026-06-01T09:00:00Z");
  let module: Module;
  let failedAttemptId: string;

  beforeAll(async () => {
    t = await startTestApp(target, { now: () => new Date(clock) });
    const found = t.catalog.module(moduleId);
    if (!found) throw new Error("module 3 missing from the course");
    module = found;
    await t.database.db.insert(assignments).values({
      id: randomUUID(),
      forceId: "force-a",
      moduleId,
      jobRole: "response-officer",
      dueDate: "2026-07-01",
    });
  }, 120_000);
  afterAll(() => t?.close());

  it("lists every module, the assigned one with its due date, all not started", async () => {
    const client = await t.as(t.people.officerA);
    const list = TrainingListResponseSchema.parse(await (await client.get("/api/me/training")).json());
    expect(list.items.map((item) => item.moduleId)).toEqual(t.catalog.modules.map((m) => m.id));
    const spo = list.items.find((item) => item.moduleId === moduleId);
    expect(spo).toMatchObject({ assigned: true, dueDate: "2026-07-01", status: "not-started", overdue: false });
    expect(list.items.filter((item) => item.assigned)).toHaveLength(1);
    // The investigator in the same force is not covered by a response-officer assignment.
    const other = await t.as(t.people.officerA2);
    const theirs = TrainingListResponseSchema.parse(await (await other.get("/api/me/training")).json());
    expect(theirs.items.some((item) => item.assigned)).toBe(false);
  });

  it("serves module content and questions without answers or explanations", async () => {
    const client = await t.as(t.people.officerA);
    const response = await client.get(`/api/modules/${moduleId}`);
    const text = await response.text();
    const detail = ModuleDetailResponseSchema.parse(JSON.parse(text));
    expect(detail.lessons.map((lesson) => lesson.id)).toEqual(module.lessons.map((lesson) => lesson.id));
    expect(detail.questions).toHaveLength(module.knowledgeCheck.questions.length);
    expect(text).not.toMatch(/correctOptionIds|"explanation"/);
    // Each question names its sources, and every one is among the module's sources the response carries.
    expect(detail.questions.map((question) => question.sources)).toEqual(
      module.knowledgeCheck.questions.map((question) => question.sources),
    );
    const served = new Set(detail.sources.map((source) => source.id));
    for (const question of detail.questions) {
      expect(question.sources.length).toBeGreaterThan(0);
      for (const id of question.sources) expect(served, `question ${question.id} cites ${id}`).toContain(id);
    }
    // Exactly the learner's fields, in the curriculum's question order; a scenario only where authored.
    expect(detail.questions).toEqual(
      module.knowledgeCheck.questions.map((question) => ({
        id: question.id,
        kind: question.kind,
        ...(question.kind === "scenario" ? { scenario: question.scenario } : {}),
        prompt: question.prompt,
        multipleAnswers: question.kind === "multiple-choice",
        options: question.options.map(({ id, text }) => ({ id, text })),
        sources: question.sources,
      })),
    );
    expect(detail.passMarkPercent).toBe(module.knowledgeCheck.passMarkPercent);
    await expectProblem(await client.get("/api/modules/no-such-module"), 404);
  });

  it("records lesson progress and resumes it on another device", async () => {
    const phone = await t.as(t.people.officerA);
    const [first, second] = module.lessons;
    if (!first || !second) throw new Error("module 3 needs two lessons");
    await phone.put(`/api/modules/${moduleId}/progress`, { lessonId: first.id });
    const progress = ModuleProgressSchema.parse(
      await (await phone.put(`/api/modules/${moduleId}/progress`, { lessonId: second.id })).json(),
    );
    expect(progress).toMatchObject({
      status: "in-progress",
      lastLessonId: second.id,
      experiencedLessonIds: [first.id, second.id],
    });

    const desk = await t.as(t.people.officerA);
    const detail = ModuleDetailResponseSchema.parse(await (await desk.get(`/api/modules/${moduleId}`)).json());
    expect(detail.progress.lastLessonId).toBe(second.id);
    const problem = await expectProblem(
      await desk.put(`/api/modules/${moduleId}/progress`, { lessonId: "not-a-lesson" }),
      400,
    );
    expect(problem.errors?.[0]?.field).toBe("lessonId");
  });

  it("scores a failed attempt on the server, with an explanation for every option", async () => {
    const client = await t.as(t.people.officerA);
    failedAttemptId = randomUUID();
    const response = await client.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: failedAttemptId,
      answers: wrongAnswers(module),
    });
    const result = AttemptResultSchema.parse(await response.json());
    expect(result).toMatchObject({ passed: false, attemptNumber: 1, certificateId: null, scorePercent: 0 });
    expect(result.progress.status).toBe("in-progress");
    for (const question of result.questions) {
      expect(question.correct).toBe(false);
      expect(question.options.every((option) => option.explanation.length > 0)).toBe(true);
    }
  });

  it("refuses answers that do not fit the knowledge check, naming the field", async () => {
    const client = await t.as(t.people.officerA);
    const [first] = correctAnswers(module);
    if (!first) throw new Error("no questions");
    const unknown = await client.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: randomUUID(),
      answers: [first, { questionId: "no-such-question", optionIds: [] }],
    });
    expect((await expectProblem(unknown, 400)).errors?.[0]?.field).toBe("answers.1.questionId");
    const twice = await client.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: randomUUID(),
      answers: [first, first],
    });
    expect((await expectProblem(twice, 400)).errors?.[0]?.field).toBe("answers.1.questionId");
    const badOption = await client.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: randomUUID(),
      answers: [{ questionId: first.questionId, optionIds: ["no-such-option"] }],
    });
    expect((await expectProblem(badOption, 400)).errors?.[0]?.field).toBe("answers.0.optionIds.0");
  });

  it("passes, issues a certificate, and answers a retried submission from the record", async () => {
    const client = await t.as(t.people.officerA);
    const attempt = { attemptId: randomUUID(), answers: correctAnswers(module) };
    const result = AttemptResultSchema.parse(
      await (await client.post(`/api/modules/${moduleId}/attempts`, attempt)).json(),
    );
    expect(result).toMatchObject({ passed: true, attemptNumber: 2, scorePercent: 100 });
    expect(result.certificateId).toMatch(/^SRT-/);
    expect(result.progress).toMatchObject({ status: "completed", attempts: 2, certificateId: result.certificateId });

    const retry = AttemptResultSchema.parse(
      await (await client.post(`/api/modules/${moduleId}/attempts`, attempt)).json(),
    );
    expect(retry).toEqual(result);
    const conflict = await client.post(`/api/modules/${moduleId}/attempts`, {
      ...attempt,
      answers: wrongAnswers(module),
    });
    expect((await expectProblem(conflict, 409)).errors?.[0]?.field).toBe("attemptId");

    // The result page reloads an attempt from the server: the officer's own, and no one else's.
    const read = await client.get(`/api/modules/${moduleId}/attempts/${attempt.attemptId}`);
    expect(read.status).toBe(200);
    expect(AttemptResultSchema.parse(await read.json())).toEqual(result);
    const failed = AttemptResultSchema.parse(
      await (await client.get(`/api/modules/${moduleId}/attempts/${failedAttemptId}`)).json(),
    );
    expect(failed).toMatchObject({ attemptId: failedAttemptId, attemptNumber: 1, passed: false, certificateId: null });
    expect(failed.progress.status).toBe("completed");
    const colleague = await t.as(t.people.officerA2);
    await expectProblem(await colleague.get(`/api/modules/${moduleId}/attempts/${attempt.attemptId}`), 404);
    const otherForce = await t.as(t.people.officerB);
    await expectProblem(await otherForce.get(`/api/modules/${moduleId}/attempts/${attempt.attemptId}`), 404);
    await expectProblem(await client.get(`/api/modules/${moduleId}/attempts/${randomUUID()}`), 404);
    const otherModule = t.catalog.modules.find((candidate) => candidate.id !== moduleId)?.id ?? "";
    await expectProblem(await client.get(`/api/modules/${otherModule}/attempts/${attempt.attemptId}`), 404);
    const notAnId = await expectProblem(await client.get(`/api/modules/${moduleId}/attempts/not-a-uuid`), 400);
    expect(notAnId.errors?.[0]?.field).toBe("params.attemptId");

    const certificate = CertificateResponseSchema.parse(
      await (await client.get(`/api/certificates/${result.certificateId}`)).json(),
    );
    expect(certificate).toMatchObject({
      state: "valid",
      scorePercent: 100,
      module: { id: moduleId, version: module.version },
      force: { id: "force-a" },
    });
    expect(Date.parse(certificate.expiresAt)).toBe(Date.parse("2027-06-01T09:00:00Z"));
    const trainer = await t.as(t.people.trainerA);
    expect((await trainer.get(`/api/certificates/${result.certificateId?.toLowerCase()}`)).status).toBe(200);
  });

  it("shows completed, then due for renewal ahead of expiry, then expired", async () => {
    // Each check signs in afresh: moving the clock by months ends any earlier session.
    let client = await t.as(t.people.officerA);
    const status = async () => {
      client = await t.as(t.people.officerA);
      const list = TrainingListResponseSchema.parse(await (await client.get("/api/me/training")).json());
      return list.items.find((item) => item.moduleId === moduleId);
    };
    expect(await status()).toMatchObject({ status: "completed", overdue: false, dueDate: "2027-06-01" });
    clock = Date.parse("2027-05-10T09:00:00Z");
    expect(await status()).toMatchObject({ status: "due-for-renewal", overdue: false });
    clock = Date.parse("2027-06-02T09:00:00Z");
    const expired = await status();
    expect(expired).toMatchObject({ status: "expired", overdue: true });
    const certificate = CertificateResponseSchema.parse(
      await (await client.get(`/api/certificates/${expired?.certificateId}`)).json(),
    );
    expect(certificate.state).toBe("expired");
    clock = Date.parse("2026-06-01T10:00:00Z");
  });

  it("marks an assigned module overdue once its due date passes without completion", async () => {
    const client = await t.as(t.people.officerA);
    await t.database.db.insert(assignments).values({
      id: randomUUID(),
      forceId: "force-a",
      moduleId: "online-stalking",
      userId: t.people.officerA.id,
      dueDate: "2026-05-01",
    });
    const list = TrainingListResponseSchema.parse(await (await client.get("/api/me/training")).json());
    expect(list.items.find((item) => item.moduleId === "online-stalking")).toMatchObject({
      assigned: true,
      overdue: true,
      status: "not-started",
    });
  });

  it("keeps the projection equal to a replay of the statement log", async () => {
    expect(await expectProjectionAgrees(t.database.db, t.catalog)).toBeGreaterThan(0);
  });
});
