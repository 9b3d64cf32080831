import { describe, expect, it } from "vitest";
import { exampleForceConfig } from "./examples/example-config";
import { exampleStalkingInstrument } from "./examples/example-instrument";
import { ForceConfigSchema, InstrumentSchema, parseForceConfig, parseInstrument } from "./schemas";

describe("instruments are data", () => {
  it("ships one example instrument, labelled as an example needing force approval", () => {
    expect(InstrumentSchema.parse(exampleStalkingInstrument)).toEqual(exampleStalkingInstrument);
    expect(exampleStalkingInstrument.example).toBe(true);
    expect(exampleStalkingInstrument.title).toMatch(/not an official tool/);
    expect(exampleStalkingInstrument.licence).toMatch(/not the S-DASH or any official tool/);
    expect(exampleStalkingInstrument.licence).toMatch(/must approve/);
    // S-DASH gives no numeric cut-off, so the example must not invent one.
    expect(exampleStalkingInstrument.banding).toBeUndefined();
  });

  it("rejects duplicate question ids, choice questions without options and inverted banding", () => {
    const result = parseInstrument({
      ...exampleStalkingInstrument,
      questions: [
        { id: "a", prompt: "A?" },
        { id: "a", prompt: "Again?" },
        { id: "b", prompt: "B?", kind: "singleChoice" },
      ],
      banding: { medium: 5, high: 3 },
    });
    expect(result).toEqual({
      success: false,
      errors: [
        "banding: high threshold must be above the medium threshold",
        "questions.1.id: duplicate a",
        "questions.2.options: a choice question needs options",
      ],
    });
  });

  it("defaults a question's kind to yes / no / not known", () => {
    const result = parseInstrument({ ...exampleStalkingInstrument, questions: [{ id: "a", prompt: "A?" }] });
    expect(result.success && result.data.questions[0]?.kind).toBe("yesNoNotKnown");
  });
});

describe("force configuration", () => {
  it("accepts the example configuration", () => {
    expect(ForceConfigSchema.parse(exampleForceConfig)).toEqual(exampleForceConfig);
  });

  it("applies defaults for supervisor roles and high-grade triggers", () => {
    const { supervisorRoles: _s, highGradeTriggers: _h, ...minimal } = exampleForceConfig;
    const result = parseForceConfig(minimal);
    expect(result.success && [result.data.supervisorRoles, result.data.highGradeTriggers]).toEqual([
      ["supervisor", "inspector"],
      ["breachOfOrder", "threatsFromExPartner"],
    ]);
  });

  it("names each bad field and why, without throwing", () => {
    const result = parseForceConfig({ ...exampleForceConfig, allocation: { standard: "" }, spoAuthorisingRoles: [] });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors).toEqual([
        "allocation.standard: Too small: expected string to have >=1 characters",
        "allocation.medium: Invalid input: expected string, received undefined",
        "allocation.high: Invalid input: expected string, received undefined",
        "spoAuthorisingRoles: Too small: expected array to have >=1 items",
      ]);
    }
  });
});
