import type { Options } from "tsup";
import { defineLibraryConfig } from "@stalking-response/tooling/tsup";

const config: Options = defineLibraryConfig({
  // The JSON export is written after bundling because tsup cleans dist/ first; --check fails a build whose
  // checked-in generated files no longer match the YAML.
  onSuccess: "tsx --conditions=@stalking-response/source build-content.ts --check --json dist/course.json",
});
export default config;
