import type { Meta, StoryObj } from "@storybook/react-vite";
import { Panel } from "./panel";

const meta = {
  title: "Foundations/Panel",
  component: Panel,
  args: {
    title: "Module completed",
    children: (
      <>
        Your certificate number
        <br />
        <strong>CERT-2026-0042</strong>
      </>
    ),
  },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Confirmation: Story = {};
export const TitleOnly: Story = { args: { children: undefined, title: "Screening saved" } };
export const LongTitle: Story = {
  args: { title: "Understanding stalking and the police response: all six modules completed" },
};
