import { describe, expect, it } from "vitest";
import { TrainingStatusSchema } from "./status";
import {
  RENEWAL_WINDOW_DAYS,
  isOverdue,
  renewalFrom,
  trainingStatus,
  trainingStatusLabels,
  trainingStatusRank,
} from "./status-rules";

const expiresAt = new Date("2027-03-01T09:30:00Z");
const at = (iso: string) => new Date(iso);

describe("trainingStatus", () => {
  it("passes not started and in progress through, whatever the clock", () => {
    expect(trainingStatus({ status: "not-started", expiresAt: null }, at("2030-01-01"))).toBe("not-started");
    expect(trainingStatus({ status: "in-progress", expiresAt: null }, at("2030-01-01"))).toBe("in-progress");
  });

  it("reads a completion against its expiry: completed, due for renewal in the window, then expired", () => {
    const record = { status: "completed" as const, expiresAt };
    const windowStart = renewalFrom(expiresAt);
    expect(expiresAt.getTime() - windowStart.getTime()).toBe(RENEWAL_WINDOW_DAYS * 86_400_000);
    expect(trainingStatus(record, new Date(windowStart.getTime() - 1))).toBe("completed");
    expect(trainingStatus(record, windowStart)).toBe("due-for-renewal");
    expect(trainingStatus(record, new Date(expiresAt.getTime() - 1))).toBe("due-for-renewal");
    expect(trainingStatus(record, expiresAt)).toBe("expired");
  });

  it("keeps a completion with no expiry completed", () => {
    expect(trainingStatus({ status: "completed", expiresAt: null }, at("2099-01-01"))).toBe("completed");
  });
});

describe("isOverdue", () => {
  const today = "2026-12-06";
  it("is overdue only when assigned, not held now and due before today", () => {
    expect(isOverdue({ assigned: true, status: "in-progress", dueDate: "2026-12-05" }, today)).toBe(true);
    expect(isOverdue({ assigned: true, status: "expired", dueDate: "2026-12-05" }, today)).toBe(true);
    expect(isOverdue({ assigned: true, status: "in-progress", dueDate: today }, today)).toBe(false);
    expect(isOverdue({ assigned: false, status: "not-started", dueDate: "2026-01-01" }, today)).toBe(false);
    expect(isOverdue({ assigned: true, status: "due-for-renewal", dueDate: "2026-01-01" }, today)).toBe(false);
    expect(isOverdue({ assigned: true, status: "completed", dueDate: "2026-01-01" }, today)).toBe(false);
    expect(isOverdue({ assigned: true, status: "not-started", dueDate: null }, today)).toBe(false);
  });
});

describe("the vocabulary", () => {
  it("has words and a rank for every status, and the ranks are a strict order", () => {
    for (const status of TrainingStatusSchema.options) {
      expect(trainingStatusLabels[status]).toMatch(/^[A-Z]/);
    }
    const ranks = TrainingStatusSchema.options.map((status) => trainingStatusRank[status]);
    expect(new Set(ranks).size).toBe(TrainingStatusSchema.options.length);
  });

  it("refuses a status outside the vocabulary", () => {
    expect(TrainingStatusSchema.safeParse("overdue").success).toBe(false);
  });
});
