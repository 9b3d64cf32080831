import type { Preview } from "@storybook/react-vite";
import "../src/styles/ui.scss";

// GOV.UK Frontend styles some states (e.g. the header menu toggle) only when scripts run;
// our components provide that behaviour in React, so the page declares it up front.
document.body.classList.add("govuk-template__body", "govuk-frontend-supported");

const preview: Preview = {
  parameters: {
    // Any axe violation fails the story in Storybook's test runs, matching src/stories.test.tsx.
    a11y: { test: "error" },
    layout: "padded",
  },
};

export default preview;
