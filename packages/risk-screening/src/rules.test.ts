import { describe, expect, it } from "vitest";
import { play } from "../test/helpers";
import type { ScreeningContext } from "./context";
import { exampleForceConfig } from "./examples/example-config";
import {
  behavioursSeen,
  classify,
  gradeProposal,
  hasStalkingBehaviour,
  isCourseOfConduct,
  meetsS4ADistress,
  meetsS4AViolence,
  proposedGrade,
  recommendedRecording,
  safeguardingPlan,
  scoreInstrument,
} from "./rules";
import type { Answers, ForceConfig, Incident, Instrument } from "./schemas";

const base: ScreeningContext = play([]).snapshot.context;
const ctx = (
  answers: Answers,
  incidents: Incident[] = [],
  extra: Partial<ScreeningContext> = {},
): ScreeningContext => ({
  ...base,
  answers,
  incidents,
  ...extra,
});
const inc = (...behaviours: Incident["behaviours"]): Incident => ({ date: "2026-01-01", behaviours });

describe("identification rules (PHA 1997)", () => {
  it("needs two occasions for a course of conduct (s7)", () => {
    expect(isCourseOfConduct(ctx({}, [inc("other")]))).toBe(false);
    expect(isCourseOfConduct(ctx({}, [inc("other"), inc("other")]))).toBe(true);
  });

  it("counts s2A(3) behaviours, online behaviours and fixation or obsession as stalking behaviour", () => {
    expect(hasStalkingBehaviour(ctx({}, [inc("other")]))).toBe(false);
    expect(hasStalkingBehaviour(ctx({}, [inc("loitering")]))).toBe(true);
    expect(hasStalkingBehaviour(ctx({ onlineBehaviours: ["trackingLocation"] }))).toBe(true);
    expect(hasStalkingBehaviour(ctx({ onlineBehaviours: ["none"] }))).toBe(false);
    expect(hasStalkingBehaviour(ctx({ fourIndicators: ["unwanted", "repeated"] }))).toBe(false);
    expect(hasStalkingBehaviour(ctx({ fourIndicators: ["obsessive"] }))).toBe(true);
  });

  it("maps online behaviours onto s2A(3) categories in statutory order", () => {
    expect(
      behavioursSeen(ctx({ onlineBehaviours: ["impersonation", "monitoringAccounts"] }, [inc("following")])),
    ).toEqual(["following", "publishing", "monitoringCommunications"]);
  });

  it("meets s4A on two fear-of-violence occasions or serious alarm or distress", () => {
    expect(meetsS4AViolence(ctx({ fearOfViolenceOccasions: 1 }))).toBe(false);
    expect(meetsS4AViolence(ctx({ fearOfViolenceOccasions: 2 }))).toBe(true);
    expect(meetsS4ADistress(ctx({ seriousAlarmOrDistress: "notKnown" }))).toBe(false);
    expect(meetsS4ADistress(ctx({ seriousAlarmOrDistress: "yes" }))).toBe(true);
  });

  it.each([
    [[inc("following")], {}, "singleIncident"],
    [[inc("other"), inc("other")], {}, "harassment"],
    [[inc("following"), inc("other")], {}, "stalkingS2A"],
    [[inc("following"), inc("other")], { fearOfViolenceOccasions: 2 }, "stalkingS4A"],
    [[inc("following"), inc("other")], { seriousAlarmOrDistress: "yes" }, "stalkingS4A"],
  ] as const)("classifies %j with %j as %s", (incidents, answers, expected) => {
    expect(classify(ctx(answers, [...incidents]))).toBe(expected);
  });
});

