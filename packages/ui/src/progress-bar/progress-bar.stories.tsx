import type { Meta, StoryObj } from "@storybook/react-vite";
import { ProgressBar } from "./progress-bar";

const meta = {
  title: "Foundations/ProgressBar",
  component: ProgressBar,
  args: { label: "Course progress", value: 3, max: 5, valueText: "3 of 5 modules completed" },
} satisfies Meta<typeof ProgressBar>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Partial: Story = {};
export const NotStarted: Story = { args: { value: 0, valueText: "0 of 5 modules completed" } };
export const Complete: Story = { args: { value: 5, valueText: "All 5 modules completed" } };
export const Percentage: Story = {
  args: { label: "Force action plan delivered", value: 62, max: 100, valueText: undefined },
};
