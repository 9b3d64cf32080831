import type { ActionPlan, PlanResponse } from "../action-plan";
import { essexPlanSource, npccProgressReport } from "./sources";

type Answer = Omit<PlanResponse, "id" | "actions" | "evidence" | "updates"> &
  Partial<Pick<PlanResponse, "actions" | "evidence" | "updates">>;

// Essex often answers several sub-items in one paragraph; each id still gets its own response
// so a query for any one of them finds the answer.
function answer(ids: string[], body: Answer): PlanResponse[] {
  return ids.map((id) => ({ actions: [], evidence: [], updates: [], ...body, id }));
}

const auditGap = {
  statusWording: "internal audit found we don't always get this right",
  actions: [{ description: "Improve practice where the internal audit found gaps", status: "in-progress" as const }],
  evidence: [{ kind: "audit" as const, description: "Internal audit of stalking investigations" }],
};

// Shared by answers Essex gives jointly (12.2 with 12.4, 14.2 with 14.4).
const riskTools = {
  kind: "process" as const,
  description: "DARA for domestic abuse stalking; separate non-domestic risk assessment",
};
const singleOnlineHome = {
  description: "Add stalking reporting to Single Online Home",
  due: "2024-12-31",
  status: "not-started" as const,
};

/**
 * Essex Police's published action plan for the recommendations to chief constables, encoded
 * from its web page. Narratives are our summaries of what Essex says; statuses are our reading
 * of its own words (its wording is kept in `statusWording` where it gives one). The page carries
 * no publication date, so `published` is left out.
 */
