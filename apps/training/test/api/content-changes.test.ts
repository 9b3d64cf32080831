import type { Module } from "@stalking-response/curriculum";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificates } from "../../src/server/db/schema";
import { DEFAULT_CONTENT_CHANGE_GRACE_DAYS, contentChangeOf } from "../../src/server/learning/content-change";
import { TrainingListResponseSchema } from "../../src/shared/api";
import {
  ContentChangesResponseSchema,
  GracePeriodSchema,
  GridResponseSchema,
  trainerPaths,
  trainerQuery,
} from "../../src/shared/trainer-api";
import { answersTo, drawAttempt } from "../support/attempts";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";
import { testClock } from "./trainer-fixture";

const SPO = "stalking-protection-orders";

/** A module whose history has a material 2.0.0 (2026-12-06) and a wording-only 2.0.1 after it. */
const moduleWithHistory = {
  id: SPO,
  history: [
    { version: "2.0.1", date: "2026-12-20", summary: "Wording.", material: false, facts: [] },
    { version: "2.0.0", date: "2026-12-06", summary: "The law changed.", material: true, facts: ["x"] },
    { version: "1.0.0", date: "2026-11-28", summary: "First release.", material: false, facts: [] },
  ],
} as unknown as Module;

describe("which passes a material change reopens", () => {
  it("reopens a pass at a version before the material release, renew by its date plus the grace period", () => {
    expect(contentChangeOf(moduleWithHistory, "1.0.0", 90)).toEqual({
      passedVersion: "1.0.0",
      changedVersion: "2.0.0",
      changedOn: "2026-12-06",
      renewBy: "2027-03-06",
    });
    expect(contentChangeOf(moduleWithHistory, "1.0.0", 0)?.renewBy).toBe("2026-12-06");
  });

  it("leaves a pass at the material version or a later wording release alone, and refuses to guess an unknown one", () => {
    expect(contentChangeOf(moduleWithHistory, "2.0.0", 90)).toBeNull();
    expect(contentChangeOf(moduleWithHistory, "2.0.1", 90)).toBeNull();
    expect(contentChangeOf(moduleWithHistory, "0.9.0", 90)).toBeNull();
  });
});

