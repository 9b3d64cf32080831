import type { Addressee, DataQualityNote, Deadline, Recommendation, Source, Theme } from "../model";
import { deadline } from "./report";
import {
  apccResponse,
  apccStatement,
  avonSomersetPage,
  cambridgeshirePlan,
  essexPlanSource,
  govukResponses,
  hampshirePlan,
  hmicfrsPublicationPage,
  hmicfrsReport,
  homeOfficeTermsOfReference,
  iopcResponsesWelcome,
  jointPressRelease,
  lancashirePlan,
  niPolicingBoardQuestion,
  npccLetter,
  npccProgressReport,
} from "./sources";

const sixMonths = deadline("6-months");

interface Confirmed {
  title: string;
  summary: string;
  addressees: Addressee[];
  deadline?: Deadline;
  subItems?: Array<[id: string, summary: string, deadline?: Deadline]>;
  themes: Theme[];
  sources: Source[];
  notes?: DataQualityNote[];
}

// Most confirmed recommendations go to chief constables, fall due six months after publication
// and share that deadline with their sub-items, so those are the defaults.
function confirmed(number: number, rec: Confirmed): Recommendation {
  const due = rec.deadline ?? sixMonths;
  const subItems = (rec.subItems ?? []).map(([id, summary, own]) => ({ id, summary, deadline: own ?? due }));
  const deadlines = [...new Map([due, ...subItems.map((item) => item.deadline)].map((d) => [d.date, d])).values()];
  return {
    number,
    confirmed: true,
    title: rec.title,
    summary: rec.summary,
    addressees: rec.addressees,
    deadlines,
    subItems,
    themes: rec.themes,
    sources: rec.sources,
    notes: rec.notes ?? [],
  };
}

const notReadable =
  "Not confirmed: the wording of this recommendation could not be read in any source available when this data was compiled.";

// Unconfirmed recommendations carry their number and what is known, with no guessed addressee, deadline or theme.
function unconfirmed(number: number, known: string, sources: Source[], addressees: Addressee[] = []): Recommendation {
  return {
    number,
    confirmed: false,
    title: "Not confirmed",
    summary: `${notReadable} ${known}`,
    addressees,
    deadlines: [],
    subItems: [],
    themes: [],
    sources,
    notes: [],
  };
}

const nationalSeries =
  "Because the chief-constable recommendations begin at 7, numbers 1 to 6 probably hold the national ones (Home Office, Ministry of Justice, CPS, NPCC), but no source ties any number to a body. The report is known to ask for, without a number attached: a clearer criminal law on stalking (possibly a single stalking offence); stalking protection orders that are quicker and simpler for police to use; clearer, consistent national guidance; at least one recommendation each to the Ministry of Justice and the CPS; and some to the NPCC alone or jointly with partners.";
const nationalSources = [
  hmicfrsReport,
  hmicfrsPublicationPage,
  jointPressRelease,
  homeOfficeTermsOfReference,
  npccLetter,
];
const betweenSevenAndTen =
  "It sits between chief-constable recommendations 7 and 10, so it may go to a national body; no source confirms which.";

/**
 * The 29 recommendations of the report, in number order. Recommendations not confirmed from a
 * readable source have `confirmed: false` and carry only what is known.
 */
