import { findRecommendation, isKnownRecommendationId, recommendationIds } from "@stalking-response/recommendations";
import { describe, expect, it } from "vitest";
import { actionRecommendations } from "../src/rules";
import { ScreeningOutcomeSchema } from "../src/schemas";
import { currentView } from "../src/view";
import { breachEventsUntil, breachScenario, play } from "./helpers";

describe("recommendation ids come from the recommendations package", () => {
  it("references only ids the report defines", () => {
    const used = [...new Set(Object.values(actionRecommendations).flat())];
    expect(used.filter((id) => !recommendationIds.includes(id))).toEqual([]);
    for (const id of used) expect(findRecommendation(id)).toBeDefined();
  });

  it("puts only known ids in outcomes and on the task list", () => {
    const outcome = play([...breachScenario.events]).snapshot.output;
    const ids = outcome?.requiredActions.flatMap((a) => a.recommendations) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every(isKnownRecommendationId)).toBe(true);
    const view = currentView(play(breachEventsUntil("tasks")).snapshot);
    expect(view.kind === "tasks" && view.tasks.flatMap((t) => t.recommendations).every(isKnownRecommendationId)).toBe(
      true,
    );
  });

  it("fails outcome validation for an id the report does not define", () => {
    const outcome = play([...breachScenario.events]).snapshot.output;
    if (outcome?.status !== "completed") throw new Error("not completed");
    const tampered = { ...outcome, requiredActions: [{ ...outcome.requiredActions[0], recommendations: ["12.9"] }] };
    const result = ScreeningOutcomeSchema.safeParse(tampered);
    expect(result.error?.issues[0]?.path).toEqual(["requiredActions", 0, "recommendations", 0]);
  });
});
