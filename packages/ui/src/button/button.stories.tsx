import type { Meta, StoryObj } from "@storybook/react-vite";
import { Button, ButtonLink } from "./button";

const meta = {
  title: "Foundations/Button",
  component: Button,
  args: { children: "Save and continue" },
} satisfies Meta<typeof Button>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = {};
export const Secondary: Story = { args: { variant: "secondary", children: "Add another action" } };
export const Warning: Story = { args: { variant: "warning", children: "Delete action plan" } };
export const Disabled: Story = { args: { disabled: true, children: "Submit (complete all sections first)" } };
export const LongLabel: Story = {
  args: { children: "Save this action plan update and return to the list of recommendations for your force" },
};
export const StartLink: Story = {
  render: () => (
    <ButtonLink href="#screening" isStartButton>
      Start screening
    </ButtonLink>
  ),
};
export const Group: Story = {
  render: () => (
    <div className="govuk-button-group">
      <Button>Save and continue</Button>
      <Button variant="secondary" type="button">
        Save as draft
      </Button>
    </div>
  ),
};
