import type { Options } from "tsup";
import { defineLibraryConfig } from "@stalking-response/tooling/tsup";

// The player is bundled by Vite after the library because tsup cleans dist/ first. `shims` gives the CJS build
// an `import.meta.url`, which is how the exporter finds dist/player/ from either format.
const config: Options = {
  ...defineLibraryConfig({
    entry: { index: "src/index.ts", cli: "src/cli.ts" },
    onSuccess: "vite build --config vite.player.config.ts",
  }),
  shims: true,
};
export default config;
