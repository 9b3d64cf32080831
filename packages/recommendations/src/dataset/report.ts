import { deadlineDate } from "../dates";
import type { Deadline, DeadlineBasis, Report } from "../model";
import { hmicfrsAnnex, hmicfrsPublicationPage, hmicfrsReport, iopcPage, jointPressRelease } from "./sources";

const published = "2024-09-27";

/** Every deadline in the report is a period after publication, so dates are derived, never typed by hand. */
export function deadline(basis: DeadlineBasis): Deadline {
  return { date: deadlineDate(basis, published), basis };
}

/**
 * The super-complaint report: "The police response to stalking", published 27 September 2024 by
 * HMICFRS, the IOPC and the College of Policing after a super-complaint by the Suzy Lamplugh Trust.
 */
export const report: Report = {
  title: "The police response to stalking: report on the super-complaint made by the Suzy Lamplugh Trust",
  published,
  lettersToAddressees: "2024-09-24",
  complainant: { name: "Suzy Lamplugh Trust", onBehalfOf: "National Stalking Consortium" },
  submitted: "2022-11-25",
  investigatingBodies: ["hmicfrs", "iopc", "college-of-policing"],
  addressees: ["home-office", "npcc", "chief-constables", "pccs", "apcc", "ministry-of-justice", "cps"],
  recommendationCount: 29,
  deadlines: [deadline("56-days"), deadline("6-months"), deadline("12-months")],
  sources: [hmicfrsReport, hmicfrsPublicationPage, jointPressRelease, iopcPage, hmicfrsAnnex],
  notes: [
    {
      about: "addressees",
      note: "The publication page names the Home Office, NPCC, chief constables, PCCs (or equivalents), APCC, Ministry of Justice and CPS. The press release leaves out the APCC. The NPCC lead for stalking and harassment is addressed within the NPCC (see recommendations 21 and 22).",
    },
    {
      about: "published",
      note: "27 September 2024 is the publication date; 24 September 2024 is the date of the letters to addressees. Every deadline in the report counts from 27 September.",
    },
  ],
};
