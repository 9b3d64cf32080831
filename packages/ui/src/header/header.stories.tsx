import type { Meta, StoryObj } from "@storybook/react-vite";
import { Header } from "./header";

const meta = {
  title: "Foundations/Header",
  component: Header,
  parameters: { layout: "fullscreen" },
  args: { logo: "Stalking response training", homepageUrl: "#home" },
} satisfies Meta<typeof Header>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithNavigation: Story = {
  args: {
    navigation: [
      { href: "#modules", text: "Modules", current: true },
      { href: "#progress", text: "Your progress" },
      { href: "#sign-out", text: "Sign out" },
    ],
  },
};
export const FullWidth: Story = { args: { fullWidth: true, logo: "Force action plans" } };
export const LongServiceName: Story = {
  args: { logo: "Stalking response training for officers, staff and supervisors in England and Wales" },
};
