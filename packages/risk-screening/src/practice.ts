// The `@stalking-response/risk-screening/practice` entry: headless runs, outcome comparison and feedback,
// and the labelled examples (a fictional force, an example instrument, fictional practice scenarios).
export { runScreening } from "./run";
export type { RunOptions, ScreeningRun } from "./run";
export {
  compareOutcome,
  decisiveOutcomeFields,
  outcomeDifferences,
  outcomeFieldLabels,
  practiceFeedback,
} from "./compare";
export type { DecisiveDifference, DeepPartial, ExpectedOutcome, OutcomeDifference, PracticeFeedback } from "./compare";
export { exampleForceConfig } from "./examples/example-config";
export { exampleStalkingInstrument } from "./examples/example-instrument";
export { exampleProvisions } from "./examples/provisions";
export { practiceInspector, practiceOfficer, practiceScenarios, practiceSupervisor } from "./examples/scenarios";
export type { PracticeScenario } from "./examples/scenarios";
