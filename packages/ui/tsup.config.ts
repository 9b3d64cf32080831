import type { Options } from "tsup";
import { defineLibraryConfig } from "@stalking-response/tooling/tsup";

const config: Options = defineLibraryConfig();
export default config;
