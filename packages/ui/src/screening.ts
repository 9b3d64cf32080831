// The screening entry: everything that needs xstate and @xstate/react, kept apart so an app that only uses
// the other components needs neither (see package.json `peerDependenciesMeta`).

export { ScreeningWizard } from "./screening-wizard/screening-wizard";
export type { ScreeningActorRef, ScreeningWizardProps } from "./screening-wizard/screening-wizard";
