import type { Options } from "tsup";
import { defineLibraryConfig } from "@stalking-response/tooling/tsup";

// The CLI is a second entry so `bin` ships a self-contained dist/cli.js; its source starts with a
// `#!/usr/bin/env node` line, which esbuild keeps and tsup marks executable.
const config: Options = defineLibraryConfig({ entry: { index: "src/index.ts", cli: "src/cli.ts" } });
export default config;
