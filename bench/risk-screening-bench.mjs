// Size and speed of @stalking-response/risk-screening, measured on the built bundles.
// Run with `pnpm --filter @stalking-response/risk-screening bench` (turbo builds first).
// Targets (issue 4): core ESM ≤ 15 KB gzip excluding xstate; a ~60-event full run < 5 ms median.
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

const pkg = new URL("../packages/risk-screening/", import.meta.url);
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB (${bytes} B)`;
const gzip = (code) => gzipSync(code, { level: 9 }).length;
// esbuild comes with tsup (a dev dependency of the package); minify as a consumer's bundler would.
const esbuild = createRequire(realpathSync(new URL("node_modules/tsup/package.json", pkg)))("esbuild");

for (const entry of ["index", "practice"]) {
  const code = readFileSync(new URL(`dist/${entry}.js`, pkg), "utf8");
  const minified = esbuild.transformSync(code, { minify: true, format: "esm", target: "es2022" }).code;
  const externals = [...new Set([...code.matchAll(/^import\b[^;]*?from\s*['"]([^'"./][^'"]*)['"]/gm)].map((m) => m[1]))].sort();
  console.log(
    `${entry === "index" ? "core" : "practice"} ESM dist/${entry}.js: ${kb(code.length)} raw, ${kb(gzip(code))} gzip; ` +
      `minified ${kb(minified.length)}, ${kb(gzip(minified))} gzip (external, not counted: ${externals.join(", ")})`,
  );
  if (entry === "index") console.log(`  target ≤ 15 KB gzip (minified): ${gzip(minified) <= 15 * 1024 ? "met" : "NOT met"}`);
}

const { createScreeningMachine } = await import(new URL("dist/index.js", pkg).href);
const { exampleForceConfig, practiceScenarios, runScreening } = await import(new URL("dist/practice.js", pkg).href);

// The fictional breach scenario, lengthened the way real use lengthens it: more incidents, going back
// and answering again, and a few rejected submissions.
const scenario = practiceScenarios.find((s) => s.id === "breached-spo-ex-partner");
const instrumentStart = scenario.events.findIndex((e) => e.type === "answer.submit" && "fear" in e.answers);
const events = [];
for (const [i, event] of scenario.events.entries()) {
  events.push(event);
  if (event.type === "incident.add" && i < 10) {
    events.push({ type: "incident.add", incident: { date: "2026-01-15", behaviours: ["contacting"] } });
    events.push({ type: "incident.add", incident: { date: "2026-01-16", behaviours: ["watchingOrSpying"] } });
  }
  if (i > instrumentStart && i <= instrumentStart + 5) events.push({ type: "step.back" }, scenario.events[i]);
  if (event.type === "answer.submit" && i % 4 === 0) events.push({ type: "answer.submit", answers: { nonsense: "x" } });
}

const machine = createScreeningMachine({ clock: () => new Date("2026-03-01T10:00:00Z") });
const run = () => runScreening(events, { config: exampleForceConfig, machine });
const check = run();
if (check.outcome?.status !== "completed") throw new Error(`bench run did not complete: ${JSON.stringify(check.value)}`);

const runs = 300;
for (let i = 0; i < 30; i += 1) run();
const times = [];
for (let i = 0; i < runs; i += 1) {
  const start = performance.now();
  run();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const quantile = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(
  `full screening run: ${events.length} events (${check.rejections.length} rejected), ${runs} runs: ` +
    `median ${quantile(0.5).toFixed(3)} ms, p95 ${quantile(0.95).toFixed(3)} ms, min ${times[0].toFixed(3)} ms`,
);
console.log(`  target < 5 ms median: ${quantile(0.5) < 5 ? "met" : "NOT met"}`);