describe("risk rules", () => {
  const banded: Instrument = {
    ...exampleForceConfig.instruments.stalking,
    questions: exampleForceConfig.instruments.stalking.questions.map((q) =>
      q.id === "violenceThisEpisode" ? { ...q, escalatesToHigh: true } : q,
    ),
    banding: { medium: 3, high: 6 },
  };
  const config: ForceConfig = { ...exampleForceConfig, instruments: { stalking: banded } };
  const yes = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, "yes"]));

  it("counts concerns and not-known answers apart, and bands when the instrument has banding", () => {
    const score = scoreInstrument({
      answers: {},
      config,
      instrumentAnswers: { fear: "very", ...yes("turnsUp", "hangsAround"), thirdParties: "notKnown" },
    });
    expect(score).toEqual({ yesCount: 3, notKnownCount: 1, band: "medium", escalated: false });
  });

  it("proposes standard with no banding and no flags", () => {
    expect(proposedGrade(ctx({}, [], { instrumentAnswers: yes("turnsUp", "hangsAround", "priorHarassment") }))).toBe(
      "standard",
    );
  });

  it("proposes the band, and high for an escalating answer", () => {
    expect(
      proposedGrade(ctx({}, [], { config, instrumentAnswers: yes("turnsUp", "hangsAround", "priorHarassment") })),
    ).toBe("medium");
    expect(proposedGrade(ctx({}, [], { config, instrumentAnswers: yes("violenceThisEpisode") }))).toBe("high");
  });

  it("proposes no lower grade than the screening a follow-up follows (risk is dynamic)", () => {
    const earlier = {
      startedAt: "2026-01-10T09:00:00.000Z",
      endedAt: "2026-01-10T10:00:00.000Z",
      classification: "stalkingS2A" as const,
      grade: "medium" as const,
      heightenedRisk: false,
      incidentCount: 2,
      auditTrail: [],
    };
    const followUp = ctx({}, [], { earlier: [earlier] });
    expect(proposedGrade(ctx({}))).toBe("standard");
    expect(gradeProposal(followUp)).toEqual({
      grade: "medium",
      reasons: ["The screening this follows (completed 2026-01-10) graded the risk medium."],
    });
    expect(proposedGrade(ctx({ existingOrders: ["spo"], orderBreached: "yes" }, [], { earlier: [earlier] }))).toBe(
      "high",
    );
  });

  it("proposes high for a breach and for threats from a former partner, as configured", () => {
    const breach = { existingOrders: ["spo"], orderBreached: "yes" };
    expect(proposedGrade(ctx(breach))).toBe("high");
    expect(proposedGrade(ctx(breach, [], { config: { ...exampleForceConfig, highGradeTriggers: [] } }))).toBe(
      "standard",
    );
    expect(proposedGrade(ctx({ threats: "yes", relationship: "exPartner" }))).toBe("high");
    expect(proposedGrade(ctx({ threats: "yes", relationship: "stranger" }))).toBe("standard");
    const threats = { ...exampleForceConfig, highGradeTriggers: ["threats" as const] };
    expect(proposedGrade(ctx({ threats: "yes", relationship: "stranger" }, [], { config: threats }))).toBe("high");
  });
});

describe("recording and safeguarding", () => {
  it("recommends the classification as principal with the breach included (rec 7)", () => {
    const context = ctx({ existingOrders: ["spo"], orderBreached: "yes", reportedAs: "maliciousCommunications" }, [], {
      classification: "stalkingS2A",
    });
    expect(recommendedRecording(context)).toEqual({
      principal: "stalkingS2A",
      included: ["breachOfOrder", "maliciousCommunications"],
    });
    expect(
      recommendedRecording(ctx({ fearOfViolenceOccasions: 3 }, [], { classification: "harassment" })).principal,
    ).toBe("harassmentS4");
    expect(
      recommendedRecording(ctx({ reportedAs: "harassment" }, [], { classification: "singleIncident" })).principal,
    ).toBe("harassment");
  });

  it("routes by grade and config: allocation, MARAC for high-risk DA, panel for high-risk stalking, DMM", () => {
    const high = {
      value: "high" as const,
      proposed: "high" as const,
      rationale: "r",
      by: { id: "o", role: "officer" as const },
    };
    const plan = safeguardingPlan(
      ctx({ personallyConnected: "yes" }, [], { grade: high, classification: "stalkingS2A" }),
    );
    expect(plan).toEqual({
      allocation: "Domestic abuse team",
      maracExpected: true,
      panelExpected: true,
      dmm: { listed: true, reason: "Stalking is indicated." },
    });
    const noPanel = { ...exampleForceConfig, stalkingPanel: undefined, dailyManagementMeeting: false };
    const { stalkingPanel: _omit, ...withoutPanel } = noPanel;
    expect(
      safeguardingPlan(
        ctx({}, [], { grade: { ...high, value: "standard" }, classification: "harassment", config: withoutPanel }),
      ),
    ).toEqual({ allocation: "Response team", maracExpected: false, panelExpected: false, dmm: { listed: false } });
  });
});
