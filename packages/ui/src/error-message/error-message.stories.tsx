import type { Meta, StoryObj } from "@storybook/react-vite";
import { ErrorMessage } from "./error-message";

const meta = {
  title: "Foundations/ErrorMessage",
  component: ErrorMessage,
  args: { children: "Enter the date of the first incident" },
} satisfies Meta<typeof ErrorMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const LongMessage: Story = {
  args: {
    children:
      "The date of the first incident must be the same as or before the date the victim first reported the behaviour to the police",
  },
};
