import type { Meta, StoryObj } from "@storybook/react-vite";
import { Certificate } from "./certificate";

const meta = {
  title: "Domain/Certificate",
  component: Certificate,
  args: {
    learnerName: "Asha Patel",
    courseTitle: "Stalking: identification and first response",
    completedOn: "2026-11-27",
    issuer: "Essex Police",
    verificationId: "SRT-7F3K-92QD",
    verificationUrl: "https://training.example.org/verify",
  },
} satisfies Meta<typeof Certificate>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const WithModules: Story = {
  args: {
    modules: [
      "Identifying stalking",
      "The law on stalking and harassment",
      "Risk screening",
      "Safeguarding and referral",
    ],
  },
};

export const WithoutVerificationAddress: Story = { args: { verificationUrl: undefined } };

export const LongContent: Story = {
  args: {
    learnerName: "Detective Constable Alexandra Catherine Montgomery-Fitzwilliam",
    courseTitle:
      "Stalking and harassment: identification, first response, risk screening, safeguarding and investigation for frontline officers and staff",
    issuer: "The Chief Constable of a Police Force with an Unusually Long Name",
    verificationId: "SRT-7F3K-92QD-X81M-4TTB-0Q9Z",
  },
};

export const EmbeddedWithoutPrintButton: Story = { args: { headingLevel: 2, showPrintButton: false } };
