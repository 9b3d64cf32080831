import { describe, expect, it } from "vitest";
import { parseEnv } from "../src/server/env";

describe("environment", () => {
  it("rejects a bad PORT naming the variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
  });

  it("names every bad variable at once, with the reason", () => {
    let message = "";
    try {
      parseEnv({ PORT: "70000", DATABASE_URL: "mysql://x", SESSION_TTL_MINUTES: "0", COOKIE_SECURE: "yes" });
    } catch (error) {
      message = error instanceof Error ? error.message : "";
    }
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/SESSION_TTL_MINUTES:/);
    expect(message).toMatch(/COOKIE_SECURE:/);
  });

  it("applies defaults and treats an empty value as unset", () => {
    const env = parseEnv({ DATABASE_URL: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRAINING_DATA_DIR).toBe("./data");
    expect(env.PORT).toBe(3000);
    expect(env.SESSION_TTL_MINUTES).toBe(480);
  });
});
