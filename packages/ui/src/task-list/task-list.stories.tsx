import type { Meta, StoryObj } from "@storybook/react-vite";
import { Tag } from "../tag/tag";
import { TaskList } from "./task-list";

const meta = {
  title: "Foundations/TaskList",
  component: TaskList,
  args: {
    items: [
      { title: "Module 1: What stalking is", href: "#m1", status: "Completed" },
      {
        title: "Module 2: Recording stalking",
        href: "#m2",
        hint: "About 20 minutes",
        status: <Tag colour="blue">In progress</Tag>,
      },
      { title: "Module 3: Risk screening", href: "#m3", status: <Tag colour="grey">Not started</Tag> },
      {
        title: "Module 4: Protective orders",
        hint: "Complete module 3 first",
        status: "Cannot start yet",
        statusClassName: "govuk-task-list__status--cannot-start-yet",
      },
    ],
  },
} satisfies Meta<typeof TaskList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Modules: Story = {};
export const Empty: Story = { args: { items: [] } };
