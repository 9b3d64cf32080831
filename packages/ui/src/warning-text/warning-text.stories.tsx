import type { Meta, StoryObj } from "@storybook/react-vite";
import { WarningText } from "./warning-text";

const meta = {
  title: "Foundations/WarningText",
  component: WarningText,
  args: { children: "This screening is an example for training. It is not an official risk assessment tool." },
} satisfies Meta<typeof WarningText>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Short: Story = { args: { children: "Call 999 in an emergency." } };
