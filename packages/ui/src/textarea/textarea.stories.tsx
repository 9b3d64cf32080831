import type { Meta, StoryObj } from "@storybook/react-vite";
import { Textarea } from "./textarea";

const meta = {
  title: "Foundations/Textarea",
  component: Textarea,
  args: { label: "Describe the behaviour the victim reported", name: "behaviour" },
} satisfies Meta<typeof Textarea>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithHint: Story = { args: { hint: "Include dates, places and how often it happened, if known." } };
export const Error: Story = { args: { errorMessage: "Describe the behaviour the victim reported" } };
export const LongContent: Story = {
  args: {
    rows: 8,
    defaultValue:
      "The victim reports repeated unwanted contact over six months: messages on three social media platforms, " +
      "gifts left at her home address, and the suspect waiting outside her workplace on at least four occasions. " +
      "She has changed her route to work and stopped using one of the platforms.",
  },
};
