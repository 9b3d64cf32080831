// Adds up the "Tests  N failed | N passed | N skipped (T)" lines of every vitest run in a turbo log
// and prints one closing line, "N passed, N failed, N skipped", for whoever reads the CI output.
import { readFileSync } from "node:fs";

const log = readFileSync(process.argv[2] ?? 0, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
const totals = { passed: 0, failed: 0, skipped: 0 };
let runs = 0;
for (const line of log.split("\n")) {
  const match = /:test:\s+Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!match?.[1]) continue;
  runs += 1;
  for (const [, count, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind === "todo") totals.skipped += Number(count);
    else totals[kind] += Number(count);
  }
}
console.log(`\nvitest runs: ${runs}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
