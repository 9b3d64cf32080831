import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonthsToInstant } from "../../src/server/learning/projection";
import { ImportPreviewSchema, ImportResultSchema } from "../../src/shared/import-api";
import type { ImportPreview } from "../../src/shared/import-api";
import { EvidenceResponseSchema } from "../../src/shared/trainer-api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProjectionAgrees } from "../support/projection";
import { expectProblem } from "../support/problems";

/** Issue 19: completions from another platform, previewed by row and applied once, marked with their source. */
describe.each(databaseTargets)("import of prior completions on $name", (target) => {
  let t: TestApp;
  let admin: TestClient;
  let trainer: TestClient;
  const SPO = "stalking-protection-orders";
  const HEADER = "collar_number,email,module,completion_date,score,source";

  beforeAll(async () => {
    t = await startTestApp(target);
    admin = await t.as(t.people.adminA);
    trainer = await t.as(t.people.trainerA);
  }, 120_000);
  afterAll(() => t?.close());

  const spoTitle = () => t.catalog.module(SPO)?.title ?? "";
  const file = () =>
    [
      HEADER,
      // 2: officer A by collar number, module by id
      `${t.people.officerA.collarNumber},,${SPO},2026-03-01,85%,College Learn`,
      // 3: officer A2 by email, module by title, no score
      `,${t.people.officerA2.email},"${spoTitle()}",2025-06-01,,Force LMS`,
      // 4: nobody, an unknown module, a future date, a bad score, no source
      `X999,,no-such-module,2999-01-01,120,`,
      // 5: officer A again, earlier: row 2 counts instead
      `${t.people.officerA.collarNumber},,${SPO},2025-01-01,,College Learn`,
      // 6: another force's officer is nobody here
      `${t.people.officerB.collarNumber},,${SPO},2026-01-01,,College Learn`,
    ].join("\n");
  const send = (path: string, body: string) =>
    admin.request("POST", path, { body, headers: { "content-type": "text/csv" } });
  const preview = async (body: string): Promise<ImportPreview> => {
    const response = await send("/api/admin/imports/completions/preview", body);
    expect(response.status, await response.clone().text()).toBe(200);
    return ImportPreviewSchema.parse(await response.json());
  };

  it("previews each row: who, which module, valid until when, or what is wrong", async () => {
    const shown = await preview(file());
    expect(shown.counts).toEqual({ create: 2, update: 0, disable: 0, unchanged: 1, error: 2 });
    const byRow = new Map(shown.rows.map((row) => [row.row, row]));
    const validity = t.catalog.module(SPO)?.validityMonths ?? 0;
    const until = addMonthsToInstant(new Date("2026-03-01T00:00:00Z"), validity).toISOString().slice(0, 10);
    expect(byRow.get(2)?.changes).toEqual(
      expect.arrayContaining([
        { field: "completed", from: null, to: "2026-03-01" },
        { field: "valid_until", from: null, to: until },
        { field: "score", from: null, to: "85%" },
        { field: "source", from: null, to: "College Learn" },
      ]),
    );
    expect(byRow.get(3)).toMatchObject({ outcome: "create", name: "Test officerA2" });
    expect(
      byRow
        .get(4)
        ?.errors.map((error) => error.column)
        .sort(),
    ).toEqual(["collar_number", "completion_date", "module", "score", "source"]);
    expect(byRow.get(5)).toMatchObject({ outcome: "unchanged", note: "row 2 has a later completion of this module" });
    expect(byRow.get(6)?.errors).toEqual([{ column: "collar_number", reason: "names nobody in your force" }]);
  });

  it("applies once: the learner record and evidence show the source, and the same file again changes nothing", async () => {
    const shown = await preview(file());
    const applied = await send(`/api/admin/imports/completions/apply?fingerprint=${shown.fingerprint}`, file());
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(ImportResultSchema.parse(await applied.json()).counts.create).toBe(2);

    const record = (await (await trainer.get(`/api/users/${t.people.officerA.id}/training`)).json()) as {
      items: {
        moduleId: string;
        status: string;
        completedAt: string;
        expiresAt: string;
        scorePercent: number;
        completionSource: string | null;
      }[];
    };
    const spo = record.items.find((item) => item.moduleId === SPO);
    const validity = t.catalog.module(SPO)?.validityMonths ?? 0;
    expect(spo).toMatchObject({
      completedAt: "2026-03-01T00:00:00.000Z",
      expiresAt: addMonthsToInstant(new Date("2026-03-01T00:00:00Z"), validity).toISOString(),
      scorePercent: 85,
      completionSource: "College Learn",
    });
    expect(["completed", "due-for-renewal", "expired"]).toContain(spo?.status);
    const evidence = EvidenceResponseSchema.parse(await (await trainer.get("/api/trainer/evidence")).json());
    const answering = evidence.items.filter((item) => item.modules.some((module) => module.id === SPO));
    expect(answering.length).toBeGreaterThan(0);
    // officer A2's 2025 completion has run out; officer A's counts while it is current.
    for (const item of answering)
      expect(item.imported.sources).toEqual(spo?.status === "expired" ? [] : ["College Learn"]);
    await expectProjectionAgrees(t.database.db, t.catalog);

    const again = await preview(file());
    expect(again.counts).toEqual({ create: 0, update: 0, disable: 0, unchanged: 3, error: 2 });
    expect(again.rows.find((row) => row.row === 2)?.note).toBe("already imported");
    expect((await send(`/api/admin/imports/completions/apply?fingerprint=${again.fingerprint}`, file())).status).toBe(
      200,
    );
    const after = (await (await trainer.get(`/api/users/${t.people.officerA.id}/training`)).json()) as typeof record;
    expect(after.items.find((item) => item.moduleId === SPO)).toEqual(spo);
  });

  it("never replaces a later completion, and refuses an outdated preview or a changed score", async () => {
    const older = `${HEADER}\n${t.people.officerA.collarNumber},,${SPO},2025-12-01,,Old LMS`;
    const shown = await preview(older);
    expect(shown.rows[0]).toMatchObject({
      outcome: "unchanged",
      note: "a later completion (2026-03-01) is already recorded",
    });
    const rescored = `${HEADER}\n${t.people.officerA.collarNumber},,${SPO},2026-03-01,90,College Learn`;
    expect((await preview(rescored)).rows[0]?.errors[0]?.column).toBe("score");
    const newer = `${HEADER}\n${t.people.officerA2.collarNumber},,${SPO},2026-02-01,,Force LMS`;
    const before = await preview(newer);
    expect(before.rows[0]?.outcome).toBe("create");
    // The same completion arrives through another import first: the preview no longer says what applying does.
    expect((await send(`/api/admin/imports/completions/apply?fingerprint=${before.fingerprint}`, newer)).status).toBe(
      200,
    );
    const stale = await expectProblem(
      await send(`/api/admin/imports/completions/apply?fingerprint=${before.fingerprint}`, newer),
      409,
    );
    expect(stale.errors?.[0]?.field).toBe("query.fingerprint");
  });
});
