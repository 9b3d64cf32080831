import type { Options } from "tsup";
import { defineModularLibraryConfig } from "@stalking-response/tooling/tsup";

// One ESM file per component so an app's bundler keeps only the components it imports. The screening
// wizard has its own entry because it alone needs xstate and @xstate/react. The stylesheet is compiled
// after the JS.
const config: Options[] = defineModularLibraryConfig({
  entry: { index: "src/index.ts", screening: "src/screening.ts" },
  onSuccess: "sass --no-source-map --style=compressed src/styles/ui.scss dist/ui.css",
});
export default config;
