import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Module } from "@stalking-response/curriculum";
import { assignments } from "../../src/server/db/schema";
import {
  AttemptDrawSchema,
  AttemptResultSchema,
  CertificateResponseSchema,
  ModuleDetailResponseSchema,
  ModuleProgressSchema,
  TrainingListResponseSchema,
} from "../../src/shared/api";
import { startTestApp } from "../support/app";
import { answersTo, drawAttempt } from "../support/attempts";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";
import { expectProjectionAgrees } from "../support/projection";

const moduleId = "stalking-protection-orders";

describe.each(databaseTargets)("the officer's journey through the API on $name", (target) => {
  let t: TestApp;
  let clock = Date.parse("2026-06-01T09:00:00Z");
  let module: Module;
  let failedAttemptId: string;
  let failedQuestionIds: string[] = [];

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

  it("serves module content and draws an attempt's questions without answers or explanations", async () => {
    const client = await t.as(t.people.officerA);
    const response = await client.get(`/api/modules/${moduleId}`);
    const text = await response.text();
    const detail = ModuleDetailResponseSchema.parse(JSON.parse(text));
    expect(detail.lessons.map((lesson) => lesson.id)).toEqual(module.lessons.map((lesson) => lesson.id));
    expect(text).not.toMatch(/correctOptionIds|"explanation"/);
    expect(detail.passMarkPercent).toBe(module.knowledgeCheck.passMarkPercent);
    expect(detail.questionsPerAttempt).toBe(module.knowledgeCheck.questionsPerAttempt);
    expect(detail.attemptAllowance).toMatchObject({ attemptsPerDay: 3, attemptsLeft: 3, nextAttemptAt: null });

    const drawResponse = await client.request("POST", `/api/modules/${moduleId}/attempt-draws`);
    const drawText = await drawResponse.text();
    expect(drawText).not.toMatch(/correctOptionIds|"explanation"/);
    const draw = AttemptDrawSchema.parse(JSON.parse(drawText));
    expect(draw.questions).toHaveLength(module.knowledgeCheck.questionsPerAttempt ?? 0);
    // Each drawn question is a question of the bank, with exactly its options (in this attempt's order) and
    // its sources, every one among the module's sources the module response carries.
    const served = new Set(detail.sources.map((source) => source.id));
    for (const asked of draw.questions) {
      const question = module.knowledgeCheck.questions.find((candidate) => candidate.id === asked.id);
      expect(question, asked.id).toBeDefined();
      expect(asked.options.map((option) => option.id).sort()).toEqual(question?.options.map((o) => o.id).sort());
      expect(asked.sources).toEqual(question?.sources);
      for (const id of asked.sources) expect(served, `question ${asked.id} cites ${id}`).toContain(id);
    }
    // Starting again before submitting resumes the same attempt: a reload never uses one up.
    expect(await drawAttempt(client, moduleId)).toEqual(draw);
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

  it("scores a failed attempt without giving away the answer key, naming the lessons to re-read", async () => {
    const client = await t.as(t.people.officerA);
    const draw = await drawAttempt(client, moduleId);
    failedAttemptId = draw.attemptId;
    failedQuestionIds = draw.questions.map((question) => question.id);
    const response = await client.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: failedAttemptId,
      answers: answersTo(module, draw, () => false),
    });
    const text = await response.text();
    // Issue 14, finding 4: a failed attempt's result held the full answer key.
    expect(text).not.toMatch(/correctOptionIds|"explanation"|"correct":true,"explanation"/);
    const result = AttemptResultSchema.parse(JSON.parse(text));
    expect(result).toMatchObject({ passed: false, attemptNumber: 1, certificateId: null, scorePercent: 0 });
    expect(result.progress.status).toBe("in-progress");
    expect(result.questions.map((question) => question.questionId)).toEqual(failedQuestionIds);
    for (const question of result.questions) {
      expect(question.correct).toBe(false);
      expect(question.correctOptionIds).toBeUndefined();
      expect(question.options.every((option) => option.correct === undefined && option.explanation === undefined)).toBe(
        true,
      );
    }
    expect(result.lessonsToRevisit.length).toBeGreaterThan(0);
    for (const lesson of result.lessonsToRevisit) expect(module.lessons.map((l) => l.id)).toContain(lesson.id);
  });

  it("refuses answers that do not fit the drawn attempt, naming the field", async () => {
    const client = await t.as(t.people.officerA);
    const draw = await drawAttempt(client, moduleId);
    const [first] = answersTo(module, draw, () => true);
    if (!first) throw new Error("no questions");
    const post = (body: unknown) => client.post(`/api/modules/${moduleId}/attempts`, body);
    const unknown = await post({
      attemptId: draw.attemptId,
      answers: [first, { questionId: "no-such-question", optionIds: [] }],
    });
    expect((await expectProblem(unknown, 400)).errors?.[0]?.field).toBe("answers.1.questionId");
    const notAsked = module.knowledgeCheck.questions.find((q) => !draw.questions.some((asked) => asked.id === q.id));
    const other = await post({
      attemptId: draw.attemptId,
      answers: [first, { questionId: notAsked?.id, optionIds: [...(notAsked?.correctOptionIds ?? [])] }],
    });
    expect((await expectProblem(other, 400)).errors?.[0]?.field).toBe("answers.1.questionId");
    const twice = await post({ attemptId: draw.attemptId, answers: [first, first] });
    expect((await expectProblem(twice, 400)).errors?.[0]?.field).toBe("answers.1.questionId");
    const badOption = await post({
      attemptId: draw.attemptId,
      answers: [{ questionId: first.questionId, optionIds: ["no-such-option"] }],
    });
    expect((await expectProblem(badOption, 400)).errors?.[0]?.field).toBe("answers.0.optionIds.0");
    // Answers under an attempt id the server never drew (e.g. a copy of an earlier result) are refused.
    const undrawn = await post({ attemptId: randomUUID(), answers: [first] });
    expect((await expectProblem(undrawn, 400)).errors?.[0]?.field).toBe("attemptId");
  });

  it("retakes with a different question set, passes, issues a certificate, and answers a retry from the record", async () => {
    const client = await t.as(t.people.officerA);
    const draw = await drawAttempt(client, moduleId);
    // Issue 14, finding 4: a retake is a new test, not the failed attempt's questions again.
    const retakeIds = draw.questions.map((question) => question.id);
    expect(retakeIds.filter((id) => failedQuestionIds.includes(id))).toEqual([]);
    const attempt = { attemptId: draw.attemptId, answers: answersTo(module, draw, () => true) };
    const result = AttemptResultSchema.parse(
      await (await client.post(`/api/modules/${moduleId}/attempts`, attempt)).json(),
    );
    expect(result).toMatchObject({ passed: true, attemptNumber: 2, scorePercent: 100, lessonsToRevisit: [] });
    expect(result.certificateId).toMatch(/^SRT-/);
    expect(result.progress).toMatchObject({ status: "completed", attempts: 2, certificateId: result.certificateId });
    // After a pass, the answer key and every option's explanation.
    for (const question of result.questions) {
      const authored = module.knowledgeCheck.questions.find((candidate) => candidate.id === question.questionId);
      expect(question.correctOptionIds).toEqual(authored?.correctOptionIds);
      expect(question.options.every((option) => (option.explanation ?? "").length > 0)).toBe(true);
    }

    const retry = AttemptResultSchema.parse(
      await (await client.post(`/api/modules/${moduleId}/attempts`, attempt)).json(),
    );
    expect(retry).toEqual(result);
    const conflict = await client.post(`/api/modules/${moduleId}/attempts`, {
      ...attempt,
      answers: answersTo(module, draw, () => false),
    });
    expect((await expectProblem(conflict, 409)).errors?.[0]?.field).toBe("attemptId");

    // The result page reloads an attempt from the server: the officer's own, and no one else's.
    const read = await client.get(`/api/modules/${moduleId}/attempts/${attempt.attemptId}`);
    expect(read.status).toBe(200);
    expect(AttemptResultSchema.parse(await read.json())).toEqual(result);
    const failedText = await (await client.get(`/api/modules/${moduleId}/attempts/${failedAttemptId}`)).text();
    expect(failedText).not.toMatch(/correctOptionIds|"explanation"/);
    const failed = AttemptResultSchema.parse(JSON.parse(failedText));
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
