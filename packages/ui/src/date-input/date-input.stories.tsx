import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import type { DateInputValue } from "./date-input";
import { DateInput } from "./date-input";

const meta = {
  title: "Foundations/DateInput",
  component: DateInput,
  args: { id: "first-incident", legend: "When did the first incident happen?", hint: "For example, 27 3 2024" },
} satisfies Meta<typeof DateInput>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Error: Story = {
  args: { errorMessage: "The date of the first incident must include a year", errorParts: ["year"] },
};
export const WholeDateError: Story = { args: { errorMessage: "Enter the date of the first incident" } };
export const MonthAndYear: Story = {
  args: {
    id: "order-expiry",
    legend: "When does the order expire?",
    hint: "For example, 11 2026",
    parts: ["month", "year"],
  },
};
function ControlledDate() {
  const [date, setDate] = useState<DateInputValue>({ day: "3", month: "11", year: "2025" });
  return (
    <DateInput
      id="report"
      legend="When was it reported?"
      legendClassName="govuk-fieldset__legend--l"
      legendIsPageHeading
      value={date}
      onChange={setDate}
    />
  );
}
export const Controlled: Story = { render: () => <ControlledDate /> };
