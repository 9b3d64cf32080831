#!/usr/bin/env node
// The `stalking-plan` command: lets a force analyst check and summarise a plan file without code.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { runCli } from "./cli/run";

void runCli(process.argv.slice(2), {
  readFile: (path) => readFile(path, "utf8"),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  today: () => new Date().toISOString().slice(0, 10),
  // dist/cli.js and src/cli.ts both sit one folder below package.json.
  version: (createRequire(import.meta.url)("../package.json") as { version: string }).version,
}).then((code) => {
  process.exitCode = code;
});
