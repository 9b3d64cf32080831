import { course, type Block, type Lesson } from "@stalking-response/curriculum";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { LessonView } from "./lesson-view";

const lessons = course.modules.flatMap((module) => module.lessons);
const firstLesson = lessons[0] as Lesson;
const practiceLesson = lessons.find((lesson) => lesson.blocks.some((block) => block.kind === "practice-screening"));
const lawHeavy = [...lessons].sort(
  (a, b) =>
    b.blocks.filter((block) => block.kind === "law").length - a.blocks.filter((block) => block.kind === "law").length,
)[0];
const firstOf = (kind: Block["kind"]) =>
  lessons.flatMap((lesson) => lesson.blocks).find((block) => block.kind === kind);

const meta = {
  title: "Domain/LessonView",
  component: LessonView,
  args: { lesson: firstLesson, sources: course.sources },
} satisfies Meta<typeof LessonView>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FirstLesson: Story = {};

export const WhatTheLawSays: Story = { args: { lesson: lawHeavy ?? firstLesson } };

export const PracticeScreening: Story = {
  args: {
    lesson: practiceLesson ?? firstLesson,
    renderPracticeScreening: (block) => (
      <p className="govuk-body">The host starts the practice screening “{block.scenarioId}” here.</p>
    ),
  },
};

export const CalloutsAndImage: Story = {
  args: {
    lesson: {
      id: "callouts",
      title: "Callouts, warnings and images",
      summary: "Information callouts use inset text; safety-critical points use warning text.",
      blocks: [
        ...[firstOf("callout")].flatMap((block) =>
          block?.kind === "callout"
            ? [
                { ...block, id: "information", variant: "information" as const },
                { ...block, id: "warning", variant: "warning" as const },
              ]
            : [],
        ),
        {
          id: "diagram",
          kind: "image",
          src: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='320' height='80'%3E%3Crect width='320' height='80' fill='%23f3f2f1'/%3E%3C/svg%3E",
          alt: "A placeholder diagram: a plain grey rectangle",
          caption: "Images always carry alt text; captions are optional.",
          sources: [],
        },
      ],
    },
  },
};

export const UnderAPageHeading: Story = { args: { headingLevel: 2 } };
