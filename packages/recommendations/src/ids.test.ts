import { describe, expect, it } from "vitest";
import { RecommendationIdSchema } from "./ids";

describe("RecommendationIdSchema", () => {
  it.each(["1", "7.2", "12.1", "29", "28.2"])("accepts %s", (id) => {
    expect(RecommendationIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(["0", "30", "12.", "12.0", "a", ""])("rejects %s with a reason", (id) => {
    const result = RecommendationIdSchema.safeParse(id);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/recommendation number/);
  });
});
