import type { Meta, StoryObj } from "@storybook/react-vite";
import { Details } from "./details";

const meta = {
  title: "Foundations/Details",
  component: Details,
  args: {
    summary: "What counts as fixation?",
    children:
      "Fixation is persistent, obsessive thinking about the victim. Officers may hear it described as the suspect being unable to let go.",
  },
} satisfies Meta<typeof Details>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {};
export const Open: Story = { args: { open: true } };
