import { course, type Module } from "@stalking-response/curriculum";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { ModuleProgress } from "./module-progress";

const module = course.modules[0] as Module;
const allLessons = module.lessons.map((lesson) => lesson.id);

const meta = {
  title: "Domain/ModuleProgress",
  component: ModuleProgress,
  args: {
    module,
    completedLessonIds: [],
    knowledgeCheck: { status: "cannot-start-yet" },
    getLessonHref: (lesson) => `#${lesson.id}`,
  },
} satisfies Meta<typeof ModuleProgress>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NotStarted: Story = {};
export const PartWay: Story = { args: { completedLessonIds: allLessons.slice(0, 1) } };
export const ReadyForKnowledgeCheck: Story = {
  args: { completedLessonIds: allLessons, knowledgeCheck: { status: "not-started", href: "#check" } },
};
export const NotPassed: Story = {
  args: { completedLessonIds: allLessons, knowledgeCheck: { status: "not-passed", percent: 60, href: "#check" } },
};
export const Passed: Story = {
  args: { completedLessonIds: allLessons, knowledgeCheck: { status: "passed", percent: 90 } },
};
