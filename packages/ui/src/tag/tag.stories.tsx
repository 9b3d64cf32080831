import type { Meta, StoryObj } from "@storybook/react-vite";
import { Tag } from "./tag";

const meta = { title: "Foundations/Tag", component: Tag, args: { children: "Not started" } } satisfies Meta<typeof Tag>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Statuses: Story = {
  render: () => (
    <p className="govuk-body">
      <Tag colour="grey">Not started</Tag> <Tag colour="blue">In progress</Tag> <Tag colour="green">Completed</Tag>{" "}
      <Tag colour="red">Overdue</Tag> <Tag colour="yellow">Due soon</Tag>
    </p>
  ),
};
export const LongText: Story = { args: { colour: "purple", children: "Awaiting evidence from partner agency" } };
