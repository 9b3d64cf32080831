import type { ForceConfig } from "../schemas";

/**
 * The provisions the screening can offer, with their status as checked for this release on 2026-12-06
 * (England and Wales). An example to start from, not advice: a force checks each status itself, keeps
 * only what applies in its area, and updates `checked` and `status` when a provision is commenced.
 *
 * - DAPN/DAPO: the Domestic Abuse Act 2021 Part 3 (ss22–56) was commenced for pilot areas from
 *   27 November 2024 (Home Office, "Domestic abuse protection orders and domestic abuse protection
 *   notices: statutory guidance for the police", GOV.UK, published 27 November 2024). Only forces in a
 *   pilot area should switch it on; elsewhere the screening keeps DVPN/DVPO.
 * - An SPO made by the court of its own motion on conviction or acquittal, and statutory guidance on
 *   telling a victim who their stalker is: measures of the Crime and Policing Act 2026 (Royal Assent
 *   29 April 2026) as described by the Home Office; section numbers and commencement were not found
 *   on legislation.gov.uk when checked, so they are marked enacted but not in force.
 */
export const exampleProvisions: ForceConfig["provisions"] = {
  domesticAbuseProtectionOrders: {
    status: "pilot",
    checked: "2026-12-06",
    source:
      "Domestic Abuse Act 2021 Part 3, commenced in pilot areas from 27 November 2024 (Home Office statutory guidance)",
  },
  spoOnConvictionOrAcquittal: {
    status: "enactedNotInForce",
    checked: "2026-12-06",
    source: "Crime and Policing Act 2026, amending the Stalking Protection Act 2019; commencement not found",
  },
  rightToKnow: {
    status: "enactedNotInForce",
    checked: "2026-12-06",
    source: "Crime and Policing Act 2026 power to issue statutory guidance; no guidance found",
  },
};
