import type { Options } from "tsup";
import { defineModularLibraryConfig } from "@stalking-response/tooling/tsup";

// One ESM file per module, so an app importing a constant or a query does not bundle the dataset.
// The CLI is a second entry so `bin` ships a self-contained dist/cli.js; its source starts with a
// `#!/usr/bin/env node` line, which esbuild keeps and tsup marks executable.
const config: Options[] = defineModularLibraryConfig({ entry: { index: "src/index.ts", cli: "src/cli.ts" } });
export default config;
