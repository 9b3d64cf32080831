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
      ok: false,
      issues: [
        { path: ["banding"], message: '"banding" high threshold must be above the medium threshold' },
        { path: ["questions", 1, "id"], message: '"questions.1.id" duplicate a' },
        { path: ["questions", 2, "options"], message: '"questions.2.options" a choice question needs options' },
      ],
    });
  });

  it("defaults a question's kind to yes / no / not known", () => {
    const result = parseInstrument({ ...exampleStalkingInstrument, questions: [{ id: "a", prompt: "A?" }] });
    expect(result.ok && result.value.questions[0]?.kind).toBe("yesNoNotKnown");
  });
});

describe("force configuration", () => {
  it("accepts the example configuration", () => {
    expect(ForceConfigSchema.parse(exampleForceConfig)).toEqual(exampleForceConfig);
  });

  it("applies defaults for supervisor roles and high-grade triggers", () => {
    const { supervisorRoles: _s, highGradeTriggers: _h, ...minimal } = exampleForceConfig;
    const result = parseForceConfig(minimal);
    expect(result.ok && [result.value.supervisorRoles, result.value.highGradeTriggers]).toEqual([
      ["supervisor", "inspector"],
      ["breachOfOrder", "threatsFromExPartner"],
    ]);
  });

  it("names each bad field and why, without throwing", () => {
    const result = parseForceConfig({ ...exampleForceConfig, allocation: { standard: "" }, spoAuthorisingRoles: [] });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: ["allocation", "standard"], message: '"allocation.standard" must have at least 1 character' },
        { path: ["allocation", "medium"], message: '"allocation.medium" is missing' },
        { path: ["allocation", "high"], message: '"allocation.high" is missing' },
        { path: ["spoAuthorisingRoles"], message: '"spoAuthorisingRoles" must have at least 1 item' },
      ],
    });
  });
});
