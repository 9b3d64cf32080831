import type { Meta, StoryObj } from "@storybook/react-vite";
import { BackLink } from "./back-link";

const meta = { title: "Foundations/BackLink", component: BackLink, args: { href: "#previous" } } satisfies Meta<
  typeof BackLink
>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const CustomText: Story = { args: { children: "Back to all modules" } };
export const Inverse: Story = {
  args: { className: "govuk-back-link--inverse" },
  decorators: [
    (Story) => (
      <div style={{ background: "#1d70b8", padding: "10px" }}>
        <Story />
      </div>
    ),
  ],
};
