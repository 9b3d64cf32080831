import type { Meta, StoryObj } from "@storybook/react-vite";
import { TextInput } from "../text-input/text-input";
import { ErrorSummary } from "./error-summary";

const meta = {
  title: "Foundations/ErrorSummary",
  component: ErrorSummary,
  // Stories render side by side in docs; only a real page should move focus.
  args: { disableAutoFocus: true },
} satisfies Meta<typeof ErrorSummary>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithLinks: Story = {
  render: (args) => (
    <>
      <ErrorSummary
        {...args}
        errors={[
          { text: "Enter the crime reference number", href: "#crn" },
          { text: "Enter the date of the first incident", href: "#first-day" },
        ]}
      />
      <TextInput label="Crime reference number" name="crn" errorMessage="Enter the crime reference number" />
    </>
  ),
};
export const WithoutLinks: Story = {
  args: { errors: [{ text: "Your session has ended. Sign in again to continue." }] },
};
export const DescriptionOnly: Story = {
  args: { description: "The action plan could not be saved. Try again in a few minutes." },
};
