import type { StorybookConfig } from "@storybook/react-vite";
import { defaultClientConditions, mergeConfig } from "vite";

const config: StorybookConfig = {
  stories: ["../src/**/*.stories.tsx"],
  addons: ["@storybook/addon-a11y"],
  framework: { name: "@storybook/react-vite", options: {} },
  core: { disableTelemetry: true },
  // Workspace siblings resolve to their TypeScript source, so Storybook never needs a build first.
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, { resolve: { conditions: ["@stalking-response/source", ...defaultClientConditions] } }),
};

export default config;
