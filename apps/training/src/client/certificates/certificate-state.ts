import type { TagColour } from "@stalking-response/ui";
import type { CertificateState } from "../../shared/api";

/** How each state reads on a tag, and what it means for whoever holds the paper. */
export const certificateStates: Record<CertificateState, { label: string; colour: TagColour; meaning: string }> = {
  valid: { label: "Valid", colour: "green", meaning: "This certificate counts until its valid-until date." },
  expired: {
    label: "Expired",
    colour: "grey",
    meaning:
      "This certificate no longer counts: its valid-until date has passed. The holder must pass the module again.",
  },
  superseded: {
    label: "Replaced",
    colour: "blue",
    meaning: "The holder has passed this module again since, so a newer certificate counts instead of this one.",
  },
  revoked: {
    label: "Withdrawn",
    colour: "red",
    meaning: "The force has withdrawn this certificate. It does not count. Ask the force's training team why.",
  },
};
