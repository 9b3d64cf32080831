import type { Options } from "tsup";
import { defineLibraryConfig } from "@stalking-response/tooling/tsup";

// The stylesheet is compiled after the JS because tsup cleans dist/ first.
const config: Options = defineLibraryConfig({
  onSuccess: "sass --no-source-map --style=compressed src/styles/ui.scss dist/ui.css",
});
export default config;
