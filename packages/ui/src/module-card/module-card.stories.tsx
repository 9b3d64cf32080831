import { course, type Module } from "@stalking-response/curriculum";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { ModuleCard } from "./module-card";

const module = course.modules[0] as Module;

const meta = {
  title: "Domain/ModuleCard",
  component: ModuleCard,
  args: { module, href: "#module", status: "not-started", caption: "Module 1 of 5", dueOn: "2027-03-01" },
} satisfies Meta<typeof ModuleCard>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NotStarted: Story = {};
export const InProgress: Story = { args: { status: "in-progress" } };
export const Completed: Story = { args: { status: "completed", passedOn: "2026-11-27", recertifyBy: "2027-11-27" } };
export const Overdue: Story = { args: { status: "overdue", dueOn: "2026-10-01" } };

export const Dashboard: Story = {
  render: () => (
    <>
      {course.modules.map((each, index) => (
        <ModuleCard
          key={each.id}
          module={each}
          href={`#${each.id}`}
          status={index === 0 ? "completed" : index === 1 ? "in-progress" : "not-started"}
          caption={`Module ${index + 1} of ${course.modules.length}`}
        />
      ))}
    </>
  ),
};

export const LongContent: Story = {
  args: {
    module: {
      title:
        "Stalking protection orders: applying for, varying, renewing and enforcing full and interim orders in the magistrates' court",
      summary:
        "When an order is appropriate, who may apply, what the court must be satisfied of, what the order can require or prohibit, how notification requirements work, and what happens when an order is breached. ".repeat(
          2,
        ),
      estimatedMinutes: 25,
    },
  },
};