export const essexActionPlan: ActionPlan = {
  force: "Essex Police",
  source: essexPlanSource,
  responses: [
    ...answer(["7.1"], {
      status: "complete",
      narrative:
        "Frontline officers and staff can already search by classification and keyword, and the Contact Management Command's 42-step quality assurance covers stalking offences.",
      evidence: [
        { kind: "system", description: "Classification and keyword search available to frontline officers and staff" },
        { kind: "process", description: "Contact Management Command 42-step quality assurance, including stalking" },
      ],
    }),
    ...answer(["7.2"], {
      status: "not-applicable",
      statusWording: "Not relevant to Essex",
      narrative: "Essex says this is not relevant to it and gives no reason.",
    }),
    ...answer(["10"], {
      status: "complete",
      narrative: "Essex reviewed and updated its stalking procedure after the report was published.",
      evidence: [{ kind: "policy", description: "Stalking procedure, reviewed and updated after the report" }],
    }),
    ...answer(["10.1"], {
      status: "complete",
      narrative: "Essex says its current stalking training covers the national curriculum learning outcomes.",
      evidence: [{ kind: "training", description: "Current force stalking training" }],
    }),
    ...answer(["10.2"], {
      status: "complete",
      narrative: "Essex uses the College Learn stalking e-learning.",
      evidence: [{ kind: "training", description: "College Learn stalking e-learning" }],
    }),
    ...answer(["10.3", "10.4", "10.5"], {
      status: "in-progress",
      narrative:
        "Independent stalking advocacy caseworkers (ISACs) contribute to officer and staff development: they quality-assured training given to all emergency response teams over the summer, and contact centre staff were trained to identify stalking. ISACs are due to train domestic abuse and CID officers in the following months.",
      actions: [
        { description: "ISACs deliver stalking training to domestic abuse and CID officers", status: "not-started" },
      ],
      evidence: [
        { kind: "training", description: "Emergency response team training, quality-assured by ISACs" },
        { kind: "training", description: "Contact centre training on identifying stalking" },
      ],
    }),
    ...answer(["11.1"], {
      status: "complete",
      narrative: "Essex has a stalking problem profile within its April 2024 violence against women and girls report.",
      evidence: [{ kind: "document", description: "Stalking problem profile in the VAWG report, April 2024" }],
    }),
    ...answer(["11.2"], {
      status: "partial",
      narrative:
        "Two internal audits of stalking in the previous year looked at investigations, outcomes and quality, but not at the use of SPOs. The police, fire and crime commissioner also ran two deep dives, on domestic abuse and on vulnerability.",
      evidence: [
        { kind: "audit", description: "Two internal audits of the stalking response (SPO use not covered)" },
        { kind: "audit", description: "Commissioner's deep dives into domestic abuse and vulnerability" },
      ],
    }),
    ...answer(["11.3"], {
      status: "complete",
      narrative:
        "Victim feedback comes through a victim scrutiny panel, a dedicated victim services manager, and regular feedback from a third-sector provider, ISACs and IDVAs.",
      evidence: [{ kind: "process", description: "Victim scrutiny panel and victim services manager" }],
    }),
    ...answer(["11.4"], {
      status: "complete",
      narrative: "The 2024 force management statement covers stalking and the 2025 statement is to do so too.",
      actions: [{ description: "Cover stalking in the 2025 force management statement", status: "not-started" }],
      evidence: [{ kind: "document", description: "Force management statement 2024" }],
    }),
    ...answer(["12.1"], {
      status: "in-progress",
      statusWording: "currently considering",
      narrative: "Essex is considering whether to adopt the stalking screening tool.",
      actions: [{ description: "Decide whether to adopt the stalking screening tool", status: "in-progress" }],
    }),
    ...answer(["12.2"], {
      status: "complete",
      narrative:
        "Essex has risk policies and procedures: DARA for domestic abuse stalking cases, a separate stalking and harassment risk assessment for other cases, and a set way for staff to record risk and safeguarding decisions.",
      evidence: [riskTools],
    }),
    ...answer(["12.4"], {
      status: "partial",
      narrative:
        "Essex answers 12.2 and 12.4 together and describes its risk assessment tools and how staff record risk decisions. It does not describe screening and checking to find high-risk cases early, or whether stalking and breach cases go to daily management meetings.",
      evidence: [riskTools],
    }),
    ...answer(["12.3"], {
      status: "complete",
      narrative:
        "Officers and staff recently had stalking training, and a policy on SPO breaches explains the risk that breaches carry.",
      evidence: [{ kind: "policy", description: "Policy on breaches of stalking protection orders" }],
    }),
    ...answer(["13.1"], {
      status: "complete",
      narrative:
        "SPO procedures and guidance were renewed with the force legal team and sent to superintendents (the authorising officers) and commands; SPO guidance was part of response officers' professional development over the summer.",
      evidence: [
        { kind: "policy", description: "Renewed SPO procedures and guidance" },
        { kind: "training", description: "SPO guidance in response officers' continuing professional development" },
      ],
    }),
    ...answer(["13.2"], {
      status: "complete",
      narrative:
        "Each command has SPO points of contact with enhanced training, backed by a proactive orders and enforcement team and the force's own legal department.",
      evidence: [
        { kind: "process", description: "SPO points of contact; orders and enforcement team; legal department" },
      ],
    }),
    ...answer(["14.1"], {
      status: "complete",
      narrative:
        "Policy requires a victim needs assessment in every case; management data shows compliance and there is a route for dealing with lapses.",
      evidence: [{ kind: "data", description: "Management data on victim needs assessments" }],
    }),
    ...answer(["14.2"], {
      status: "complete",
      narrative:
        "The Victim Engagement Portal tells victims their Victims' Code rights, gives officer contact details, points to support services and keeps a record of contact. Stalking was to be added to the force's Single Online Home reporting by the end of 2024.",
      actions: [singleOnlineHome],
      evidence: [{ kind: "system", description: "Victim Engagement Portal" }],
    }),
    ...answer(["14.4"], {
      status: "partial",
      narrative:
        "Essex answers 14.2 and 14.4 together. The Victim Engagement Portal points victims to support services, but the answer does not say how victims who want support are referred to a service, or how Essex makes sure this happens in good time.",
      actions: [singleOnlineHome],
      evidence: [{ kind: "system", description: "Victim Engagement Portal (signposting to support services)" }],
    }),
    ...answer(["14.3"], {
      status: "complete",
      narrative: "Support service information is linked from the Victim Engagement Portal.",
      evidence: [{ kind: "system", description: "Link from the Victim Engagement Portal" }],
    }),
    ...answer(["14.5"], {
      status: "complete",
      narrative:
        "Essex monitors how many stalking and harassment investigations are marked for referral to victim support and acts where numbers are low.",
      evidence: [{ kind: "data", description: "Monitoring of referrals to victim support" }],
    }),
    ...answer(["16"], {
      status: "partial",
      statusWording: "well embedded and working well",
      narrative:
        "MARAC arrangements run in Southend, Essex and Thurrock and are, Essex says, well embedded and working well. A Home Office funded stalking perpetrator service takes referrals from the Essex Stalking Intervention Panel, chaired by the force stalking and harassment lead, which brings together police, victim and perpetrator services, probation and MARAC leads. The answer describes joint working that exists; it does not say that Essex and the commissioner have reviewed commissioning arrangements or changed them, which is what the recommendation asks.",
      evidence: [
        { kind: "partnership", description: "MARAC in Southend, Essex and Thurrock" },
        { kind: "partnership", description: "Essex Stalking Intervention Panel and perpetrator service" },
      ],
    }),
    ...answer(["17"], {
      status: "complete",
      statusWording: "fully compliant",
      narrative: "Essex states it fully meets this recommendation.",
    }),
    ...answer(["18.1"], {
      status: "complete",
      narrative:
        "Dedicated domestic abuse teams investigate high and medium risk stalking; emergency response teams take standard risk cases, and all response officers had refreshed stalking training.",
      evidence: [
        { kind: "training", description: "Stalking refresher in response officers' professional development" },
      ],
    }),
    ...answer(["18.2"], {
      ...auditGap,
      status: "partial",
      narrative:
        "A system exists to make sure lines of enquiry are followed, with supervisors, intranet resources and stalking points of contact to support officers, but an internal audit found this is not always done.",
    }),
    ...answer(["18.3"], {
      ...auditGap,
      status: "partial",
      narrative: "There are good examples of arrest and search powers being used, but an internal audit found gaps.",
    }),
    ...answer(["18.4"], {
      ...auditGap,
      status: "partial",
      narrative:
        "Some statements evidence the impact on victims well, but an internal audit found this is not consistent.",
    }),
    ...answer(["20.1"], {
      status: "partial",
      narrative:
        "The stalking problem profile covers scale and nature, but Essex says its understanding of online stalking is limited and it is acting on this.",
      actions: [
        { description: "Improve the problem profile's understanding of online stalking", status: "in-progress" },
      ],
      evidence: [{ kind: "document", description: "Stalking problem profile" }],
    }),
    ...answer(["20.2", "20.3"], {
      status: "complete",
      narrative:
        "Local training and guidance include online stalking examples; the Prevent and Protect cyber team's training has been delivered, including to response officers, and online safety advice is on the intranet.",
      evidence: [
        { kind: "training", description: "Prevent and Protect cyber team training packages" },
        { kind: "document", description: "Online safety advice on the force intranet" },
      ],
    }),
    ...answer(["20.4"], {
      status: "partial",
      narrative:
        "Essex names one measure: GPS tags as a positive requirement of SPOs. It does not describe digital safeguarding tools for victims.",
      evidence: [{ kind: "other", description: "GPS tags as SPO positive requirements" }],
    }),
    ...answer(["22"], {
      status: "complete",
      statusWording: "compliant",
      narrative: "Essex states it meets this recommendation.",
    }),
    ...answer(["23", "23.1"], {
      status: "partial",
      narrative:
        "A supervisor screens crimes and can, for example, reclassify harassment as stalking, but screening does not yet cover other course-of-conduct crimes; Essex says it is working quickly on this.",
      actions: [
        { description: "Extend supervisor screening to other course-of-conduct crimes", status: "in-progress" },
      ],
      evidence: [{ kind: "process", description: "Supervisor screening of crimes" }],
    }),
    ...answer(["25.1", "25.3"], {
      status: "complete",
      narrative:
        "Victim support for domestic and non-domestic stalking is commissioned, as is a perpetrator behaviour-change service with a parallel victim worker. A monthly stalking intervention panel reviews high-risk cases, considering an SPO each time; a monthly working group and a quarterly domestic abuse board bring partners together; a domestic abuse problem-solving team inspector attends MAPPA when a relevant offender is discussed.",
      evidence: [
        { kind: "partnership", description: "Commissioned victim and perpetrator services" },
        { kind: "partnership", description: "Essex Stalking Intervention Panel (monthly) and Stalking Working Group" },
        { kind: "partnership", description: "Domestic abuse problem-solving team attendance at MAPPA" },
      ],
    }),
    ...answer(["25.2"], {
      status: "partial",
      narrative:
        "Essex answered 25.1 to 25.3 together and describes partnerships within the county; it does not say whether it has considered working with other forces.",
    }),
    ...answer(["27"], {
      status: "complete",
      statusWording: "completed",
      narrative: "Essex reports this done.",
    }),
    ...answer(["28.1"], {
      status: "complete",
      statusWording: "completed",
      narrative: "Essex reports the plan published and the link sent to the NPCC.",
      evidence: [{ kind: "document", description: "This action plan", reference: essexPlanSource.url }],
    }),
    ...answer(["28.2"], {
      status: "complete",
      statusWording: "will be tracked and delivered as per the completion date",
      narrative:
        "The plan said Essex would send the NPCC its six-month progress update by the deadline. The NPCC's progress report says every force sent its update in March 2025; Essex's own update has not been published.",
      actions: [
        { description: "Send the six-month progress update to the NPCC", due: "2025-03-27", status: "complete" },
      ],
      evidence: [
        {
          kind: "document",
          description: "NPCC progress report, built from every force's March 2025 six-month update",
          reference: npccProgressReport.url,
        },
      ],
      updates: [
        {
          date: "2025-08-01",
          status: "complete",
          note: "The NPCC's progress report says each force provided a six-month update to its action plan in March 2025 and that these updates are the basis of the report. It does not give Essex's update or its exact date.",
          source: npccProgressReport,
        },
      ],
    }),
  ],
  notes: [
    {
      about: "addressees",
      note: "The page lists the College of Policing and the IOPC among the agencies given recommendations. They investigated the super-complaint with HMICFRS and are not addressees; they only receive responses under recommendation 27.",
    },
    {
      about: "28.1",
      note: "The page gives the 28.1 deadline as 22 November 2025. Fifty-six days after publication is 22 November 2024.",
    },
    {
      about: "13.1",
      note: "The page's count of response officers trained is garbled ('1,1000'), so no number is recorded here.",
    },
    {
      about: "updates",
      note: "Essex has not published its March 2025 six-month update. The one dated update here (28.2) is taken from the NPCC's progress report of 1 August 2025 and carries that report's date; nothing else in this plan is updated from it.",
    },
    {
      about: "published",
      note: "The page carries no publication date. It marks 28.1 (publish by 22 November 2024) as completed, which suggests it was published by then; that is not confirmed.",
    },
  ],
};