describe.each(databaseTargets)("material content change reopens a pass on $name", (target) => {
  let t: TestApp;
  let officer: TestClient;
  let trainer: TestClient;
  let module: Module;
  // The pass is taken on the day of the material release; later tests move the clock on from there.
  const clock = testClock("2026-12-06T09:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp(target, { now: clock.now });
    officer = await t.as(t.people.officerA);
    trainer = await t.as(t.people.trainerA);
    const found = t.catalog.module(SPO);
    if (!found) throw new Error("module missing");
    module = found;
    const draw = await drawAttempt(officer, SPO);
    const passed = await officer.post(`/api/modules/${SPO}/attempts`, {
      attemptId: draw.attemptId,
      answers: answersTo(module, draw, () => true),
    });
    expect(passed.status).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  const mySpo = async () => {
    const list = TrainingListResponseSchema.parse(await (await officer.get("/api/me/training")).json());
    return list.items.find((item) => item.moduleId === SPO);
  };

  it("records the module version with the pass, which the current content has not reopened", async () => {
    const [certificate] = await t.database.db.select().from(certificates).where(eq(certificates.moduleId, SPO));
    expect(certificate?.moduleVersion).toBe(module.version);
    expect((await mySpo())?.contentChange).toBeNull();
    const affected = ContentChangesResponseSchema.parse(await (await trainer.get(trainerPaths.contentChanges)).json());
    expect(affected).toEqual({ graceDays: DEFAULT_CONTENT_CHANGE_GRACE_DAYS, total: 0, learners: [] });
  });

  it("shows a pass at the version before a material change as content changed, to the learner and the trainer", async () => {
    const material = module.history.find((release) => release.material);
    const before = module.history.find((release) => material && release.date < material.date);
    if (!material || !before) throw new Error("the module should have a material release after a first one");
    await t.database.db
      .update(certificates)
      .set({ moduleVersion: before.version })
      .where(eq(certificates.moduleId, SPO));

    const item = await mySpo();
    expect(item?.status).toBe("completed");
    const expected = {
      passedVersion: before.version,
      changedVersion: material.version,
      changedOn: material.date,
    };
    expect(item?.contentChange).toMatchObject(expected);

    const affected = ContentChangesResponseSchema.parse(await (await trainer.get(trainerPaths.contentChanges)).json());
    expect(affected.total).toBe(1);
    expect(affected.learners).toEqual([
      expect.objectContaining({ userId: t.people.officerA.id, moduleId: SPO, ...expected }),
    ]);
    // Another force's trainer sees nobody.
    const other = await t.as(t.people.trainerB);
    expect(ContentChangesResponseSchema.parse(await (await other.get(trainerPaths.contentChanges)).json()).total).toBe(
      0,
    );

    // The trainer shortens the grace period: the renew-by date moves for the learner and in the list.
    const set = await trainer.put(trainerPaths.contentChangeGrace, { graceDays: 30 });
    expect(GracePeriodSchema.parse(await set.json())).toEqual({ graceDays: 30 });
    const renewBy = new Date(Date.parse(`${material.date}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await mySpo())?.contentChange?.renewBy).toBe(renewBy);
    const after = ContentChangesResponseSchema.parse(await (await trainer.get(trainerPaths.contentChanges)).json());
    expect(after.learners[0]?.renewBy).toBe(renewBy);
  });

  it("stops counting a reopened pass at the end of its renew-by day, for the learner and in the grid; a longer grace period brings it back", async () => {
    const material = module.history.find((release) => release.material);
    if (!material) throw new Error("the module should have a material release");
    const gridCell = async () => {
      const page = GridResponseSchema.parse(
        await (await trainer.get(`${trainerPaths.grid}${trainerQuery({ q: t.people.officerA.collarNumber })}`)).json(),
      );
      return page.rows.find((row) => row.id === t.people.officerA.id)?.cells.find((cell) => cell.moduleId === SPO);
    };
    const dayAfter = (days: number) =>
      new Date(Date.parse(`${material.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

    // 20 days' grace: the pass now ends on its renew-by day, inside the renewal window, in both views.
    expect((await trainer.put(trainerPaths.contentChangeGrace, { graceDays: 20 })).status).toBe(200);
    expect((await mySpo())?.status).toBe("due-for-renewal");
    expect((await mySpo())?.expiresAt).toBe(`${dayAfter(20)}T23:59:59.999Z`);
    expect(await gridCell()).toMatchObject({ status: "due-for-renewal", expiresAt: `${dayAfter(20)}T23:59:59.999Z` });

    // The last moment of the renew-by day still counts; the next does not. (Sessions end as the clock moves
    // on weeks, so each moment signs in afresh.)
    const at = async (iso: string) => {
      clock.set(iso);
      officer = await t.as(t.people.officerA);
      trainer = await t.as(t.people.trainerA);
    };
    await at(`${dayAfter(20)}T23:59:59.000Z`);
    expect((await mySpo())?.status).toBe("due-for-renewal");
    await at(`${dayAfter(21)}T00:00:00.000Z`);
    expect((await mySpo())?.status).toBe("expired");
    expect((await mySpo())?.contentChange).toBeNull();
    expect((await gridCell())?.status).toBe("expired");

    // A longer grace period moves the deadline back out; the certificate's own expiry still bounds it.
    expect((await trainer.put(trainerPaths.contentChangeGrace, { graceDays: 366 })).status).toBe(200);
    const [certificate] = await t.database.db.select().from(certificates).where(eq(certificates.moduleId, SPO));
    const ends = Math.min(certificate?.expiresAt.getTime() ?? 0, Date.parse(`${dayAfter(366)}T23:59:59.999Z`));
    expect((await mySpo())?.expiresAt).toBe(new Date(ends).toISOString());
    expect((await mySpo())?.status).not.toBe("expired");
    expect((await gridCell())?.status).toBe((await mySpo())?.status);
    await at("2026-12-06T09:00:00.000Z");
  });

  it("refuses a grace period that is not 0 to 366 whole days, naming the field", async () => {
    for (const graceDays of [-1, 367, 1.5, "90"]) {
      const problem = await expectProblem(await trainer.put(trainerPaths.contentChangeGrace, { graceDays }), 400);
      expect(JSON.stringify(problem)).toContain("graceDays");
    }
  });
});