export const recommendations: readonly Recommendation[] = [
  ...[1, 2, 3, 4, 5, 6].map((n) => unconfirmed(n, nationalSeries, nationalSources)),
  confirmed(7, {
    title: "Record and search included crime classifications",
    summary:
      "Where needed, change crime-recording systems so officers and staff can record and later find offences that were not recorded as the principal crime (included classifications).",
    addressees: ["chief-constables"],
    subItems: [
      ["7.1", "Have processes that make officers and staff actually use the recording and search capability."],
      [
        "7.2",
        "Until system changes arrive, use interim measures (such as intelligence reports) so stalking and linked offences can still be found.",
      ],
    ],
    themes: ["crime-recording"],
    sources: [essexPlanSource, cambridgeshirePlan, hampshirePlan, avonSomersetPage],
  }),
  unconfirmed(8, betweenSevenAndTen, [hmicfrsReport, npccLetter]),
  unconfirmed(9, betweenSevenAndTen, [hmicfrsReport, npccLetter]),
  confirmed(10, {
    title: "Stalking training, policy and practice",
    summary:
      "Review and update the force's stalking learning and training, and bring policy and practice into line with the report's findings.",
    addressees: ["chief-constables"],
    subItems: [
      ["10.1", "Training covers the stalking learning outcomes of the national public protection curriculum."],
      ["10.2", "Training makes proper use of the College of Policing stalking or harassment e-learning."],
      ["10.3", "Training draws on local victim advocates or other experts from outside policing."],
      ["10.4", "Training explains relevant local policy and practice where needed."],
      ["10.5", "Training reaches the officers and staff who gain most from it."],
    ],
    themes: ["training"],
    sources: [essexPlanSource, cambridgeshirePlan, hampshirePlan],
  }),
  confirmed(11, {
    title: "Understand stalking demand and the force response",
    summary:
      "Have ways to understand how much stalking the force sees, of what kinds, and how well it responds, in line with the national VAWG delivery framework.",
    addressees: ["chief-constables"],
    subItems: [
      [
        "11.1",
        "Problem profiles built from police data, intelligence and other sources such as victim services and statistics.",
      ],
      ["11.2", "Regular assurance such as audits, covering SPO use, investigation outcomes and investigation quality."],
      ["11.3", "Regular feedback from victims, for example surveys."],
      ["11.4", "Force management statements that cover current and future stalking demand."],
    ],
    themes: ["demand"],
    sources: [essexPlanSource],
  }),
  confirmed(12, {
    title: "Risk identification, assessment and management",
    summary:
      "Make risk identification, assessment and management effective in every stalking and breach-of-order case.",
    addressees: ["chief-constables"],
    subItems: [
      ["12.1", "Consider using the stalking screening tool to help identify stalking and its risks."],
      [
        "12.2",
        "Clear risk policies for every case and, where suitable, recognised risk tools built into force systems so officers can use them and record their risk and safeguarding decisions.",
      ],
      ["12.3", "Policy, guidance and training recognise the raised risk when protective orders are breached."],
      [
        "12.4",
        "Screening and checks that find and manage high-risk cases early, which may mean daily management meetings review stalking and breach cases.",
      ],
    ],
    themes: ["risk"],
    sources: [essexPlanSource],
  }),
  confirmed(13, {
    title: "Consider a stalking protection order in every case",
    summary:
      "Have strategy, structures and processes so an SPO is considered in every stalking case and applied for where it is relevant and would prevent harm, revising policy and guidance as needed.",
    addressees: ["chief-constables"],
    subItems: [
      ["13.1", "Local SPO training and guidance, including for supervisors."],
      [
        "13.2",
        "Support for investigators to spot suitable cases and make applications, for example dedicated teams or roles, or daily risk and safeguarding meetings.",
      ],
    ],
    themes: ["spo"],
    sources: [essexPlanSource],
  }),
  confirmed(14, {
    title: "Victims' Code rights and support",
    summary: "Make sure stalking victims get their rights under the Victims' Code and can reach support services.",
    addressees: ["chief-constables"],
    subItems: [
      ["14.1", "A victim needs assessment is always done."],
      ["14.2", "Processes make sure every stalking victim is told their Victims' Code rights."],
      [
        "14.3",
        "Information on national and specialist stalking support in the area is easy to find for police, victims and the public.",
      ],
      ["14.4", "Victims who want support are referred to a suitable service without delay."],
      ["14.5", "The force tracks referrals to specialist support and acts when they are low."],
    ],
    themes: ["victims"],
    sources: [essexPlanSource],
  }),
  confirmed(15, {
    title: "Specialist victim services",
    summary:
      "Check that suitable specialist support for stalking victims is commissioned locally, including trained independent stalking advocacy caseworkers (ISACs); fill gaps, and consider commissioning across force boundaries where that works better. The APCC reports that all 43 PCCs accepted it.",
    addressees: ["pccs"],
    themes: ["commissioning", "victims"],
    sources: [apccResponse, apccStatement],
  }),
  confirmed(16, {
    title: "Joint review of commissioning",
    summary:
      "PCCs and chief constables together review commissioning and change it soon, so police and stalking victim services work together and share information as a matter of course.",
    addressees: ["pccs", "chief-constables"],
    themes: ["commissioning", "multi-agency"],
    sources: [essexPlanSource, apccResponse, apccStatement],
  }),
  confirmed(17, {
    title: "Case allocation",
    summary:
      "Reflect the College of Policing's new investigation APP content on case allocation in policies for allocating stalking and breach-of-order cases.",
    addressees: ["chief-constables"],
    subItems: [
      [
        "17.1",
        "Allocation sends stalking cases to officers with the skills and experience their risk and complexity need.",
      ],
    ],
    themes: ["allocation"],
    sources: [essexPlanSource],
  }),
  confirmed(18, {
    title: "Quality of stalking investigations",
    summary: "Improve stalking investigations by being victim-centred, suspect-focused and led by context.",
    addressees: ["chief-constables"],
    subItems: [
      [
        "18.1",
        "The workforce has the capacity and skill to investigate stalking, including new techniques for digital lines of enquiry.",
      ],
      ["18.2", "Every reasonable line of enquiry is followed, with good supervision."],
      ["18.3", "Arrest and search powers are used to gather evidence from and about suspects."],
      ["18.4", "Witness statements show the impact on the victim, to inform charging and improve outcomes."],
    ],
    themes: ["investigation"],
    sources: [essexPlanSource],
  }),
  unconfirmed(
    19,
    "It sits between chief-constable recommendations 18 and 20, so it may go to a national body. Online stalking guidance and telling victims who an anonymous online stalker is (which the report found forces did inconsistently) are themes without a number; neither is confirmed as this one.",
    [hmicfrsReport, niPolicingBoardQuestion],
  ),
  confirmed(20, {
    title: "Online stalking",
    summary: "Improve how the force recognises and responds to the online side of stalking.",
    addressees: ["chief-constables"],
    subItems: [
      ["20.1", "The scale and nature of online stalking inform the force's strategic understanding and response."],
      ["20.2", "Local stalking training and guidance include examples of online stalking."],
      [
        "20.3",
        "Officers and staff have clear online-safety advice, drawing on the College of Policing stalking or harassment APP once written.",
      ],
      [
        "20.4",
        "Suitable tools, technology and services to keep victims safe digitally are bought and used when appropriate.",
      ],
    ],
    themes: ["online"],
    sources: [essexPlanSource],
  }),
  unconfirmed(
    21,
    "Recommendation 22 refers to information collated by the NPCC lead under this recommendation, so it asks the NPCC lead for stalking and harassment to gather information, most likely about dedicated stalking roles and subject-matter experts. Its wording, scope and deadline are unknown.",
    [essexPlanSource],
    ["npcc-stalking-lead"],
  ),
  confirmed(22, {
    title: "Dedicated stalking roles",
    summary:
      "Using what the NPCC lead collates under recommendation 21, consider whether and how dedicated stalking officers, staff or other subject-matter experts would add value to the force response.",
    addressees: ["chief-constables"],
    deadline: deadline("12-months"),
    themes: ["dedicated-roles"],
    sources: [essexPlanSource],
  }),
  confirmed(23, {
    title: "Early screening of crimes",
    summary: "Screen crimes early so that stalking cases are better identified, recorded and managed.",
    addressees: ["chief-constables"],
    subItems: [
      [
        "23.1",
        "Consider screening offences that resemble stalking or may be part of a stalking course of conduct, such as harassment, malicious communications and breaches of orders.",
      ],
    ],
    themes: ["screening"],
    sources: [essexPlanSource],
  }),
  unconfirmed(
    24,
    "It sits between chief-constable recommendations 23 and 25. Multi-agency and perpetrator-management themes and the police and CPS joint stalking protocol are candidates, but nothing confirms them.",
    [hmicfrsReport],
  ),
  confirmed(25, {
    title: "Multi-agency response",
    summary:
      "Look for ways to improve how the force works with partners in a multi-agency response to stalking. The APCC counts this among the three recommendations to PCCs and says it also applies to chief constables.",
    addressees: ["chief-constables", "pccs"],
    subItems: [
      [
        "25.1",
        "How the force works with health, the CPS, probation and other criminal justice partners to manage stalking perpetrators and their behaviour.",
      ],
      ["25.2", "Whether and how to work with other forces to take part in multi-agency stalking partnerships."],
      ["25.3", "How MAPPA (multi-agency public protection arrangements) are used to manage stalking offenders."],
    ],
    themes: ["multi-agency"],
    sources: [essexPlanSource, apccResponse, apccStatement],
  }),
  unconfirmed(26, "It falls between recommendations 25 and 27; no source names its addressee.", [hmicfrsReport]),
  confirmed(27, {
    title: "Respond to the investigating bodies",
    summary:
      "Write to HMICFRS, the IOPC and the College of Policing with a response to the recommendations: chief constables through the NPCC, which sends one collective police response, and PCCs through the APCC, which sends one for PCCs.",
    addressees: ["chief-constables", "pccs"],
    deadline: deadline("56-days"),
    themes: ["governance"],
    sources: [essexPlanSource, apccResponse, npccLetter, govukResponses],
    notes: [
      {
        about: "addressees",
        note: "The Home Office, CPS and NPCC also published responses on 8 January 2025, so this probably applies to every addressee; only chief constables and PCCs are confirmed.",
      },
    ],
  }),
  confirmed(28, {
    title: "Publish a force action plan and report progress",
    summary: "Make the force response public and track it: publish an action plan, then report progress to the NPCC.",
    addressees: ["chief-constables"],
    deadline: deadline("56-days"),
    subItems: [
      [
        "28.1",
        "Publish on the force website an action plan covering every recommendation made to the force, and send the NPCC its link.",
        deadline("56-days"),
      ],
      ["28.2", "Send the NPCC an update on progress against the action plan.", sixMonths],
    ],
    themes: ["governance"],
    sources: [essexPlanSource, lancashirePlan, npccProgressReport],
    notes: [
      {
        about: "28.1",
        note: "Essex Police's plan prints this deadline as 22 November 2025; 56 days after publication is 22 November 2024, which Lancashire's plan also gives.",
      },
    ],
  }),
  unconfirmed(
    29,
    "One unconfirmed possibility is a closing recommendation for the NPCC to collate and report on forces' six-month updates; the NPCC published such a progress report on 1 August 2025.",
    [npccProgressReport, iopcResponsesWelcome],
  ),
];
