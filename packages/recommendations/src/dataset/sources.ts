import type { Source } from "../model";

// One object per publication, so a corrected title or address is fixed in one place.
// "opening only" notes record that only the start of the page could be read when the data was compiled.

export const hmicfrsReport = {
  title: "The police response to stalking: report on the super-complaint (published 27 September 2024)",
  publisher: "HMICFRS, IOPC and College of Policing",
  url: "https://hmicfrs.justiceinspectorates.gov.uk/publication-html/police-response-to-stalking/",
  note: "foreword only could be read",
} as const satisfies Source;

export const hmicfrsPublicationPage = {
  title: "Suzy Lamplugh Trust's super-complaint: the police response to stalking",
  publisher: "HMICFRS",
  url: "https://hmicfrs.justiceinspectorates.gov.uk/publications/suzy-lamplugh-trusts-super-complaint-the-police-response-to-stalking/",
} as const satisfies Source;

export const hmicfrsAnnex = {
  title: "Annex: super-complaint on the police response to stalking",
  publisher: "HMICFRS",
  url: "https://hmicfrs.justiceinspectorates.gov.uk/publication-html/annex-super-complaint-police-response-to-stalking/",
} as const satisfies Source;

export const jointPressRelease = {
  title: "Changes needed to ensure stalking victims get the right response from police (27 September 2024)",
  publisher: "HMICFRS, IOPC and College of Policing",
  url: "https://hmicfrs.justiceinspectorates.gov.uk/news/news-feed/changes-needed-to-ensure-stalking-victims-get-the-right-response-from-police/",
} as const satisfies Source;

export const iopcPage = {
  title: "Super-complaint: police response to stalking",
  publisher: "IOPC",
  url: "https://policeconduct.gov.uk/complaints/super-complaints/police-response-stalking",
} as const satisfies Source;

export const essexPlanSource = {
  title: "Stalking super-complaint action plan",
  publisher: "Essex Police",
  url: "https://www.essex.police.uk/police-forces/essex-police/areas/essex-police/au/about-us/stalking-complaint-action-plan/",
} as const satisfies Source;

export const cambridgeshirePlan = {
  title: "Stalking action plan",
  publisher: "Cambridgeshire Constabulary",
  url: "https://www.cambs.police.uk/police-forces/cambridgeshire-constabulary/areas/about-us/about-us/stalking-action-plan/",
  note: "opening only could be read",
} as const satisfies Source;

export const hampshirePlan = {
  title: "Stalking action plan",
  publisher: "Hampshire and Isle of Wight Constabulary",
  url: "https://www.hampshire.police.uk/police-forces/hampshire-constabulary/areas/other/stalking-action-plan/",
  note: "opening only could be read",
} as const satisfies Source;

export const avonSomersetPage = {
  title: "Police super-complaints",
  publisher: "Avon and Somerset Police",
  url: "https://avonandsomerset.police.uk/about/policies-and-procedures/police-super-complaints",
  note: "opening only could be read",
} as const satisfies Source;

export const lancashirePlan = {
  title: "Police response to stalking: our action plan",
  publisher: "Lancashire Constabulary",
  url: "https://lancashire.police.uk/about-us/our-commitment/police-response-to-stalking-our-action-plan",
} as const satisfies Source;

export const govukResponses = {
  title: "Responses to the super-complaint report on the police response to stalking (published 8 January 2025)",
  publisher: "GOV.UK",
  url: "https://www.gov.uk/government/publications/responses-to-the-super-complaint-report-on-the-police-response-to-stalking",
} as const satisfies Source;

export const npccLetter = {
  title: "NPCC response to the stalking super-complaint (sent 22 November 2024)",
  publisher: "National Police Chiefs' Council",
  url: "https://www.gov.uk/government/publications/responses-to-the-super-complaint-report-on-the-police-response-to-stalking/npcc-response-to-the-stalking-super-complaint",
  note: "opening only could be read",
} as const satisfies Source;

export const npccProgressReport = {
  title: "NPCC report on the progress made by police forces to act on the recommendations (1 August 2025)",
  publisher: "National Police Chiefs' Council",
  url: "https://www.gov.uk/government/publications/responses-to-the-super-complaint-report-on-the-police-response-to-stalking/npcc-report-on-the-progress-made-by-police-forces-to-act-on-the-recommendations-of-the-stalking-super-complaint",
  note: "opening only could be read",
} as const satisfies Source;

export const apccResponse = {
  title: "APCC summary response to the stalking super-complaint",
  publisher: "Association of Police and Crime Commissioners",
  url: "https://www.gov.uk/government/publications/responses-to-the-super-complaint-report-on-the-police-response-to-stalking/apcc-summary-response-super-complaint-stalking",
  note: "opening only could be read",
} as const satisfies Source;

export const iopcResponsesWelcome = {
  title:
    "IOPC welcomes the responses to recommendations made in the joint super-complaint investigation (9 January 2025)",
  publisher: "IOPC",
  url: "https://www.wired-gov.net/wg/news.nsf/articles/iopc+welcomes+the+responses+to+recommendations+made+in+the+joint+supercomplaint+investigation+into+the+police+response+to+stalking+09012025122000?open",
} as const satisfies Source;

export const homeOfficeTermsOfReference = {
  title: "Stalking legislation review: terms of reference (22 October 2025)",
  publisher: "Home Office",
  url: "https://www.gov.uk/government/publications/stalking-legislation-review-terms-of-reference/stalking-legislation-review-terms-of-reference",
} as const satisfies Source;

export const niPolicingBoardQuestion = {
  title: "Northern Ireland Policing Board question 2955",
  publisher: "Northern Ireland Policing Board",
  url: "https://nipolicingboard.org.uk/node/2955",
} as const satisfies Source;

export const apccStatement = {
  title: "APCC statement on recommendations to improve the police response to stalking (10 January 2025)",
  publisher: "Association of Police and Crime Commissioners",
  url: "https://www.wired-gov.net/wg/news.nsf/articles/apcc+statement+on+recommendations+to+improve+police+response+to+stalking+10012025131500?open",
} as const satisfies Source;
