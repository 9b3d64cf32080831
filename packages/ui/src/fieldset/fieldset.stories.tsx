import type { Meta, StoryObj } from "@storybook/react-vite";
import { TextInput } from "../text-input/text-input";
import { Fieldset } from "./fieldset";

const meta = {
  title: "Foundations/Fieldset",
  component: Fieldset,
  args: {
    legend: "Where did the incident happen?",
    legendClassName: "govuk-fieldset__legend--l",
    legendIsPageHeading: true,
    children: (
      <>
        <TextInput label="Address line 1" name="address-1" autoComplete="address-line1" />
        <TextInput
          label="Town or city"
          name="town"
          className="govuk-!-width-two-thirds"
          autoComplete="address-level2"
        />
        <TextInput label="Postcode" name="postcode" className="govuk-input--width-10" autoComplete="postal-code" />
      </>
    ),
  },
} satisfies Meta<typeof Fieldset>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Address: Story = {};
export const SmallLegend: Story = {
  args: { legendClassName: "govuk-fieldset__legend--s", legendIsPageHeading: false },
};
