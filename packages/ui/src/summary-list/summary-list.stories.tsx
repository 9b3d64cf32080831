import type { Meta, StoryObj } from "@storybook/react-vite";
import { SummaryList } from "./summary-list";

const rows = [
  {
    key: "Is the suspect fixated?",
    value: "Yes",
    actions: [{ href: "#q1", text: "Change", visuallyHiddenText: "whether the suspect is fixated" }],
  },
  {
    key: "Has the behaviour escalated?",
    value: "Not known",
    actions: [{ href: "#q2", text: "Change", visuallyHiddenText: "whether the behaviour has escalated" }],
  },
  {
    key: "Behaviours reported",
    value: (
      <ul className="govuk-list">
        <li>Following or loitering</li>
        <li>Unwanted messages or calls</li>
      </ul>
    ),
    actions: [{ href: "#q3", text: "Change", visuallyHiddenText: "behaviours reported" }],
  },
];

const meta = { title: "Foundations/SummaryList", component: SummaryList, args: { rows } } satisfies Meta<
  typeof SummaryList
>;

export default meta;
type Story = StoryObj<typeof meta>;

export const CheckAnswers: Story = {};
export const WithoutActions: Story = {
  args: { rows: rows.map(({ key, value }) => ({ key, value })) },
};
export const Card: Story = {
  args: { card: { title: "Screening answers", actions: [{ href: "#restart", text: "Start again" }] } },
};
export const Empty: Story = { args: { rows: [] } };
