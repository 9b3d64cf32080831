import { Tag, type TagColour } from "@stalking-response/ui";
import type { TrainingStatus } from "../../shared/api";

/** Words and colour for each status; the words always carry the meaning, never the colour alone. */
const statusTags: Record<TrainingStatus, { text: string; colour: TagColour }> = {
  "not-started": { text: "Not started", colour: "grey" },
  "in-progress": { text: "In progress", colour: "light-blue" },
  completed: { text: "Completed", colour: "green" },
  "due-for-renewal": { text: "Due for renewal", colour: "yellow" },
  expired: { text: "Expired", colour: "red" },
};

/** A learner's status on a module, as a GOV.UK tag. */
export function StatusTag({ status }: { status: TrainingStatus }) {
  const { text, colour } = statusTags[status];
  return <Tag colour={colour}>{text}</Tag>;
}
