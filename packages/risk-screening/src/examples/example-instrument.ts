import type { Instrument } from "../schemas";

/**
 * An EXAMPLE instrument, written in this project's own words from the topics that public sources list
 * for the S-DASH (2009) supplementary stalking questions. It is not S-DASH, not the NPCC Stalking
 * Screening Tool and not any official tool. It has no numeric banding because S-DASH publishes no
 * cut-off. A force must approve it, or load its own licensed instrument, before operational use.
 */
export const exampleStalkingInstrument: Instrument = {
  id: "example-stalking-risk",
  version: "1.0.0",
  title: "Example stalking risk questions (not an official tool)",
  licence:
    "Example written by the Stalking Response Toolkit in its own words from publicly listed S-DASH (2009) topics. " +
    "It is not the S-DASH or any official tool; the S-DASH authors ask that their tool is not reproduced or changed " +
    "without permission. A force must approve an instrument before operational use.",
  example: true,
  context: "stalking",
  questions: [
    {
      id: "fear",
      prompt: "How frightened is the victim?",
      kind: "singleChoice",
      options: [
        { value: "notFrightened", label: "Not frightened" },
        { value: "somewhat", label: "Somewhat frightened" },
        { value: "very", label: "Very frightened", concern: true },
      ],
    },
    {
      id: "priorHarassment",
      prompt: "Has the suspect harassed or stalked this victim, or anyone else, before?",
      kind: "yesNoNotKnown",
    },
    {
      id: "propertyDamage",
      prompt: "Has the suspect damaged or destroyed anything that belongs to the victim?",
      kind: "yesNoNotKnown",
    },
    {
      id: "turnsUp",
      prompt: "Does the suspect keep turning up at the victim's home or workplace?",
      hint: "For example, more than three times a week.",
      kind: "yesNoNotKnown",
    },
    { id: "hangsAround", prompt: "Has the suspect hung around places the victim goes?", kind: "yesNoNotKnown" },
    {
      id: "threatsThisEpisode",
      prompt: "In this episode, has the suspect threatened physical or sexual violence?",
      kind: "yesNoNotKnown",
    },
    {
      id: "thirdParties",
      prompt: "Since this began, has the suspect targeted people around the victim?",
      hint: "For example family, friends, colleagues, a new partner or neighbours.",
      kind: "yesNoNotKnown",
    },
    {
      id: "violenceThisEpisode",
      prompt: "In this episode, has the suspect been violent towards anyone?",
      kind: "yesNoNotKnown",
    },
    {
      id: "othersInvolved",
      prompt: "Has the suspect got other people to help, whether or not they knew what they were doing?",
      kind: "yesNoNotKnown",
    },
    { id: "substanceMisuse", prompt: "Is the suspect known to misuse drugs or alcohol?", kind: "yesNoNotKnown" },
    {
      id: "historyOfViolence",
      prompt: "Is the suspect known to have been violent before?",
      hint: "Include reports and intelligence.",
      kind: "yesNoNotKnown",
    },
  ],
};
