import { overdueLabel, trainingStatusLabels, type TrainingStatus } from "@stalking-response/curriculum";
import { Tag, type TagColour } from "../tag/tag";

/** GOV.UK tag colour per training status; the words always carry the meaning, never the colour alone. */
export const trainingStatusColours: Readonly<Record<TrainingStatus, TagColour>> = {
  "not-started": "grey",
  "in-progress": "light-blue",
  completed: "green",
  "due-for-renewal": "yellow",
  expired: "red",
};

/** Props for {@link StatusTag}. */
export interface StatusTagProps {
  /** Where the learner stands on the module (the curriculum's `trainingStatus`). */
  readonly status: TrainingStatus;
  /** An assigned module past its due date (the curriculum's `isOverdue`): a red "Overdue" tag follows. */
  readonly overdue?: boolean | undefined;
}

/**
 * A learner's status on a module as a GOV.UK tag, in the curriculum's words, with a second "Overdue" tag
 * when the module is assigned and past its due date.
 *
 * @example
 * <StatusTag status="expired" overdue />
 */
export function StatusTag({ status, overdue = false }: StatusTagProps) {
  return (
    <>
      <Tag colour={trainingStatusColours[status]}>{trainingStatusLabels[status]}</Tag>
      {overdue ? (
        <>
          {" "}
          <Tag colour="red">{overdueLabel}</Tag>
        </>
      ) : null}
    </>
  );
}
