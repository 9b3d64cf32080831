import type { Meta, StoryObj } from "@storybook/react-vite";
import { PhaseBanner } from "./phase-banner";

const meta = {
  title: "Foundations/PhaseBanner",
  component: PhaseBanner,
  args: {
    tag: "Beta",
    children: (
      <>
        This is a new service. Your{" "}
        <a className="govuk-link" href="#feedback">
          feedback
        </a>{" "}
        will help us to improve it.
      </>
    ),
  },
} satisfies Meta<typeof PhaseBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Beta: Story = {};
export const Alpha: Story = { args: { tag: "Alpha" } };
