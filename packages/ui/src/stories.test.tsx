import { composeStories } from "@storybook/react-vite";
import { render } from "@testing-library/react";
import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./test-utils/axe";

type StoryModule = Parameters<typeof composeStories>[0];

// Every story is also an accessibility test: a new story is covered the moment it is written.
const modules = import.meta.glob<StoryModule>("./**/*.stories.tsx", { eager: true });
const stories = Object.entries(modules).flatMap(([file, module]) =>
  Object.entries(composeStories(module) as Record<string, ComponentType>).map(([name, Story]) => ({
    id: `${file} › ${name}`,
    Story,
  })),
);

describe("stories", () => {
  it("finds the story files", () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
  });

  it.each(stories)("$id renders with no axe violations", async ({ Story }) => {
    const { container } = render(<Story />);
    expect(container.firstElementChild).not.toBeNull();
    await expectNoAxeViolations(container);
  });
});
