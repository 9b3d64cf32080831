import { TrainingStatusSchema } from "@stalking-response/curriculum";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { StatusTag } from "./status-tag";

const meta = {
  title: "Domain/StatusTag",
  component: StatusTag,
  args: { status: "in-progress", overdue: false },
} satisfies Meta<typeof StatusTag>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Overdue: Story = { args: { status: "expired", overdue: true } };
export const EveryStatus: Story = {
  render: () => (
    <ul className="govuk-list">
      {TrainingStatusSchema.options.map((status) => (
        <li key={status}>
          <StatusTag status={status} /> <StatusTag status={status} overdue />
        </li>
      ))}
    </ul>
  ),
};
