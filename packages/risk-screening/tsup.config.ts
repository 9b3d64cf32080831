import type { Options } from "tsup";
import { defineLibraryConfig } from "@stalking-response/tooling/tsup";

const config: Options = defineLibraryConfig({ entry: { index: "src/index.ts", practice: "src/practice.ts" } });
export default config;
