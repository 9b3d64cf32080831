import type { Meta, StoryObj } from "@storybook/react-vite";
import { InsetText } from "./inset-text";

const meta = {
  title: "Foundations/InsetText",
  component: InsetText,
  args: { children: "Recommendation wording is shown as published. Check the source before quoting it." },
} satisfies Meta<typeof InsetText>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const LongContent: Story = {
  args: {
    children: (
      <>
        <p>Stalking is a pattern of fixated, obsessive, unwanted and repeated behaviour.</p>
        <p>Recording the right offence matters: it decides the safeguarding a victim is offered.</p>
      </>
    ),
  },
};
