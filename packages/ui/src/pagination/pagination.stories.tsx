import type { Meta, StoryObj } from "@storybook/react-vite";
import { Pagination } from "./pagination";

const meta = {
  title: "Foundations/Pagination",
  component: Pagination,
  args: {
    previous: { href: "#page-1" },
    next: { href: "#page-3" },
    items: [
      { number: 1, href: "#page-1" },
      { number: 2, href: "#page-2", current: true },
      { number: 3, href: "#page-3" },
      { ellipsis: true },
      { number: 40, href: "#page-40" },
    ],
  },
} satisfies Meta<typeof Pagination>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Numbered: Story = {};
export const FirstPage: Story = {
  args: {
    previous: undefined,
    items: [
      { number: 1, href: "#page-1", current: true },
      { number: 2, href: "#page-2" },
    ],
  },
};
export const Lessons: Story = {
  args: {
    landmarkLabel: "Lessons",
    items: [],
    previous: { href: "#lesson-1", labelText: "Lesson 1: What stalking is" },
    next: { href: "#lesson-3", labelText: "Lesson 3: Recording stalking offences under section 2A and 4A" },
  },
};
