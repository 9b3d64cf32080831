// @ts-check
/**
 * The one build shape every publishable package shares: ESM + CJS with matching type
 * declarations, peers left external. Keeping it in one factory means a switch of bundler
 * (tsup is in maintenance mode) is a change to this file only.
 *
 * @param {{ entry?: Record<string, string> | string[]; external?: string[]; onSuccess?: string }} [options]
 * @returns {import("tsup").Options}
 */
export function defineLibraryConfig(options = {}) {
  return {
    entry: options.entry ?? { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: "es2022",
    splitting: false,
    // Peers and workspace siblings are resolved by the consumer, never bundled.
    external: ["react", "react-dom", "zod", "xstate", /^@stalking-response\//, ...(options.external ?? [])],
    ...(options.onSuccess ? { onSuccess: options.onSuccess } : {}),
  };
}
