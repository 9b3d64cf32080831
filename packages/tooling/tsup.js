// @ts-check
/**
 * The one build shape every publishable package shares: ESM + CJS with matching type
 * declarations, peers left external. Keeping it in one factory means a switch of bundler
 * (tsup is in maintenance mode) is a change to this file only.
 *
 * Published dist is readable by default (see docs/decisions/0002-readable-dist.md): consumers' bundlers
 * minify anyway, and a force developer stepping through our code in Node or devtools should see the code
 * we wrote. Size targets are measured minified by the benches under `bench/`, not on the shipped files.
 *
 * @param {object} [options]
 * @param {Record<string, string> | string[]} [options.entry] Entry points (default `{ index: "src/index.ts" }`).
 * @param {string[]} [options.external] Extra modules to leave external, beside the peers and workspace siblings.
 * @param {string} [options.onSuccess] A command to run after a successful build (tsup cleans `dist/` first).
 * @param {boolean} [options.minify] Minify the JS output (esbuild; sourcemaps still point at the sources).
 *   Default `false`. Only for an artefact that is loaded as it is, never bundled again (a `<script>` file,
 *   a measurement build); published library entries stay readable.
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
    minify: options.minify ?? false,
    splitting: false,
    // Peers and workspace siblings are resolved by the consumer, never bundled.
    external: ["react", "react-dom", "zod", "xstate", /^@stalking-response\//, ...(options.external ?? [])],
    ...(options.onSuccess ? { onSuccess: options.onSuccess } : {}),
  };
}
