import type { TrainingStatus } from "../../shared/api";

/** Words and tag colour for each status. Status is always written out, never shown by colour alone. */
export const statusTag: Record<TrainingStatus, { text: string; colour: string | null }> = {
  "not-started": { text: "Not started", colour: "grey" },
  "in-progress": { text: "In progress", colour: "light-blue" },
  completed: { text: "Completed", colour: "green" },
  "due-for-renewal": { text: "Due for renewal", colour: "yellow" },
  expired: { text: "Expired", colour: "red" },
};
