import type { AnswerValue, Answers, Question } from "@stalking-response/risk-screening";
import { Checkboxes } from "../checkboxes/checkboxes";
import { DateInput, type DateInputValue } from "../date-input/date-input";
import { Radios } from "../radios/radios";
import { TextInput } from "../text-input/text-input";
import { Textarea } from "../textarea/textarea";

/** What a field holds while the user types: text stays text until the page is sent. */
export type Draft = string | readonly string[] | DateInputValue;

/** Drafts keyed by question id. */
export type Drafts = Readonly<Record<string, Draft>>;

/** The id of a question's first control, which error summary links point at. */
export const fieldId = (question: Pick<Question, "id" | "kind">): string =>
  question.kind === "date" ? `screening-${question.id}-day` : `screening-${question.id}`;

const yesNo = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];
const yesNoNotKnown = [...yesNo, { value: "notKnown", label: "Not known" }];

const isListDraft = (draft: Draft): draft is readonly string[] => Array.isArray(draft);

const isDateDraft = (draft: Draft | undefined): draft is DateInputValue =>
  typeof draft === "object" && draft !== null && !Array.isArray(draft) && "day" in draft;

/** The draft a saved answer starts from, so going back shows what was entered. */
export function draftOf(question: Question, value: AnswerValue | undefined): Draft | undefined {
  if (value === undefined) return undefined;
  if (question.kind === "date" && typeof value === "string") {
    const [year = "", month = "", day = ""] = value.split("-");
    return { day: day.replace(/^0/, ""), month: month.replace(/^0/, ""), year };
  }
  if (typeof value === "number") return String(value);
  return value;
}

/**
 * The answer a draft sends. Numbers and dates that do not parse are sent as typed, so the
 * machine (the one place answers are validated) rejects them with its own message.
 */
export function answerOf(question: Question, draft: Draft | undefined): AnswerValue | undefined {
  if (draft === undefined) return undefined;
  if (isDateDraft(draft)) {
    const { day, month, year } = { day: draft.day.trim(), month: draft.month.trim(), year: draft.year.trim() };
    if (day === "" && month === "" && year === "") return undefined;
    const pad = (part: string) => (/^\d$/.test(part) ? `0${part}` : part);
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  if (isListDraft(draft)) return draft.length === 0 ? undefined : [...draft];
  const text = draft;
  if (question.kind === "number") return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text.trim() || undefined;
  if (question.kind === "text") return text.trim() === "" ? undefined : text;
  return text === "" ? undefined : text;
}

/** Whether a question shows: one with `requiredWhen` appears only once its trigger answer is given. */
export function isShown(question: Question, drafts: Drafts): boolean {
  const trigger = question.requiredWhen;
  if (!trigger) return true;
  const other = drafts[trigger.question];
  return typeof other === "string" && trigger.in.includes(other);
}

/** The answers a page sends: every shown question the user answered. */
export function answersOf(questions: readonly Question[], drafts: Drafts): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) {
    if (!isShown(question, drafts)) continue;
    const value = answerOf(question, drafts[question.id]);
    if (value !== undefined) answers[question.id] = value;
  }
  return answers;
}

interface QuestionFieldProps {
  readonly question: Question;
  readonly draft: Draft | undefined;
  readonly onChange: (draft: Draft) => void;
  readonly errorMessage?: string | undefined;
  /** The page's only question doubles as its heading (GOV.UK: one thing per page). */
  readonly isPageHeading?: boolean | undefined;
}

/** One screening question in the GOV.UK pattern for its kind of answer. */
export function QuestionField({ question, draft, onChange, errorMessage, isPageHeading = false }: QuestionFieldProps) {
  const id = fieldId(question);
  const common = { hint: question.hint, errorMessage };
  // Choices and dates ask the question in a legend, single controls in a label.
  const legended = {
    ...common,
    legend: question.prompt,
    legendClassName: isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--m",
    legendIsPageHeading: isPageHeading,
  };
  const choices = { ...legended, name: id, idPrefix: id };
  const labelled = {
    ...common,
    id,
    name: id,
    label: question.prompt,
    labelClassName: isPageHeading ? "govuk-label--l" : "govuk-label--m",
    labelIsPageHeading: isPageHeading,
  };
  const text = typeof draft === "string" ? draft : "";
  switch (question.kind) {
    case "yesNo":
    case "yesNoNotKnown":
    case "singleChoice": {
      const items =
        question.kind === "yesNo"
          ? yesNo
          : question.kind === "yesNoNotKnown"
            ? yesNoNotKnown
            : (question.options ?? []).map((option) => ({
                value: option.value,
                label: option.label,
                hint: option.hint,
              }));
      return (
        <Radios
          {...choices}
          items={items}
          value={typeof draft === "string" ? draft : null}
          onChange={(value) => onChange(value)}
        />
      );
    }
    case "multipleChoice": {
      const options = question.options ?? [];
      const items = options.flatMap((option, index) => {
        const item = { value: option.value, label: option.label, hint: option.hint, exclusive: option.exclusive };
        // GOV.UK puts "or" between the options and a "None of these" that clears them.
        return option.exclusive === true && index > 0 ? [{ divider: "or" }, item] : [item];
      });
      return (
        <Checkboxes
          {...choices}
          items={items}
          value={Array.isArray(draft) ? draft : []}
          onChange={(values) => onChange(values)}
        />
      );
    }
    case "date":
      return (
        <DateInput
          {...legended}
          id={`screening-${question.id}`}
          namePrefix={`screening-${question.id}`}
          value={isDateDraft(draft) ? draft : { day: "", month: "", year: "" }}
          onChange={(value) => onChange(value)}
        />
      );
    case "number":
      return (
        <TextInput
          {...labelled}
          className="govuk-input--width-4"
          inputMode="numeric"
          spellCheck={false}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case "text":
      return <Textarea {...labelled} value={text} onChange={(event) => onChange(event.target.value)} />;
  }
}
