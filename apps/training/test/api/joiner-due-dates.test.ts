import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowanceDays, joinerDueDate } from "../../src/server/learning/due-dates";
import { assignments, users } from "../../src/server/db/schema";
import { TrainingListResponseSchema } from "../../src/shared/api";
import { GridResponseSchema } from "../../src/shared/trainer-api";
import { startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe("joinerDueDate", () => {
  it("keeps the assignment's date for people in scope when it was made, and gives joiners its allowance", () => {
    const assignment = { dueDate: "2026-07-01", createdAt: new Date("2026-06-01T15:00:00Z") };
    expect(allowanceDays(assignment)).toBe(30);
    expect(joinerDueDate(assignment, new Date("2026-05-01T09:00:00Z"))).toBe("2026-07-01");
    expect(joinerDueDate(assignment, new Date("2026-06-20T09:00:00Z"))).toBe("2026-07-20");
    expect(joinerDueDate(assignment, new Date("2026-08-10T23:30:00Z"))).toBe("2026-09-09");
  });
});

// Issue 15: someone who joins or moves into an assignment's scope after it was made is due on the day they
// did plus the assignment's allowance, in their own list and in the trainer's grid alike.
describe.each(databaseTargets)("due dates for joiners on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;
  let admin: TestClient;
  const moduleId = "victims-rights";
  beforeAll(async () => {
    t = await startTestApp(target);
    trainer = await t.as(t.people.trainerA);
    admin = await t.as(t.people.adminA);
  }, 120_000);
  afterAll(() => t?.close());

  const ownDue = async (client: TestClient) => {
    const list = TrainingListResponseSchema.parse(await (await client.get("/api/me/training")).json());
    return list.items.find((item) => item.moduleId === moduleId)?.dueDate;
  };
  const gridDue = async (userId: string) => {
    const grid = GridResponseSchema.parse(await (await trainer.get(`/api/trainer/grid?limit=100`)).json());
    const row = grid.rows.find((candidate) => candidate.id === userId);
    return row?.cells.find((cell) => cell.moduleId === moduleId)?.dueDate;
  };

  it("counts a joiner's allowance from the day they joined, and a move from the day of the move", async () => {
    // Made 20 days ago with 30 days to do it: due in 10 days for those in scope then.
    const made = await trainer.post("/api/trainer/assignments", {
      moduleId,
      jobRole: "investigator",
      dueDate: day(10),
    });
    expect(made.status).toBe(201);
    await t.database.db
      .update(assignments)
      .set({ createdAt: new Date(Date.now() - 20 * DAY) })
      .where(eq(assignments.moduleId, moduleId));
    const investigator = t.people.officerA2; // an investigator since before the assignment
    await t.database.db
      .update(users)
      .set({ placedAt: new Date(Date.now() - 40 * DAY) })
      .where(eq(users.id, investigator.id));
    const officer = await t.as(investigator);
    expect(await ownDue(officer)).toBe(day(10));
    expect(await gridDue(investigator.id)).toBe(day(10));

    // Officer A becomes an investigator today: 30 days from today, in both views.
    const mover = t.people.officerA;
    const moved = await admin.request("PATCH", `/api/admin/users/${mover.id}`, { json: { jobRole: "investigator" } });
    expect(moved.status).toBe(200);
    expect(await ownDue(await t.as(mover))).toBe(day(30));
    expect(await gridDue(mover.id)).toBe(day(30));
    // Saving the same job role again is not a move.
    await t.database.db
      .update(users)
      .set({ placedAt: new Date(Date.now() - 5 * DAY) })
      .where(eq(users.id, mover.id));
    await admin.request("PATCH", `/api/admin/users/${mover.id}`, { json: { jobRole: "investigator" } });
    expect(await gridDue(mover.id)).toBe(day(25));
  });
});
