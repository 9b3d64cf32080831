import type { Meta, StoryObj } from "@storybook/react-vite";
import { SkipLink } from "./skip-link";

const meta = {
  title: "Foundations/SkipLink",
  component: SkipLink,
  parameters: { docs: { description: { story: "Press Tab to reveal the link." } } },
  render: (args) => (
    <>
      <SkipLink {...args} />
      <main id="main-content" className="govuk-body">
        Main content
      </main>
    </>
  ),
} satisfies Meta<typeof SkipLink>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Focused: Story = { args: { className: ":focus" } };
