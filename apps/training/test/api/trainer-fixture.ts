import type { Module } from "@stalking-response/curriculum";
import { createAccount, createUnit } from "../../src/server/accounts";
import type { Catalog } from "../../src/server/catalog";
import type { Db } from "../../src/server/db/client";
import type { Learner } from "../../src/server/learning/statement";
import { recordAttempt, recordLessonSeen } from "../../src/server/learning/record";
import { derivedUuid } from "../../src/server/learning/xapi";
import type { JobRole } from "../../src/shared/api";
import { expect } from "vitest";
import type { GridResponse } from "../../src/shared/trainer-api";
import { GridResponseSchema, trainerPaths, trainerQuery } from "../../src/shared/trainer-api";
import type { TestClient } from "../support/client";
import type { TestApp } from "../support/app";
import { PASSWORD } from "../support/app";

/** Knowledge-check answers: all correct, or every question wrong (a fail under any pass mark). */
export function answersFor(module: Module, correct: boolean) {
  return module.knowledgeCheck.questions.map((question) => {
    const wrong = question.options.find((option) => !question.correctOptionIds.includes(option.id));
    return { questionId: question.id, optionIds: correct || !wrong ? [...question.correctOptionIds] : [wrong.id] };
  });
}

/** Writes a learner's history through the same ledger the API uses, at chosen times. */
export function history(db: Db, catalog: Catalog, learner: Learner) {
  const moduleOf = (moduleId: string) => {
    const module = catalog.module(moduleId);
    if (!module) throw new Error(`no module ${moduleId}`);
    return module;
  };
  return {
    async started(moduleId: string, at: string) {
      const module = moduleOf(moduleId);
      await recordLessonSeen(db, learner, module, module.lessons[0]?.id ?? "", new Date(at));
    },
    async attempt(moduleId: string, at: string, pass: boolean) {
      const module = moduleOf(moduleId);
      for (const [index, lesson] of module.lessons.entries()) {
        await recordLessonSeen(db, learner, module, lesson.id, new Date(Date.parse(at) - (index + 1) * 60_000));
      }
      return recordAttempt(
        db,
        learner,
        module,
        { attemptId: derivedUuid("fixture", learner.id, moduleId, at), answers: answersFor(module, pass) },
        new Date(at),
      );
    },
  };
}

/** A learner added to a test force. */
export interface FixtureLearner extends Learner {
  role: "officer";
  displayName: string;
  collarNumber: string;
  email: string;
}

/** Adds a learner to a force; the collar number is made unique per database target. */
export async function addLearner(
  t: TestApp,
  spec: { forceId?: string; displayName: string; collar: string; unitId: string | null; jobRole: JobRole },
): Promise<FixtureLearner> {
  const forceId = spec.forceId ?? "force-a";
  const email = `${spec.collar.toLowerCase()}@fixture.invalid`;
  const id = await createAccount(t.database.db, {
    forceId,
    unitId: spec.unitId,
    email,
    collarNumber: spec.collar,
    displayName: spec.displayName,
    role: "officer",
    jobRole: spec.jobRole,
    password: PASSWORD,
    // In place since long before any assignment a test makes, so their due dates are the assignments' own.
    placedAt: new Date(0),
  });
  return {
    id,
    forceId,
    unitId: spec.unitId,
    jobRole: spec.jobRole,
    role: "officer",
    displayName: spec.displayName,
    collarNumber: spec.collar,
    email,
  };
}

/** A command with one team under it, in force A. */
export async function northUnits(t: TestApp) {
  const command = await createUnit(t.database.db, { forceId: "force-a", name: "A North Command", kind: "command" });
  const team = await createUnit(t.database.db, {
    forceId: "force-a",
    name: "A North Team",
    kind: "team",
    parentId: command,
  });
  return { command, team };
}

/** A clock tests move: the app reads it on every request. */
export function testClock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    set(iso: string) {
      current = new Date(iso);
    },
  };
}

/**
 * Walks a grid query forward page by page with `after`, then back from the last page with `before`, and
 * answers both lists of pages (the backward one in the order it was read, so last-but-one page first).
 */
export async function pagesBothWays(
  grid: (query: Record<string, string | number | undefined>) => Promise<GridResponse>,
  query: Record<string, string | number | undefined>,
  limit: number,
): Promise<{ forward: GridResponse[]; backward: GridResponse[] }> {
  const forward: GridResponse[] = [];
  let after: string | undefined;
  do {
    const page = await grid({ ...query, limit, after });
    forward.push(page);
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  const backward: GridResponse[] = [];
  let before = forward.at(-1)?.previousCursor ?? undefined;
  while (before !== undefined) {
    const page = await grid({ ...query, limit, before });
    backward.push(page);
    before = page.previousCursor ?? undefined;
    // A safety stop: a backward walk that never reached the first page would otherwise loop.
    if (backward.length > forward.length) break;
  }
  return { forward, backward };
}

type GridQuery = Record<string, string | number | undefined>;

/** The grid as a trainer reads it: one page, or every id walked page by page with its cursor. */
export function gridReader(trainer: () => TestClient) {
  const grid = async (query: GridQuery): Promise<GridResponse> => {
    const response = await trainer().get(`${trainerPaths.grid}${trainerQuery(query)}`);
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    return GridResponseSchema.parse(body);
  };
  const walk = async (query: GridQuery, limit: number) => {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await grid({ ...query, limit, after });
      ids.push(...page.rows.map((row) => row.id));
      after = page.nextCursor ?? undefined;
      if (after !== undefined) expect(page.rows).toHaveLength(limit);
    } while (after !== undefined);
    return ids;
  };
  return { grid, walk };
}
