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
 * @param {Record<string, string>} [options.entry] Entry points (default `{ index: "src/index.ts" }`).
 * @param {string[]} [options.external] Extra modules to leave external, beside the peers and workspace siblings.
 * @param {string} [options.onSuccess] A command to run after a successful build (tsup cleans `dist/` first).
 * @param {boolean} [options.minify] Minify the JS output (esbuild; sourcemaps still point at the sources).
 *   Default `false`. Only for an artefact that is loaded as it is, never bundled again (a `<script>` file,
 *   a measurement build); published library entries stay readable.
 * @returns {import("tsup").Options}
 */
export function defineLibraryConfig(options = {}) {
  const entry = options.entry ?? { index: "src/index.ts" };
  return {
    ...sharedOptions(options),
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    treeshake: true,
    splitting: false,
    ...(options.onSuccess ? { onSuccess: options.onSuccess } : {}),
  };
}

/**
 * The same build, but the ESM output keeps one file per source module (every module is an entry and esbuild
 * splits what they share), so a consumer's bundler drops every module whose exports go unused, top-level
 * code and all, on the strength of `sideEffects: false`. To a bundler one bundled file is one module: a
 * single used export keeps every top-level statement that might have an effect (a `.map` over imported data,
 * `new Intl.DateTimeFormat`, a zod schema) and, through them, whole sibling packages. CommonJS stays one
 * bundled file per public entry, since nothing tree-shakes CommonJS. Declarations are emitted for the public
 * entries only.
 *
 * The two builds write to dist/ at once, so neither cleans it: the package's build script removes dist/
 * first. `onSuccess` runs after the ESM build.
 *
 * @param {object} [options] As for {@link defineLibraryConfig}.
 * @param {Record<string, string>} [options.entry]
 * @param {string[]} [options.external]
 * @param {string} [options.onSuccess]
 * @param {boolean} [options.minify]
 * @returns {import("tsup").Options[]}
 */
export function defineModularLibraryConfig(options = {}) {
  const entry = options.entry ?? { index: "src/index.ts" };
  return [
    {
      ...sharedOptions(options),
      entry: [
        "src/**/*.{ts,tsx}",
        "!src/**/*.test.{ts,tsx}",
        "!src/**/*.stories.{ts,tsx}",
        "!src/**/*.fixtures.{ts,tsx}",
        "!src/test-utils/**",
      ],
      dts: { entry },
      format: ["esm"],
      splitting: true,
      ...(options.onSuccess ? { onSuccess: options.onSuccess } : {}),
    },
    { ...sharedOptions(options), entry, dts: { entry }, format: ["cjs"], treeshake: true, splitting: false },
  ];
}

/**
 * @param {{ external?: string[] | undefined, minify?: boolean | undefined }} options
 * @returns {import("tsup").Options}
 */
function sharedOptions(options) {
  return {
    sourcemap: true,
    target: "es2022",
    minify: options.minify ?? false,
    // Peers and workspace siblings are resolved by the consumer, never bundled.
    external: [
      "react",
      "react-dom",
      "zod",
      "xstate",
      /^@xstate\//,
      /^@stalking-response\//,
      ...(options.external ?? []),
    ],
  };
}
