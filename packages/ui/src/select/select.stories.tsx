import type { Meta, StoryObj } from "@storybook/react-vite";
import { Select } from "./select";

const meta = {
  title: "Foundations/Select",
  component: Select,
  args: {
    label: "Sort recommendations by",
    name: "sort",
    items: [
      { value: "number", text: "Recommendation number" },
      { value: "due", text: "Due date" },
      { value: "status", text: "Status" },
    ],
  },
} satisfies Meta<typeof Select>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithHint: Story = { args: { hint: "The list updates when you choose" } };
export const Error: Story = { args: { errorMessage: "Choose how to sort the recommendations" } };
export const Empty: Story = { args: { items: [{ value: "", text: "No options available", disabled: true }] } };
