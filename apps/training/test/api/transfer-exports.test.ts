import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "../../src/server/db/schema";
import { TRANSFER_PAGE, startStatementsExport } from "../../src/server/trainer/transfer-exports";
import { XAPI_IRI_BASE } from "../../src/shared/api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import { answersTo, drawAttempt } from "../support/attempts";
import type { TestClient } from "../support/client";
import { parseCsv } from "../support/csv";
import { databaseTargets } from "../support/databases";

/**
 * Issue 19: exports for other platforms — the generic completions CSV, Totara's certification completion upload
 * and xAPI statements as JSON lines. Every test parses what it downloads.
 */
describe.each(databaseTargets)("exports for other platforms on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let admin: TestClient;
  const moduleId = "stalking-protection-orders";
  const hostileName = '=HYPERLINK("https://evil.example","Click")';

  beforeAll(async () => {
    t = await startTestApp(target);
    const module = t.catalog.module(moduleId);
    if (!module) throw new Error(`${moduleId} missing`);
    // officerA passes; officerA2 fails once (in progress, with a score) and has a name a spreadsheet would run.
    for (const [person, right] of [
      [t.people.officerA, true],
      [t.people.officerA2, false],
    ] as const) {
      const client = await t.as(person);
      const draw = await drawAttempt(client, moduleId);
      const result = await client.post(`/api/modules/${moduleId}/attempts`, {
        attemptId: draw.attemptId,
        answers: answersTo(module, draw, () => right),
      });
      expect(result.status).toBe(200);
    }
    await t.database.db.update(users).set({ displayName: hostileName }).where(eq(users.id, t.people.officerA2.id));
    trainer = await t.as(t.people.trainerA);
    admin = await t.as(t.people.adminA);
  }, 180_000);
  afterAll(() => t?.close());

  const auditCount = async (action: string) =>
    (await t.database.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

  it("the completions CSV lists each learner's record of the module, in words, with the formula guard", async () => {
    const before = await auditCount("completions-export");
    const response = await trainer.get(`/api/trainer/exports/completions.csv?module=${moduleId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`attachment; filename="completions-force-a-${moduleId}-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
    );
    const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    expect(header).toEqual([
      "User id",
      "Name",
      "Collar number",
      "Email",
      "Unit",
      "Job role",
      "Module id",
      "Module",
      "Status",
      "Score %",
      "Completed",
      "Expires",
      "Certificate id",
    ]);
    const byId = new Map(rows.map((row) => [row[0], row]));
    // Force B's learners never appear; only people with a record of the module.
    expect([...byId.keys()].sort()).toEqual([t.people.officerA.id, t.people.officerA2.id].sort());
    const passed = byId.get(t.people.officerA.id);
    expect(passed?.[8]).toBe("Completed");
    expect(passed?.[10]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(passed?.[11]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(passed?.[12]).not.toBe("");
    const failed = byId.get(t.people.officerA2.id);
    expect(failed?.[8]).toBe("In progress");
    expect(failed?.[10]).toBe("");
    // A spreadsheet shows the name as text instead of running it (the grid export's guard).
    expect(failed?.[1]).toBe(`'${hostileName}`);
    expect(await auditCount("completions-export")).toBe(before + 1);
  });

  it("the Totara certification upload has Totara's columns, passes only, and the chosen username and short name", async () => {
    const response = await admin.get(
      `/api/trainer/exports/totara-certifications.csv?module=${moduleId}&shortname=SPO-CERT&username=collar-number`,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith("username,")).toBe(true); // no byte-order mark: Totara reads plain UTF-8
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "username",
      "certificationshortname",
      "certificationidnumber",
      "completiondate",
      "duedate",
    ]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.slice(0, 3)).toEqual([t.people.officerA.collarNumber, "SPO-CERT", ""]);
    expect(row?.[3]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row?.[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number(row?.[4]?.slice(0, 4))).toBeGreaterThan(Number(row?.[3]?.slice(0, 4)) - 1);

    const byEmail = parseCsv(
      await (await trainer.get(`/api/trainer/exports/totara-certifications.csv?module=${moduleId}`)).text(),
    );
    expect(byEmail[1]?.slice(0, 2)).toEqual([t.people.officerA.email, moduleId]);
  });

  it("statements as JSON lines: one learner's or the whole force's, in stored order, as the LRS returns them", async () => {
    const before = await auditCount("statements-export");
    const one = await trainer.get(`/api/trainer/exports/statements.jsonl?learner=${t.people.officerA.id}`);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toMatch(/^application\/jsonl/);
    const mine = (await one.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; actor: unknown; stored: string; version: string });
    expect(mine.length).toBeGreaterThan(2);
    for (const statement of mine) {
      expect(statement.actor).toEqual({
        objectType: "Agent",
        account: { homePage: XAPI_IRI_BASE, name: t.people.officerA.id },
      });
      expect(statement.version).toBeTruthy();
    }
    const stored = mine.map((statement) => statement.stored);
    expect([...stored].sort()).toEqual(stored);

    const all = (await (await admin.get("/api/trainer/exports/statements.jsonl")).text()).split("\n").filter(Boolean);
    const ids = all.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const statement of mine) expect(ids).toContain(statement.id);
    expect(ids.length).toBeGreaterThan(mine.length); // officerA2's too
    expect(await auditCount("statements-export")).toBe(before + 2);
  });

  it("pages through the statements without skipping or repeating one at a page boundary", async () => {
    const everything = async (pageSize: number) => {
      const started = await startStatementsExport(
        { db: t.database.db, now: new Date() },
        { id: t.people.trainerA.id, forceId: "force-a" },
        {},
        pageSize,
      );
      let text = "";
      for await (const chunk of started.body) text += String(chunk);
      return text.split("\n").filter(Boolean);
    };
    const whole = await everything(TRANSFER_PAGE);
    expect(await everything(2)).toEqual(whole);
    expect(await everything(1)).toEqual(whole);
  });

  it("names nobody of another force and refuses unknown modules and bad input, naming the field", async () => {
    expect((await trainer.get(`/api/trainer/exports/statements.jsonl?learner=${t.people.officerB.id}`)).status).toBe(
      404,
    );
    expect((await trainer.get(`/api/trainer/exports/statements.jsonl?learner=${randomUUID()}`)).status).toBe(404);
    const forceB = await t.as(t.people.trainerB);
    const theirs = parseCsv(
      await (
        await forceB.get(`/api/trainer/exports/completions.csv?module=${moduleId}`)
      )
        .text()
        .then((s) => s.replace(/^\uFEFF/, "")),
    );
    expect(theirs).toHaveLength(1); // the header only: force A's records are not force B's to export
    expect((await trainer.get("/api/trainer/exports/completions.csv?module=no-such-module")).status).toBe(404);
    for (const [url, field] of [
      ["/api/trainer/exports/completions.csv", "query.module"],
      ["/api/trainer/exports/totara-certifications.csv?module=X%20Y", "query.module"],
      [`/api/trainer/exports/totara-certifications.csv?module=${moduleId}&username=name`, "query.username"],
      ["/api/trainer/exports/statements.jsonl?learner=not-a-uuid", "query.learner"],
    ] as const) {
      const response = await trainer.get(url);
      expect(response.status, url).toBe(400);
      expect(JSON.stringify(await response.json()), url).toContain(`"field":"${field}"`);
    }
  });

  it("is for trainers and admins only", async () => {
    const officer = await t.as(t.people.officerA);
    for (const url of [
      `/api/trainer/exports/completions.csv?module=${moduleId}`,
      `/api/trainer/exports/totara-certifications.csv?module=${moduleId}`,
      `/api/trainer/exports/statements.jsonl?learner=${t.people.officerA.id}`,
    ]) {
      expect((await officer.get(url)).status, url).toBe(403);
      expect((await t.client().get(url)).status, url).toBe(401);
    }
  });
});
