import "@testing-library/jest-dom/vitest";
import { setProjectAnnotations } from "@storybook/react-vite";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import preview from "../../.storybook/preview";

// Composed stories get the same parameters and globals as in Storybook itself.
setProjectAnnotations([preview]);

// jsdom has no canvas; axe probes it for colour contrast and jsdom logs "not implemented" for
// every probe. Answering null is what a canvas-less browser does, and axe then reports the
// contrast check as incomplete rather than passed.
HTMLCanvasElement.prototype.getContext = () => null;

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(cleanup);
