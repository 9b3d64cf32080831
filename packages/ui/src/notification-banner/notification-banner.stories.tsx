import type { Meta, StoryObj } from "@storybook/react-vite";
import { NotificationBanner } from "./notification-banner";

const meta = {
  title: "Foundations/NotificationBanner",
  component: NotificationBanner,
  args: { heading: "Training records for March are being updated. Completion figures may change." },
} satisfies Meta<typeof NotificationBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Important: Story = {};
export const Success: Story = {
  args: { type: "success", heading: "Action plan updated", disableAutoFocus: true },
};
export const WithContent: Story = {
  args: {
    heading: "3 recommendations are overdue",
    children: (
      <p className="govuk-body">
        <a className="govuk-notification-banner__link" href="#overdue">
          View overdue recommendations
        </a>
      </p>
    ),
  },
};
