import type { Meta, StoryObj } from "@storybook/react-vite";
import { Footer } from "./footer";

const meta = {
  title: "Foundations/Footer",
  component: Footer,
  parameters: { layout: "fullscreen" },
  args: {
    links: [
      { href: "#accessibility", text: "Accessibility statement" },
      { href: "#privacy", text: "Privacy" },
      { href: "#contact", text: "Contact" },
    ],
    copyright: "© College of Policing",
  },
} satisfies Meta<typeof Footer>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithLicence: Story = {
  args: { contentLicence: "Training content is owned by the College of Policing. Examples are fictional." },
};
export const Empty: Story = { args: { links: [], copyright: undefined } };
