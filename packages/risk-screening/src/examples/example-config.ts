import type { ForceConfig } from "../schemas";
import { exampleStalkingInstrument } from "./example-instrument";

/**
 * A configuration for a fictional force, for tests, demos and training. Routing follows the
 * Essex example in the action-plan seed (medium and high risk to a domestic-abuse team); real forces
 * set their own.
 */
export const exampleForceConfig: ForceConfig = {
  forceName: "Example Constabulary (fictional)",
  instruments: { stalking: exampleStalkingInstrument },
  allocation: { standard: "Response team", medium: "Domestic abuse team", high: "Domestic abuse team" },
  stalkingPanel: { name: "Example stalking intervention panel" },
  dailyManagementMeeting: true,
  supervisorRoles: ["supervisor", "inspector"],
  spoAuthorisingRoles: ["inspector", "superintendent"],
  highGradeTriggers: ["breachOfOrder", "threatsFromExPartner"],
  // No provisions switched on: a force adds the ones that apply to it (see exampleProvisions).
  provisions: {},
};
