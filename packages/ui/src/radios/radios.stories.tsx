import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { TextInput } from "../text-input/text-input";
import { Radios } from "./radios";

const yesNo = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

const meta = {
  title: "Foundations/Radios",
  component: Radios,
  args: {
    name: "fixated",
    legend: "Is the suspect fixated on the victim?",
    legendClassName: "govuk-fieldset__legend--m",
    items: yesNo,
  },
} satisfies Meta<typeof Radios>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithHints: Story = {
  args: {
    name: "contact",
    legend: "How did the suspect make contact?",
    hint: "Choose the main way. You can add others later.",
    items: [
      { value: "online", label: "Online", hint: "Social media, email, messaging apps" },
      { value: "in-person", label: "In person" },
      { divider: "or" },
      { value: "unknown", label: "Not known" },
    ],
  },
};
export const Inline: Story = { args: { className: "govuk-radios--inline" } };
export const Error: Story = { args: { errorMessage: "Select yes if the suspect is fixated on the victim" } };
export const PageHeading: Story = {
  args: { legendClassName: "govuk-fieldset__legend--l", legendIsPageHeading: true },
};
export const LongOptions: Story = {
  args: {
    name: "escalation",
    legend: "Has the behaviour escalated since it was first reported?",
    items: [
      {
        value: "yes",
        label:
          "Yes, the behaviour has escalated in frequency, severity or both since the first report, for example more frequent contact or new forms of contact such as turning up at the victim's workplace",
      },
      { value: "no", label: "No, the behaviour has stayed the same or reduced since the first report" },
    ],
  },
};
function ConditionalRadios() {
  const [value, setValue] = useState<string | null>("yes");
  return (
    <Radios
      name="breach"
      legend="Has a protective order been breached?"
      value={value}
      onChange={setValue}
      items={[
        {
          value: "yes",
          label: "Yes",
          conditional: (
            <TextInput label="Crime reference number" name="breach-crn" className="govuk-!-width-one-third" />
          ),
        },
        { value: "no", label: "No" },
      ]}
    />
  );
}
export const Conditional: Story = { render: () => <ConditionalRadios /> };
