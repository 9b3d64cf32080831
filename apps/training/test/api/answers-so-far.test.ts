import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttemptDraw } from "../../src/shared/api";
import { answersTo, drawAttempt } from "../support/attempts";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

const moduleId = "stalking-protection-orders";
const url = (attemptId: string) => `/api/modules/${moduleId}/attempt-draws/${attemptId}/answers-so-far`;

describe.each(databaseTargets)("answers given so far to a knowledge check on $name", (target) => {
  let t: TestApp;
  let draw: AttemptDraw;
  beforeAll(async () => {
    t = await startTestApp(target);
  }, 120_000);
  afterAll(() => t?.close());

  const firstAnswers = (count: number) => {
    const module = t.catalog.module(moduleId);
    if (!module) throw new Error(`${moduleId} missing`);
    return answersTo(module, draw, () => true).slice(0, count);
  };

  it("are kept on the server and handed back when the attempt is resumed on another device", async () => {
    const phone = await t.as(t.people.officerA);
    draw = await drawAttempt(phone, moduleId);
    expect(draw.answersSoFar).toEqual({});
    const answers = firstAnswers(3);
    const saved = await phone.put(url(draw.attemptId), { answers });
    expect(saved.status).toBe(200);
    const expected = Object.fromEntries(answers.map((answer) => [answer.questionId, answer.optionIds]));
    expect(await saved.json()).toEqual(expected);

    const desk = await t.as(t.people.officerA);
    const resumed = await drawAttempt(desk, moduleId);
    expect(resumed.attemptId).toBe(draw.attemptId);
    expect(resumed.answersSoFar).toEqual(expected);
  });

  it("refuses a question or option that is not in the attempt, naming the field", async () => {
    const officer = await t.as(t.people.officerA);
    const [first] = firstAnswers(1);
    if (!first) throw new Error("no question drawn");
    expect(
      (
        await expectProblem(
          await officer.put(url(draw.attemptId), { answers: [{ questionId: "not-a-question", optionIds: [] }] }),
          400,
        )
      ).errors?.map((error) => error.field),
    ).toEqual(["body.answers.0.questionId"]);
    expect(
      (
        await expectProblem(
          await officer.put(url(draw.attemptId), { answers: [{ ...first, optionIds: ["not-an-option"] }] }),
          400,
        )
      ).errors?.map((error) => error.field),
    ).toEqual(["body.answers.0.optionIds.0"]);
    expect(
      (await expectProblem(await officer.put(url(draw.attemptId), { answers: [first, first] }), 400)).errors?.map(
        (error) => error.field,
      ),
    ).toEqual(["body.answers.1.questionId"]);
  });

  it("are not found for another learner's attempt, nor once the attempt is submitted", async () => {
    const other = await t.as(t.people.officerA2);
    expect((await other.put(url(draw.attemptId), { answers: [] })).status).toBe(404);
    const officer = await t.as(t.people.officerA);
    const module = t.catalog.module(moduleId);
    if (!module) throw new Error(`${moduleId} missing`);
    const submitted = await officer.post(`/api/modules/${moduleId}/attempts`, {
      attemptId: draw.attemptId,
      answers: answersTo(module, draw, () => true),
    });
    expect(submitted.status).toBe(200);
    expect((await officer.put(url(draw.attemptId), { answers: [] })).status).toBe(404);
  });
});
