// Plain constants with no zod in them, in a module of their own, so an app that imports only these (a
// theme filter, say) does not also bundle the schemas and the dataset.

/**
 * The bodies the report addressed recommendations to.
 *
 * The College of Policing and the IOPC are deliberately absent: they investigated the
 * super-complaint with HMICFRS and only receive responses (recommendation 27).
 */
export const addressees = [
  "home-office",
  "npcc",
  "npcc-stalking-lead",
  "chief-constables",
  "pccs",
  "apcc",
  "ministry-of-justice",
  "cps",
] as const;

/** A body the report addressed recommendations to. */
type AddresseeId = (typeof addressees)[number];

/** Display names for each {@link Addressee}. */
export const addresseeNames: Readonly<Record<AddresseeId, string>> = {
  "home-office": "Home Office",
  npcc: "National Police Chiefs' Council (NPCC)",
  "npcc-stalking-lead": "NPCC lead for stalking and harassment",
  "chief-constables": "Chief constables",
  pccs: "Police and crime commissioners (and mayor equivalents)",
  apcc: "Association of Police and Crime Commissioners (APCC)",
  "ministry-of-justice": "Ministry of Justice",
  cps: "Crown Prosecution Service (CPS)",
};

/** The themes recommendations are grouped by, so training and plans can be filtered by topic. */
export const themes = [
  "crime-recording",
  "training",
  "demand",
  "risk",
  "spo",
  "victims",
  "commissioning",
  "allocation",
  "investigation",
  "online",
  "dedicated-roles",
  "screening",
  "multi-agency",
  "governance",
] as const;

/** A topic a recommendation belongs to. */
type ThemeId = (typeof themes)[number];

/** Display names for each {@link Theme}. */
export const themeNames: Readonly<Record<ThemeId, string>> = {
  "crime-recording": "Crime recording",
  training: "Training",
  demand: "Understanding demand",
  risk: "Risk",
  spo: "Stalking protection orders",
  victims: "Victims",
  commissioning: "Commissioning",
  allocation: "Case allocation",
  investigation: "Investigation",
  online: "Online stalking",
  "dedicated-roles": "Dedicated roles",
  screening: "Screening",
  "multi-agency": "Multi-agency working",
  governance: "Governance",
};
