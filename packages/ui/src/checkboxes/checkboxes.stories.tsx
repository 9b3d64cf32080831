import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { Textarea } from "../textarea/textarea";
import { Checkboxes } from "./checkboxes";

const meta = {
  title: "Foundations/Checkboxes",
  component: Checkboxes,
  args: {
    name: "behaviours",
    legend: "Which behaviours has the victim reported?",
    legendClassName: "govuk-fieldset__legend--m",
    hint: "Select all that apply.",
    items: [
      { value: "following", label: "Following or loitering" },
      { value: "messages", label: "Unwanted messages or calls", hint: "Including on social media" },
      { value: "gifts", label: "Unwanted gifts" },
      { divider: "or" },
      { value: "none", label: "None of these", exclusive: true },
    ],
  },
} satisfies Meta<typeof Checkboxes>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Error: Story = { args: { errorMessage: "Select the behaviours reported, or select none of these" } };
export const Small: Story = { args: { className: "govuk-checkboxes--small" } };
export const SingleWithoutFieldset: Story = {
  args: {
    name: "consent",
    legend: undefined,
    hint: undefined,
    items: [{ value: "yes", label: "The victim consents to a referral to a specialist stalking advocate" }],
  },
};
function ConditionalCheckboxes() {
  const [values, setValues] = useState<readonly string[]>(["other"]);
  return (
    <Checkboxes
      name="other-behaviours"
      legend="Which other behaviours were reported?"
      value={values}
      onChange={setValues}
      items={[
        { value: "damage", label: "Damage to property" },
        {
          value: "other",
          label: "Something else",
          conditional: <Textarea label="Describe the behaviour" name="other-detail" />,
        },
      ]}
    />
  );
}
export const Conditional: Story = { render: () => <ConditionalCheckboxes /> };
