import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { screeningMachine } from "../src/machine";
import { renderMachineDoc, renderMermaid } from "../scripts/mermaid";

describe("generated diagram", () => {
  it("is up to date (run `pnpm --filter @stalking-response/risk-screening diagram` after changing the machine)", () => {
    const checkedIn = readFileSync(new URL("../docs/machine.md", import.meta.url), "utf8");
    expect(checkedIn).toBe(renderMachineDoc(screeningMachine));
  });

  it("draws every state and names the guards", () => {
    const diagram = renderMermaid(screeningMachine);
    for (const id of ["screening_idle", "screening_actions_victim_rightsExplained", "screening_emergency"]) {
      expect(diagram).toContain(`as ${id}`);
    }
    expect(diagram).toContain(
      "screening_triage --> screening_emergency : answer.submit [answerIs(immediateDanger, yes)]",
    );
    expect(diagram).toContain("screening_actions --> screening_completed : every region done");
  });
});
