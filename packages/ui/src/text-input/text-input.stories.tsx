import type { Meta, StoryObj } from "@storybook/react-vite";
import { TextInput } from "./text-input";

const meta = {
  title: "Foundations/TextInput",
  component: TextInput,
  args: { label: "Crime reference number", name: "crn", className: "govuk-input--width-20" },
} satisfies Meta<typeof TextInput>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithHint: Story = { args: { hint: "For example, 41/12345/24" } };
export const Error: Story = {
  args: { hint: "For example, 41/12345/24", errorMessage: "Enter the crime reference number" },
};
export const PageHeading: Story = { args: { labelClassName: "govuk-label--l", labelIsPageHeading: true } };
export const PrefixAndSuffix: Story = {
  args: {
    label: "Time spent on the review, in hours",
    name: "review-hours",
    className: "govuk-input--width-5",
    suffix: "hours",
    inputMode: "numeric",
  },
};
export const LongLabel: Story = {
  args: {
    label:
      "Name of the officer in the case who completed the stalking screening questions with the victim at first contact",
    name: "oic",
    className: undefined,
  },
};
